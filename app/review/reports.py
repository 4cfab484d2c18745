"""The "What We Heard" report of a run: write, save, publish (routes on the review blueprint)."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..services import ServiceError, reports, runs
from .reports_forms import ReportForm
from .views import _load, bp


@bp.route("/runs/<int:run_id>/report", methods=["GET", "POST"])
def report(run_id):
    run = _load(runs.get_run, run_id)
    existing = reports.report_for_run(run)
    form = ReportForm(obj=existing)
    if request.method == "GET" and existing is not None:
        form.publish.data = existing.status == "published"
    if form.validate_on_submit():
        try:
            saved = reports.save_report(current_user, run, title=form.title.data,
                                       introduction=form.introduction.data, publish=form.publish.data)
        except ServiceError as error:
            getattr(form, error.field or "publish").errors.append(error.message)
        else:
            flash(_("Report published.") if saved.status == "published" else _("Report saved as a draft."))
            return redirect(url_for(".report", run_id=run.id))
    return render_template("review/report.html", run=run, form=form, report=existing)
