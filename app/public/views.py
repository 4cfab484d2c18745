"""Residents' pages: home, session list, language choice."""
from flask import Blueprint, current_app, redirect, render_template, request

from .. import i18n
from ..security import is_safe_next
from ..services import sessions

bp = Blueprint("public", __name__, template_folder="templates")


@bp.get("/")
def home():
    language = i18n.select_language()
    return render_template("public/home.html", sessions=sessions.public_sessions(language))


@bp.get("/language/<code>")
def choose_language(code):
    target = request.args.get("next", "/")
    if not is_safe_next(target):
        target = "/"
    response = redirect(target)
    if code in current_app.config["HEARD_LANGUAGES"]:
        response.set_cookie(
            i18n.COOKIE, code, max_age=i18n.COOKIE_MAX_AGE, samesite="Lax", httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
