"""Sign-in plumbing and the one guard each staff blueprint installs."""
import logging
import re

from flask import abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.routing import UnicodeConverter

from .extensions import csrf, db, login


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
    if not user_id.isdigit() or not session_token:
        return None
    user = db.session.get(User, int(user_id))
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


def is_safe_next(target):
    """Only local paths: ``/capture/``, never ``//evil.example`` or ``https://...``."""
    return bool(target) and target.startswith("/") and not target.startswith("//") and "\\" not in target
