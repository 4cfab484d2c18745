"""A plan's own page for the staff who keep it (routes on the admin blueprint, whose guard
lets in organizers and admins): the SMART check, each action's owner and timeline, measures
and readings, the quarterly review, and the whole plan as XLSX."""
from datetime import date

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import show_error
from ..platform import exports
from ..services import ServiceError
from ..services.plans import export, measures, reviews, smart, structure, tracker
from ..services.policy import commitments
from .plans_forms import ItemDetailsForm, MeasureForm, ReadingForm, review_form
from .views import bp


def _actor():
    return current_user._get_current_object()


def _targets(plan):
    choices = [(f"goal-{g.id}", _("Goal %(number)s", number=g.number or g.title[:40])) for g in plan.goals]
    choices += [(f"strategy-{s.id}", _("Strategy %(number)s", number=s.number or s.title[:40]))
                for s in plan.strategies]
    choices += [(f"action-{i.id}", _("Action %(number)s", number=structure.item_label(i))) for i in plan.items]
    return choices


def _target(plan, value):
    kind, _sep, ident = (value or "").partition("-")
    rows = {"goal": plan.goals, "strategy": plan.strategies, "action": plan.items}.get(kind, [])
    return next((row for row in rows if str(row.id) == ident), None)


def _page(plan, measure_form=None, status=200):
    measure_form = measure_form or MeasureForm(prefix="measure")
    measure_form.target.choices = _targets(plan)
    findings = smart.check(plan)
    return render_template(
        "admin/plan.html", plan=plan, data=tracker.tracker(plan), findings=findings,
        smart_counts=smart.counts(findings), measure_form=measure_form,
        reading_form=ReadingForm(prefix="reading"), overdue=commitments.is_overdue), status


@bp.get("/policy/plans/<int:plan_id>")
def plan_page(plan_id):
    return _page(tracker.get_plan(plan_id))


@bp.get("/policy/plans/<int:plan_id>.xlsx")
def plan_export_file(plan_id):
    plan = tracker.get_plan(plan_id)
    return Response(export.workbook(plan), mimetype=exports.XLSX_MIMETYPE, headers={
        "Content-Disposition": f'attachment; filename="action-plan-{plan.id}.xlsx"', "Cache-Control": "no-store"})


@bp.post("/policy/plans/<int:plan_id>/measures")
def plan_add_measure(plan_id):
    plan = tracker.get_plan(plan_id)
    form = MeasureForm(prefix="measure")
    form.target.choices = _targets(plan)
    if form.validate_on_submit():
        target = _target(plan, form.target.data)
        if target is None:
            form.target.errors.append(_("Choose a goal, strategy or action of this plan."))
        else:
            try:
                measures.add_measure(
                    _actor(), target, name=form.name.data, unit=form.unit.data, direction=form.direction.data,
                    baseline=(form.baseline_on.data, form.baseline_value.data),
                    target_point=(form.target_on.data, form.target_value.data))
            except ServiceError as error:
                error.field = {"baseline": "baseline_value", "target": "target_value"}.get(error.field, error.field)
                show_error(form, error, default_field="name")
            else:
                flash(_("Measure added."), "success")
                return redirect(url_for("admin.plan_page", plan_id=plan.id, _anchor="measures"), code=303)
    return _page(plan, form, 400)


@bp.post("/policy/measures/<int:measure_id>/readings")
def plan_add_reading(measure_id):
    measure = measures.get_measure(measure_id)
    form = ReadingForm(prefix="reading")
    if form.validate_on_submit():
        try:
            measures.add_reading(_actor(), measure, value=form.value.data, taken_on=form.taken_on.data,
                                      source=form.source.data)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Reading added."), "success")
    else:
        flash(_("Give the reading's value and date."), "error")
    return redirect(url_for("admin.plan_page", plan_id=measure.plan_id, _anchor=f"measure-{measure.id}"), code=303)


@bp.route("/policy/actions/<int:item_id>/details", methods=["GET", "POST"])
def plan_item_details(item_id):
    item = commitments.get_action(item_id)
    form = ItemDetailsForm(obj=item)
    form.strategy.choices = [("", _("None"))] + [
        (str(s.id), f"{s.number} {s.title}".strip()) for s in item.plan.strategies]
    if not form.is_submitted():
        form.strategy.data = str(item.strategy_id or "")
    if form.validate_on_submit():
        try:
            structure.update_details(_actor(), item, owner=form.owner.data, partners=form.partners.data,
                                          starts_on=form.starts_on.data, deadline=form.deadline.data,
                                          quarter=form.quarter.data, strategy_id=int(form.strategy.data or 0) or None)
        except ServiceError as error:
            show_error(form, error, default_field="owner")
        else:
            flash(_("Action saved."), "success")
            return redirect(url_for("admin.plan_page", plan_id=item.plan_id, _anchor=f"action-{item.id}"), code=303)
    return render_template("admin/plan_item.html", item=item, form=form)


@bp.route("/policy/plans/<int:plan_id>/reviews/new", methods=["GET", "POST"])
def plan_review(plan_id):
    plan = tracker.get_plan(plan_id)
    form = review_form(plan)
    if not form.is_submitted():
        form.held_on.data = date.today()
    if form.validate_on_submit():
        entries = []
        for item in plan.items:
            prefix = f"item_{item.id}_"
            if not form[prefix + "reviewed"].data:
                continue
            entries.append(reviews.Entry(
                item_id=item.id, status=form[prefix + "status"].data, adjustment=form[prefix + "adjustment"].data,
                reason=form[prefix + "reason"].data, deadline=form[prefix + "deadline"].data,
                owner=form[prefix + "owner"].data,
                readings={m.id: form[f"{prefix}reading_{m.id}"].data for m in item.measures}))
        try:
            reviews.record_review(_actor(), plan, held_on=form.held_on.data,
                                       participants=form.participants.data, summary=form.summary.data,
                                       entries=entries)
        except ServiceError as error:
            show_error(form, error)
        else:
            flash(_("Review recorded. The public tracker shows it now."), "success")
            return redirect(url_for("admin.plan_page", plan_id=plan.id, _anchor="reviews"), code=303)
    return render_template("admin/plan_review.html", plan=plan, form=form,
                           overdue_review=reviews.overdue_for_review(plan))
