"""The time zone dates and times are shown in: the engagement's (``Engagement.timezone``), else
the HEARD_DEFAULT_TIMEZONE setting. Stored times stay UTC (``models.types.UTCDateTime``).

A view about one engagement calls :func:`use_engagement`; Flask-Babel's ``format_datetime`` and
``format_date`` (and the ``datetime``/``date`` filters built on them) then rebase to that zone
for the rest of the request. Where a time could be misread, the zone is named beside it."""
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import get_timezone_name
from flask import current_app, g, has_request_context, request
from flask_babel import format_date, format_datetime, get_locale

DEFAULT = "America/Los_Angeles"


def is_valid(name):
    """True for an IANA zone name this machine's zoneinfo knows ("UTC" included)."""
    if not name or not isinstance(name, str) or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def default_zone():
    return current_app.config.get("HEARD_DEFAULT_TIMEZONE") or DEFAULT


def zone_of(engagement):
    """The zone name an engagement's dates are shown in."""
    name = getattr(engagement, "timezone", None)
    return name if name and is_valid(name) else default_zone()


def use_engagement(engagement):
    """Show this request's dates and times in ``engagement``'s zone."""
    if has_request_context():
        g.heard_timezone = zone_of(engagement)


def init_app(app, engagement_for):
    """Every page whose address names an engagement, or something of one (a session, a note, a
    run...: ``engagement_for(request.view_args)``), shows its dates in that engagement's zone.

    The engagement is looked up when the request first needs its zone (a date is formatted),
    not before every request: a POST that redirects or answers JSON shows no date, and a
    rush of them should not pay for the lookup."""
    app.extensions["heard_engagement_for"] = engagement_for


def _zone_from_address():
    engagement_for = current_app.extensions.get("heard_engagement_for")
    if engagement_for is None or not request.view_args:
        return None
    engagement = engagement_for(request.view_args)
    return zone_of(engagement) if engagement is not None else None


def selector():
    """Flask-Babel's timezone selector: the zone :func:`use_engagement` chose, else the zone
    of the engagement the page's address names, else the default."""
    if not has_request_context():
        return default_zone()
    if "heard_timezone" not in g:
        g.heard_timezone = _zone_from_address()
    return g.heard_timezone or default_zone()


def _zone(zone):
    return ZoneInfo(zone) if zone else ZoneInfo(selector())


def zone_label(dt, zone=None):
    """The zone's short name at ``dt`` in the reader's locale ("PST", or "-0800")."""
    local = dt.astimezone(_zone(zone))
    return get_timezone_name(local, "short", locale=get_locale() or "en")


def datetime_filter(dt, zone=None):
    """A date and time in the engagement's zone, the zone named (a time is easy to misread)."""
    if dt is None:
        return ""
    local = dt.astimezone(_zone(zone))
    return "%s %s" % (format_datetime(local, "medium", rebase=False), zone_label(local, zone))


def date_filter(value, zone=None):
    """A date; a stored datetime becomes the day it was in the engagement's zone."""
    if value is None:
        return ""
    if hasattr(value, "astimezone") and hasattr(value, "hour"):
        value = value.astimezone(_zone(zone))
        return format_date(value, "long", rebase=False)
    return format_date(value, "long")


def export_stamp(dt, zone):
    """A date and time for a CSV cell: ``2026-11-21 19:00 PST`` in ``zone`` (named)."""
    if dt is None:
        return ""
    return dt.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")
