"""Template helpers: dates in the venue's or the engagement's time zone, translated content."""
from zoneinfo import ZoneInfo

from flask_babel import format_date, format_time, get_locale, gettext

from . import bidi, i18n, timezones
from .labels import LABELS, label
from .platform.localized import pick


def local(dt, zone):
    return dt.astimezone(ZoneInfo(zone))


def session_when(session):
    """"Tuesday, December 2, 2026, 6:00 PM – 8:00 PM" in the reader's locale, venue's zone."""
    start = local(session.starts_at, session.timezone)
    end = local(session.ends_at, session.timezone)
    # TRANSLATORS: a session's day and its start and end times; use your language's comma
    # (Arabic: "،") and range dash.
    return gettext(
        "%(day)s, %(start)s – %(end)s",
        day=format_date(start, "full", rebase=False),  # the venue's day, not UTC's
        start=format_time(start, "short", rebase=False),
        end=format_time(end, "short", rebase=False),
    )


def session_content(session):
    return pick(session.translations, i18n.select_language(), session.engagement.default_language)


def isolate(value, ltr=False):
    """Jinja filter for plain text (e-mail, SMS): ``value`` between Unicode isolates when the
    message is right to left or the value holds right-to-left letters (see ``app.bidi``)."""
    locale = get_locale()
    rtl = bool(locale) and locale.character_order == "right-to-left"
    return bidi.isolate(value, rtl, ltr=ltr)


def init_app(app):
    app.jinja_env.globals.update(
        session_when=session_when, session_content=session_content, native_language_name=i18n.native_name,
        language_direction=i18n.text_direction, label=label, labels=LABELS, reader_language=i18n.select_language,
    )
    # In the engagement's time zone (see app.timezones); ``|date(zone)`` for a list of several.
    app.jinja_env.filters["datetime"] = timezones.datetime_filter
    app.jinja_env.filters["date"] = timezones.date_filter
    app.jinja_env.globals.update(zone_of=timezones.zone_of)
    app.jinja_env.filters["isolate"] = isolate
