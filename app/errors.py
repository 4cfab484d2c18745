"""Friendly, translated error pages; a JSON answer for clients that send or want JSON.

A handler must answer whatever went wrong before it: the database session is rolled back
first, and if the page itself cannot be built, a short plain answer is sent instead."""
from datetime import UTC, datetime

from flask import jsonify, render_template, request
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError

from .extensions import db
from .platform.errors import Forbidden, NotFound
from .ratelimit import DEFAULT_RETRY_AFTER


def retry_after_seconds(error):
    """The seconds a 429 asks the client to wait: what ``abort(429, retry_after=…)`` or
    ``TooManyRequests(retry_after=…)`` said, else a minute."""
    value = getattr(error, "retry_after", None)
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return max(int((value - datetime.now(UTC)).total_seconds()), 1)
    return max(int(value), 1) if value else DEFAULT_RETRY_AFTER


def _wants_json():
    return request.is_json or request.accept_mimetypes.best == "application/json"


def init_app(app):
    def page(code, title, message):
        if code >= 500:
            try:
                db.session.rollback()  # the failed request may have left the session unusable
            except Exception:
                app.logger.exception("rollback before error page %d failed", code)
        try:
            if _wants_json():
                return jsonify({"ok": False, "error": str(title), "message": str(message), "errors": {}}), code
            return render_template("error.html", code=code, title=title, message=message), code
        except Exception:
            app.logger.exception("error page %d could not be built", code)
            return f"Error {code}\n", code, {"Content-Type": "text/plain; charset=utf-8"}

    @app.errorhandler(400)
    def bad_request(error):
        return page(400, _("Something was wrong with that request"), _("Please go back and try again."))

    @app.errorhandler(403)
    def forbidden(error):
        return page(403, _("You do not have access to this page"),
                    _("Sign in with an account that has access, or ask an organizer."))

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("Page not found"), _("The page may have moved. Start again from the home page."))

    @app.errorhandler(NotFound)
    def service_not_found(error):
        return not_found(error)

    @app.errorhandler(Forbidden)
    def service_forbidden(error):
        return forbidden(error)

    @app.errorhandler(413)
    def too_large(error):
        return page(413, _("That file or form is too large"), _("Please send something smaller."))

    @app.errorhandler(429)
    def too_many(error):
        body, status = page(429, _("Too many tries"), _("Please wait a few minutes and try again."))
        return body, status, {"Retry-After": str(retry_after_seconds(error))}

    @app.after_request
    def every_429_says_when(response):
        # Views that answer 429 themselves (a form given back) set their own Retry-After.
        if response.status_code == 429 and "Retry-After" not in response.headers:
            response.headers["Retry-After"] = str(DEFAULT_RETRY_AFTER)
        return response

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        db.session.rollback()
        app.logger.error("database unavailable: %s", type(error.orig).__name__)
        response = page(503, _("Heard is busy right now"), _("Nothing was saved. Please try again in a minute."))
        return response[0], 503, {"Retry-After": "30"}

    @app.errorhandler(500)
    def server_error(error):
        return page(500, _("Something went wrong on our side"), _("Nothing you typed was shared. Please try again."))
