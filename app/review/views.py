"""Policy teams' pages: the blueprint, and theme review with links to policy.

Runs (``runs``), the codebook and reports add their routes to ``bp`` from their own modules."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..security import guard
from ..services import ServiceError, reports, review, runs
from .forms import AddLinkForm, AddNoteForm, LinkDecisionForm, MoveNoteForm, ThemeForm

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")
guard(bp, "analyst", "organizer", "admin")


def _load(getter, object_id):
    try:
        return getter(object_id)
    except LookupError:
        abort(404)


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
def theme(theme_id):
    theme = _load(review.get_theme, theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        try:
            review.update_theme(current_user, theme, label=form.label.data, summary=form.summary.data,
                                status=form.status.data)
        except ServiceError as error:
            getattr(form, error.field or "label").errors.append(error.message)
        else:
            flash(_("Theme saved."))
            return redirect(url_for(".theme", theme_id=theme.id))
    others = [(str(t.id), t.label) for t in theme.run.themes if t.id != theme.id]
    move_form = MoveNoteForm()
    move_form.theme.choices = [("", _("No theme (unassigned)"))] + others
    add_form = AddNoteForm()
    add_form.note_id.choices = [(n.id, n.text[:80]) for n in review.unassigned_notes(theme.run)]
    link_form = AddLinkForm()
    link_form.target.choices = [(key, "%s (%.2f)" % (text, score)) for key, text, score in review.link_candidates(theme)]
    return render_template(
        "review/theme.html", theme=theme, form=form, notes=review.theme_notes(theme),
        links=review.theme_links(theme), move_form=move_form, add_form=add_form, link_form=link_form,
        decision_form=LinkDecisionForm(),
    )


@bp.post("/themes/<int:theme_id>/move")
def move_note(theme_id):
    theme = _load(review.get_theme, theme_id)
    form = MoveNoteForm()
    if form.validate_on_submit() and form.note_id.data.isdigit():
        target = int(form.theme.data) if form.theme.data and form.theme.data.isdigit() else None
        try:
            review.move_note(current_user, int(form.note_id.data), theme, target)
            flash(_("Note moved."))
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for(".theme", theme_id=theme.id))


@bp.post("/themes/<int:theme_id>/add-note")
def add_note(theme_id):
    theme = _load(review.get_theme, theme_id)
    form = AddNoteForm()
    if form.validate_on_submit():
        try:
            review.add_note(current_user, theme, form.note_id.data)
            flash(_("Note added to the theme."))
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for(".theme", theme_id=theme.id))


@bp.post("/themes/<int:theme_id>/links")
def decide_link(theme_id):
    theme = _load(review.get_theme, theme_id)
    form = LinkDecisionForm()
    if form.validate_on_submit() and form.link_id.data.isdigit():
        try:
            review.decide_link(current_user, int(form.link_id.data), form.decision.data)
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for(".theme", theme_id=theme.id) + "#links")


@bp.post("/themes/<int:theme_id>/links/add")
def add_link(theme_id):
    theme = _load(review.get_theme, theme_id)
    form = AddLinkForm()
    if form.validate_on_submit():
        try:
            review.add_link(current_user, theme, form.target.data)
            flash(_("Link confirmed."))
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for(".theme", theme_id=theme.id) + "#links")


@bp.get("/runs/<int:run_id>")
def run(run_id):
    run = _load(runs.get_run, run_id)
    return render_template("review/run.html", run=run, themes=runs.theme_rows(run),
                           unassigned=runs.unassigned_notes(run), report=reports.report_for_run(run))
