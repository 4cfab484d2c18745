"""Policy teams' pages: themes, links, reports."""
from flask import Blueprint, render_template

from ..security import guard
from ..services import review

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")
guard(bp, "analyst", "organizer", "admin")


@bp.get("/")
def home():
    return render_template("review/home.html", runs=review.recent_runs())
