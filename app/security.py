"""Sign-in plumbing, the one guard each staff blueprint installs, and the defences every
request goes through: same-origin changes, safe redirect targets, refusals on record."""
import logging
import re
from urllib.parse import unquote, urlsplit

from flask import abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.routing import UnicodeConverter
from werkzeug.urls import iri_to_uri

from .extensions import csrf, db, login
from .ids import parse_id


class MaskManageLinks(logging.Filter):
    """The development server (``make run``) logs each request line: keep residents' manage
    links out of it, as gunicorn's logger does in production (deploy/gunicorn.conf.py)."""

    LINK = re.compile(r"/r/[^/?\s]+(\?[^\s\"]*)?")

    def filter(self, record):
        message = record.getMessage()
        if "/r/" in message:
            record.msg, record.args = self.LINK.sub("/r/[private]", message), ()
        return True


class PathSegment(UnicodeConverter):
    """The default converter (``/sessions/<slug>``, ``/r/<token>``) without control
    characters: an address holding one names nothing here. A 404, never a database error
    (PostgreSQL refuses a NUL in a query)."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", r"[^/\x00-\x1f\x7f-\x9f]", 1)


def init_app(app):
    # Before any blueprint adds its rules: they are compiled with the converters of this moment.
    app.url_map.converters.update(default=PathSegment, string=PathSegment)
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, MaskManageLinks) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(MaskManageLinks())
    app.before_request(same_origin_changes)  # before CSRFProtect's check: the second line first
    csrf.init_app(app)
    login.init_app(app)
    login.login_view = "auth.login"
    login.session_protection = "strong"

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

    @app.after_request
    def refusals_on_record(response):
        if response.status_code == 403:
            record_refusal()
        return response


# --- Changes come from Heard's own pages ------------------------------------------------------

CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url):
    """``("https", "listen.example.gov", 443)`` for any URL of that origin; None for ``null``
    and for what is not an http(s) origin."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def allowed_origins():
    """The request's own origin (scheme and Host as Heard sees them, behind a proxy that sets
    X-Forwarded-Proto) and the configured ``HEARD_BASE_URL``."""
    return {o for o in (origin_of(request.host_url), origin_of(current_app.config.get("HEARD_BASE_URL")))
            if o is not None}


def same_origin_changes():
    """A second line behind the CSRF token: a change (POST, PUT, PATCH, DELETE) whose browser
    says it comes from another site is refused. ``Origin`` must be this site's. ``null`` (sent
    by sandboxed frames, some redirects, and by any form on a page whose referrer policy is
    ``no-referrer``) is refused unless the browser also says ``Sec-Fetch-Site: same-origin``,
    which a page cannot forge. Without ``Origin`` (older browsers), ``Sec-Fetch-Site:
    cross-site`` is refused; with neither header the request goes on to the CSRF check."""
    if request.method not in CHANGING_METHODS:
        return None
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if origin is not None:
        if origin_of(origin) in allowed_origins():
            return None
        if origin.strip() == "null" and fetch_site == "same-origin":
            return None
    elif fetch_site != "cross-site":
        return None
    g.heard_refusal = "cross-origin"
    title = _("This request came from another website")
    message = _("Heard accepts changes only from its own pages. Nothing was changed. Open the page "
                "on this site again and try once more.")
    if request.is_json or request.accept_mimetypes.best == "application/json":
        return jsonify({"ok": False, "error": message, "errors": {}}), 403
    return render_template("error.html", code=403, title=title, message=message), 403


# --- Refusals on record -------------------------------------------------------------------------

log = logging.getLogger(__name__)


def record_refusal():
    """Every 403 leaves a line in the application log (who, with which role, what, why) and,
    for a signed-in person, a row in the audit log. Residents' private links are masked and
    no query string is kept. Anonymous refusals are logged only, so strangers cannot fill
    the audit table."""
    path = MaskManageLinks.LINK.sub("/r/[private]", request.path)
    reason = g.get("heard_refusal", "")
    user = current_user._get_current_object() if current_user and current_user.is_authenticated else None
    user_id, role = (user.id, user.role) if user is not None else (None, None)
    log.warning("refused (403): user=%s role=%s %s %s%s", user_id or "-", role or "anonymous",
                request.method, path, f" reason={reason}" if reason else "")
    if user is None:
        return
    from .platform import audit

    try:
        audit.record_refusal(user_id, method=request.method, path=path, reason=reason)
    except SQLAlchemyError:
        db.session.rollback()
        log.exception("could not write the audit row for a refused request")


@login.user_loader
def load_user(token):
    """Look a user up by ``"<id>:<session token>"``; a token rotated at sign-out fails."""
    from .models import User

    user_id, _, session_token = token.partition(":")
    user_id = parse_id(user_id)
    if user_id is None or not session_token:
        return None
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_token != session_token:
        return None
    return user


def guard(blueprint, *roles):
    """Let only signed-in staff with one of ``roles`` into ``blueprint``; no browser or proxy
    keeps a copy of a file they download there (notes, rosters, needs, draft reports all hold
    residents' words or personal data)."""

    @blueprint.before_request
    def require_role():
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not current_user.has_role(*roles):
            g.heard_refusal = "role"
            abort(403)

    @blueprint.after_request
    def downloads_are_not_stored(response):
        if "attachment" in response.headers.get("Content-Disposition", ""):
            response.headers["Cache-Control"] = "no-store"
        return response


# C0 controls (TAB, CR, LF, NUL...), DEL and C1 controls: browsers drop some of them from an
# address (``/\t/evil.example`` becomes ``//evil.example``) and a header cannot carry others.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def is_safe_next(target):
    """True for a path on this site to go back to (``/capture/``, ``/admin/users?q=a``), and
    for nothing a browser could read as another site: ``//evil.example``, ``/\\evil.example``,
    ``https:evil.example``, ``/<TAB>/evil.example``, ``/%2f%2fevil.example``, ``/%5cevil``...

    Any control character or backslash refuses the target, also once percent-decoded (as far
    as decoding changes it), and so does any form ``urlsplit`` reads a scheme or a host in."""
    if not isinstance(target, str) or not target.startswith("/"):
        return False
    seen = set()
    form = target
    while form not in seen:
        seen.add(form)
        if _CONTROL.search(form) or "\\" in form or form.startswith("//"):
            return False
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return False
        form = unquote(form)
    return True


def safe_redirect(target, fallback):
    """Redirect to ``target`` when :func:`is_safe_next` allows it, else to ``fallback``; the
    target is sent percent-encoded (``/é`` as ``/%C3%A9``), as a Location header must be."""
    return redirect(iri_to_uri(target) if is_safe_next(target) else fallback)
