"""Friendly, translated error pages."""
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError

from .extensions import db


def init_app(app):
    def page(code, title, message):
        return render_template("error.html", code=code, title=title, message=message), code

    @app.errorhandler(400)
    def bad_request(error):
        return page(400, _("Something was wrong with that request"), _("Please go back and try again."))

    @app.errorhandler(403)
    def forbidden(error):
        return page(403, _("You do not have access to this page"), _("Sign in with an account that has access, or ask an organizer."))

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("Page not found"), _("The page may have moved. Start again from the home page."))

    @app.errorhandler(413)
    def too_large(error):
        return page(413, _("That file or form is too large"), _("Please send something smaller."))

    @app.errorhandler(429)
    def too_many(error):
        return page(429, _("Too many tries"), _("Please wait a few minutes and try again."))

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        db.session.rollback()
        app.logger.error("database unavailable: %s", type(error.orig).__name__)
        response = page(503, _("Heard is busy right now"), _("Nothing was saved. Please try again in a minute."))
        return response[0], 503, {"Retry-After": "30"}

    @app.errorhandler(500)
    def server_error(error):
        return page(500, _("Something went wrong on our side"), _("Nothing you typed was shared. Please try again."))
