"""Analysis runs: start one, watch it, see its themes (routes on the review blueprint)."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from ..i18n import select_language
from ..services import ServiceError, review, runs
from ..services.content import pick
from .runs_forms import RunForm
from .views import bp


def _engagement_choices():
    choices = []
    for engagement in review.engagements():
        name = pick(engagement.translations, select_language(), engagement.default_language)
        choices.append((engagement.id, name.name if name else engagement.slug))
    return choices


@bp.route("/", methods=["GET", "POST"])
def home():
    form = RunForm()
    form.engagement.choices = _engagement_choices()
    if form.validate_on_submit():
        themes = form.themes.data if form.themes.data == "auto" else int(form.themes.data)
        try:
            run = runs.start_run(current_user, form.engagement.data, n_themes=themes)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            return redirect(url_for(".run", run_id=run.id))
    return render_template("review/home.html", runs=runs.recent_runs(), form=form)
