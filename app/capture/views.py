"""Notetakers' pages."""
from flask import Blueprint, render_template
from flask_login import current_user

from ..security import guard
from ..services import capture

bp = Blueprint("capture", __name__, url_prefix="/capture", template_folder="templates")
guard(bp, "notetaker", "organizer", "admin")


@bp.get("/")
def home():
    return render_template("capture/home.html", tables=capture.assigned_tables(current_user))
