"""Public "What We Heard" reports and the progress tracker (routes on the public blueprint)."""
from flask import abort, render_template

from ..database import reads_only
from ..services import reports
from .views import bp


@bp.get("/reports/")
@reads_only
def reports_index():
    return render_template("public/reports.html", reports=reports.published_reports())


@bp.get("/reports/<int:report_id>")
@reads_only
def report(report_id):
    try:
        published = reports.get_published(report_id)
    except LookupError:
        abort(404)
    return render_template("public/report.html", report=published, themes=reports.report_view(published))


@bp.get("/progress")
@reads_only
def progress():
    return render_template("public/progress.html", items=reports.progress())
