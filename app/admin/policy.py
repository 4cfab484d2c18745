"""Resolutions and action plans (routes on the admin blueprint)."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import select_language
from ..services import ServiceError, policy
from ..services.content import pick
from .policy_forms import EditActionForm, NewActionForm, ResolutionForm
from .views import bp


def _page(resolution_form=None, action_form=None):
    engagements, resolutions, plans = policy.overview()
    resolution_form = resolution_form or ResolutionForm(prefix="resolution")
    action_form = action_form or NewActionForm(prefix="action")
    language = select_language()
    choices = [(e.id, pick(e.translations, language, e.default_language).name if e.translations else e.slug)
               for e in engagements]
    resolution_form.engagement.choices = action_form.engagement.choices = choices
    return render_template("admin/policy.html", resolutions=resolutions, plans=plans,
                           resolution_form=resolution_form, action_form=action_form,
                           is_overdue=policy.is_overdue)


def _show_error(form, error):
    field = getattr(form, error.field or "", None)
    if field is not None:
        field.errors.append(error.message)
    else:
        flash(error.message, "error")


@bp.get("/policy")
def policy_home():
    return _page()


@bp.post("/policy/resolutions")
def policy_add_resolution():
    form = ResolutionForm(prefix="resolution")
    form.engagement.choices = [(form.engagement.data, "")]
    if form.validate_on_submit():
        try:
            policy.add_resolution(current_user, engagement_id=form.engagement.data, number=form.number.data,
                                  title=form.title.data, adopted_on=form.adopted_on.data,
                                  clauses_text=form.clauses.data)
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("Resolution saved."))
            return redirect(url_for("admin.policy_home"), code=303)
    return _page(resolution_form=form), 400


@bp.post("/policy/actions")
def policy_add_action():
    form = NewActionForm(prefix="action")
    form.engagement.choices = [(form.engagement.data, "")]
    if form.validate_on_submit():
        try:
            policy.add_action(current_user, engagement_id=form.engagement.data, plan_title=form.plan_title.data,
                              goal=form.goal.data, action_step=form.action_step.data,
                              departments=form.departments.data, status=form.status.data,
                              deadline=form.deadline.data)
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("Action saved."))
            return redirect(url_for("admin.policy_home"), code=303)
    return _page(action_form=form), 400


@bp.route("/policy/actions/<int:item_id>", methods=["GET", "POST"])
def policy_action(item_id):
    try:
        item = policy.get_action(item_id)
    except LookupError:
        abort(404)
    form = EditActionForm(obj=item)
    if form.validate_on_submit():
        try:
            policy.update_action(current_user, item, goal=form.goal.data, action_step=form.action_step.data,
                                 departments=form.departments.data, status=form.status.data,
                                 deadline=form.deadline.data, progress_note=form.progress_note.data)
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("Progress saved. The public tracker shows it now."))
            return redirect(url_for("admin.policy_home"), code=303)
    return render_template("admin/policy_action.html", item=item, form=form)
