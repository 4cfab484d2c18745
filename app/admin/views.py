"""Organizers' and administrators' pages."""
from flask import Blueprint, abort, render_template
from flask_login import current_user

from ..services.accounts import overview

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.get("/")
def home():
    upcoming, past = overview.sessions_by_time()
    return render_template("admin/home.html", upcoming=upcoming, past=past)


@bp.get("/users")
def users():
    if not current_user.has_role("admin"):
        abort(403)
    return render_template("admin/users.html", users=overview.all_users())
