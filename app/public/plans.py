"""The public plan tracker: one action plan as written, with its measures of success, the
status history of its actions and the log of its quarterly reviews (routes on the public
blueprint). Read only; no JavaScript: the charts are SVG drawn here, each with its table."""
from flask import render_template
from flask_babel import format_decimal

from .. import i18n
from ..database import reads_only
from ..services.plans import links, tracker
from ..services.reports import texts
from .views import bp


@bp.get("/progress/plans/<int:plan_id>")
@reads_only
def plan_tracker_page(plan_id):
    plan = tracker.get_plan(plan_id)
    language = i18n.select_language()
    rtl = i18n.text_direction(language) == "rtl"
    return render_template("public/plan_tracker.html", data=tracker.tracker(plan, rtl=rtl),
                           plan=plan, tr=tracker.translator(plan, language), language=language,
                           num=format_decimal, level_themes=links.tracker_themes(plan),
                           theme_label=texts.theme_label)
