"""Organizers: who was heard, per engagement. The questions asked at registration, the
baselines, the funnel and ratios (suppressed), and their CSV and XLSX files."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..forms import show_error
from ..models import QUESTION_KINDS
from ..platform import exports
from ..services import ServiceError
from ..services.equity import setup, themes, view
from ..services.equity.questions import QUESTIONS
from ..services.equity.store import questions
from ..services.sessions import organize
from ..text import clean_text
from .equity_forms import BaselineForm, QuestionsForm
from .views import bp


def _questions_form(engagement):
    form = QuestionsForm()
    form.kinds.choices = [(kind, QUESTIONS[kind].label) for kind in QUESTION_KINDS]
    if not form.is_submitted():
        asked = questions(engagement.id)
        form.kinds.data = [q.kind for q in asked]
        district = next((q for q in asked if q.kind == "district"), None)
        form.districts.data = "\n".join(o.label for o in district.options) if district else ""
    return form


def _render(engagement, form, status=200):
    language = i18n.select_language()
    data, label = view.engagement_funnel(engagement.id, language)
    return render_template(
        "admin/equity.html", engagement=engagement, form=form, funnel=data, label=label,
        baseline_form=BaselineForm(), themes=themes.theme_sources(engagement.id),
        rtl=i18n.text_direction(language) == "rtl"), status


@bp.route("/engagements/<int:engagement_id>/equity", methods=["GET", "POST"])
def equity_page(engagement_id):
    engagement = organize.get_engagement(engagement_id)
    form = _questions_form(engagement)
    if form.validate_on_submit():
        try:
            setup.set_questions(current_user, engagement.id, form.kinds.data,
                                (form.districts.data or "").splitlines())
        except ServiceError as error:
            show_error(form, error, default_field="districts")
        else:
            flash(_("Questions saved."), "success")
            return redirect(url_for("admin.equity_page", engagement_id=engagement.id), code=303)
    return _render(engagement, form, 400 if form.errors else 200)


def _number(value, kind=float):
    value = clean_text(value or "").strip().replace(",", ".").rstrip("%")
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        return None


@bp.post("/engagements/<int:engagement_id>/equity/baselines/<int:question_id>")
def equity_baselines(engagement_id, question_id):
    engagement = organize.get_engagement(engagement_id)
    question = setup.question(engagement.id, question_id)
    if not BaselineForm().validate_on_submit():
        abort(400)
    entries = {}
    for key in request.form:
        if key.startswith("share-"):
            code = key[len("share-"):][:40]
            entries[code] = (_number(request.form.get(key)), request.form.get(f"source-{code}", ""),
                             _number(request.form.get(f"year-{code}"), int))
    try:
        setup.set_baselines(current_user, question, entries)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("Baselines saved."), "success")
    return redirect(url_for("admin.equity_page", engagement_id=engagement.id, _anchor=f"q-{question.id}"), code=303)


@bp.get("/engagements/<int:engagement_id>/equity.<any(csv, xlsx):kind>")
def equity_export(engagement_id, kind):
    engagement = organize.get_engagement(engagement_id)
    header, rows = view.table(engagement.id, i18n.select_language())
    name = f"who-was-heard-{engagement.slug}"
    if kind == "csv":
        body, mimetype = exports.to_csv(header, rows), exports.CSV_MIMETYPE
    else:
        body, mimetype = exports.to_xlsx(header, rows, title="Who was heard"), exports.XLSX_MIMETYPE
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{name}.{kind}"', "Cache-Control": "no-store"})



