"""Sign-in plumbing and the one guard each staff blueprint installs."""
import logging
import re
from urllib.parse import unquote, urlsplit

from flask import abort, redirect, request, url_for
from flask_login import current_user
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


def init_app(app):
    werkzeug_log = logging.getLogger("werkzeug")
    if not any(isinstance(f, MaskManageLinks) for f in werkzeug_log.filters):
        werkzeug_log.addFilter(MaskManageLinks())
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
    """Let only signed-in staff with one of ``roles`` into ``blueprint``."""

    @blueprint.before_request
    def require_role():
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if not current_user.has_role(*roles):
            abort(403)


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
