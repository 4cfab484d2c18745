"""Resolutions and action plans (routes on the admin blueprint, whose guard lets in
organizers and admins): paste or upload a resolution and correct its clauses; import an
action plan from a spreadsheet or edit its actions one by one."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ..forms import show_error
from ..i18n import select_language
from ..platform.localized import pick
from ..services import ServiceError
from ..services.plans import importer
from ..services.policy import commitments
from .policy_forms import (
    CLAUSE_KINDS,
    ButtonForm,
    ClauseForm,
    EditActionForm,
    NewActionForm,
    PlanImportCommitForm,
    PlanImportForm,
    ResolutionEditForm,
    ResolutionForm,
)
from .views import bp


def _actor():
    return current_user._get_current_object()


def _engagement_choices(engagements=None):
    if engagements is None:
        engagements = commitments.overview()[0]
    language = select_language()
    return [(e.id, pick(e.translations, language, e.default_language).name if e.translations else e.slug)
            for e in engagements]


def _page(resolution_form=None, action_form=None, resolution_preview=None):
    engagements, resolutions, plans = commitments.overview()
    resolution_form = resolution_form or ResolutionForm(prefix="resolution")
    action_form = action_form or NewActionForm(prefix="action")
    resolution_form.engagement.choices = action_form.engagement.choices = _engagement_choices(engagements)
    return render_template("admin/policy.html", resolutions=resolutions, plans=plans,
                           resolution_form=resolution_form, action_form=action_form,
                           is_overdue=commitments.is_overdue, clause_kinds=CLAUSE_KINDS,
                           resolution_preview=resolution_preview)


@bp.get("/policy")
def policy_home():
    return _page()


# -- resolutions --------------------------------------------------------------------------

@bp.post("/policy/resolutions")
def policy_add_resolution():
    form = ResolutionForm(prefix="resolution")
    form.engagement.choices = [(form.engagement.data, "")]
    if form.validate_on_submit() and "preview" in request.form:
        upload = form.file.data
        try:
            text, found = commitments.resolution_source(
                text=form.text.data or "",
                upload=(upload.filename, upload.read()) if upload and upload.filename else None)
        except ServiceError as error:
            show_error(form, error)
        else:
            form.text.data = text  # an uploaded file's text, to check and save without uploading again
            return _page(resolution_form=form, resolution_preview=found)
    elif form.validate_on_submit():
        upload = form.file.data
        try:
            resolution = commitments.add_resolution(
                _actor(), engagement_id=form.engagement.data, number=form.number.data, title=form.title.data,
                adopted_on=form.adopted_on.data, text=form.text.data or "",
                upload=(upload.filename, upload.read()) if upload and upload.filename else None)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(ngettext("Resolution saved with %(num)d clause. Check it below.",
                           "Resolution saved with %(num)d clauses. Check them below.", len(resolution.clauses)),
                  "success")
            return redirect(url_for("admin.policy_resolution", resolution_id=resolution.id), code=303)
    return _page(resolution_form=form), 400


def _resolution_page(resolution, form=None, clause_form=None, status=200):
    form = form or ResolutionEditForm(obj=resolution)
    clause_form = clause_form or ClauseForm(formdata=None, kind="resolved")
    return render_template("admin/policy_resolution.html", resolution=resolution, form=form,
                           clause_form=clause_form, button_form=ButtonForm(formdata=None),
                           clause_kinds=CLAUSE_KINDS), status


@bp.route("/policy/resolutions/<int:resolution_id>", methods=["GET", "POST"])
def policy_resolution(resolution_id):
    resolution = commitments.get_resolution(resolution_id)
    form = ResolutionEditForm(obj=resolution)
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                commitments.update_resolution(_actor(), resolution, number=form.number.data, title=form.title.data,
                                         adopted_on=form.adopted_on.data)
            except ServiceError as error:
                show_error(form, error)
            else:
                flash(_("Resolution saved."), "success")
                return redirect(url_for("admin.policy_resolution", resolution_id=resolution.id), code=303)
        return _resolution_page(resolution, form=form, status=400)
    return _resolution_page(resolution, form=form)


@bp.post("/policy/resolutions/<int:resolution_id>/delete")
def policy_delete_resolution(resolution_id):
    resolution = commitments.get_resolution(resolution_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    commitments.delete_resolution(_actor(), resolution)
    flash(_("Resolution deleted."), "success")
    return redirect(url_for("admin.policy_home"), code=303)


@bp.post("/policy/resolutions/<int:resolution_id>/clauses")
def policy_add_clause(resolution_id):
    resolution = commitments.get_resolution(resolution_id)
    form = ClauseForm()
    if form.validate_on_submit():
        try:
            clause = commitments.add_clause(_actor(), resolution, kind=form.kind.data, label=form.label.data,
                                       text=form.text.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(_("Clause added."), "success")
            return redirect(url_for("admin.policy_resolution", resolution_id=resolution.id,
                                    _anchor=f"clause-{clause.id}"), code=303)
    return _resolution_page(resolution, clause_form=form, status=400)


@bp.route("/policy/clauses/<int:clause_id>", methods=["GET", "POST"])
def policy_clause(clause_id):
    clause = commitments.get_clause(clause_id)
    form = ClauseForm(obj=clause)
    status = 200
    if form.validate_on_submit():
        try:
            commitments.update_clause(_actor(), clause, kind=form.kind.data, label=form.label.data, text=form.text.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(_("Clause saved."), "success")
            return redirect(url_for("admin.policy_resolution", resolution_id=clause.resolution_id,
                                    _anchor=f"clause-{clause.id}"), code=303)
    if request.method == "POST":
        status = 400
    return render_template("admin/policy_clause.html", clause=clause, form=form), status


@bp.post("/policy/clauses/<int:clause_id>/<any(up, down):direction>")
def policy_move_clause(clause_id, direction):
    clause = commitments.get_clause(clause_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    commitments.move_clause(_actor(), clause, -1 if direction == "up" else 1)
    flash(_("Clause moved."), "success")
    return redirect(url_for("admin.policy_resolution", resolution_id=clause.resolution_id,
                            _anchor=f"clause-{clause.id}"), code=303)


@bp.post("/policy/clauses/<int:clause_id>/delete")
def policy_delete_clause(clause_id):
    clause = commitments.get_clause(clause_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    resolution = commitments.delete_clause(_actor(), clause)
    flash(_("Clause deleted."), "success")
    return redirect(url_for("admin.policy_resolution", resolution_id=resolution.id), code=303)


# -- action plans -------------------------------------------------------------------------

@bp.route("/policy/plans/import", methods=["GET", "POST"])
def policy_plan_import():
    form = PlanImportForm()
    form.engagement.choices = _engagement_choices()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            preview = importer.preview(_actor(), engagement_id=form.engagement.data,
                                          plan_title=form.plan_title.data, filename=upload.filename,
                                          data=upload.read())
        except ServiceError as error:
            show_error(form, error, default_field="file")
            status = 422
        else:
            return render_template("admin/policy_plan_preview.html", preview=preview,
                                   form=PlanImportCommitForm(formdata=None, token=preview.token))
    elif request.method == "POST":
        status = 422
    return render_template("admin/policy_plan_import.html", form=form,
                           max_mb=importer.max_bytes() / 1024 / 1024), status


@bp.post("/policy/plans/import/commit")
def policy_plan_import_commit():
    form = PlanImportCommitForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        plan, count = importer.commit(_actor(), form.token.data)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for("admin.policy_plan_import"), code=303)
    flash(ngettext("%(num)d action imported into %(plan)s.", "%(num)d actions imported into %(plan)s.",
                   count, plan=plan.title), "success")
    return redirect(url_for("admin.policy_home", _anchor=f"plan-{plan.id}"), code=303)


@bp.post("/policy/actions")
def policy_add_action():
    form = NewActionForm(prefix="action")
    form.engagement.choices = [(form.engagement.data, "")]
    if form.validate_on_submit():
        try:
            commitments.add_action(_actor(), engagement_id=form.engagement.data, plan_title=form.plan_title.data,
                              number=form.number.data, goal=form.goal.data, action_step=form.action_step.data,
                              departments=form.departments.data, status=form.status.data,
                              deadline=form.deadline.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(_("Action saved."), "success")
            return redirect(url_for("admin.policy_home"), code=303)
    return _page(action_form=form), 400


@bp.route("/policy/actions/<int:item_id>", methods=["GET", "POST"])
def policy_action(item_id):
    item = commitments.get_action(item_id)
    form = EditActionForm(obj=item)
    if form.validate_on_submit():
        try:
            commitments.update_action(_actor(), item, number=form.number.data, goal=form.goal.data,
                                 action_step=form.action_step.data, departments=form.departments.data,
                                 status=form.status.data, deadline=form.deadline.data,
                                 progress_note=form.progress_note.data, status_note=form.status_note.data)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(_("Progress saved. The public tracker shows it now."), "success")
            return redirect(url_for("admin.policy_home", _anchor=f"plan-{item.plan_id}"), code=303)
    return render_template("admin/policy_action.html", item=item, form=form, is_overdue=commitments.is_overdue)
