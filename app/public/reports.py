"""Public "What We Heard" reports and the action tracker (routes on the public blueprint).

A report page, its DOCX and its CSV files are read from a frozen version (the latest, or
``/reports/<id>/v/<n>``), never from the live tables."""
from datetime import date

from flask import Response, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from .. import i18n, timezones
from ..database import reads_only
from ..forms import FilterForm
from ..ids import arg_id
from ..labels import label
from ..platform import exports
from ..platform.localized import pick
from ..services import NotFound
from ..services.equity import view
from ..services.plans import tracker
from ..services.policy import action_tracker, responses
from ..services.reports import files, snapshots, texts
from .views import bp


class TrackerFilterForm(FilterForm):
    """The tracker's filters: a GET form, so it works without JavaScript and links can be shared."""

    engagement = SelectField(_l("Listening process"), validate_choice=False)
    department = SelectField(_l("Department"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)


@bp.get("/reports/")
@reads_only
def reports_index():
    published = snapshots.published_reports()
    return render_template("public/reports.html", reports=published, language=i18n.select_language(),
                           pick_text=texts.pick_text,
                           zones={r.id: timezones.zone_of(snapshots.engagement_of(r)) for r in published})


def _version_or_404(report_id, number=None, kind=None):
    """The version asked for; a redirect (raised) when it moved into its engagement's one report
    (migration a15b0c0de5a1); else 404. A report that exists is always preferred."""
    try:
        return snapshots.get_version(report_id, number)
    except NotFound:
        moved = _legacy_redirect(report_id, number, kind)
        abort(moved if moved is not None else 404)


def _legacy_redirect(report_id, number, kind=None):
    """The new address of a version whose report was folded into its engagement's one report."""
    version = snapshots.get_by_legacy_address(report_id, number)
    if version is None:
        return None
    if kind is None:
        target = url_for(".report", report_id=version.report_id, number=version.number)
    else:
        target = url_for(".report_file", report_id=version.report_id, number=version.number, kind=kind)
    return redirect(target, code=301)


@bp.get("/reports/<int:report_id>")
@bp.get("/reports/<int:report_id>/v/<int:number>")
@reads_only
def report(report_id, number=None):
    version = _version_or_404(report_id, number)
    timezones.use_engagement(snapshots.engagement_of(version.report))
    language = i18n.select_language()
    return render_template(
        "public/report.html", report=version.report, version=version, snap=version.snapshot,
        latest=snapshots.latest_version(version.report), pick_text=texts.pick_text,
        language_name=i18n.native_name, language=language, as_date=date.fromisoformat,
        tr=texts.snapshot_translator(version.snapshot, language),
        quote_translation=texts.quote_translation, session_title=texts.session_title_text,
        who=view.engagement_funnel(version.report.engagement_id, language),
        answers=snapshot_answers(version.snapshot, language),
    )


def snapshot_answers(snapshot, language):
    """The current responses to a version's themes, in the reader's language."""
    source = ((snapshot or {}).get("engagement") or {}).get("default_language") or "en"
    return responses.answers([t["id"] for t in (snapshot or {}).get("themes", [])], language, source)


def _published_answers(engagement_id, language):
    """Current responses to the themes of every published report (one engagement's, if chosen)."""
    theme_ids, source = [], "en"
    for report in snapshots.published_reports():
        if engagement_id and report.engagement_id != engagement_id:
            continue
        snapshot = snapshots.latest_version(report).snapshot or {}
        source = (snapshot.get("engagement") or {}).get("default_language") or source
        theme_ids.extend(theme["id"] for theme in snapshot.get("themes", []))
    return responses.answers(theme_ids, language, source)


def _download(body, mimetype, filename):
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/reports/<int:report_id>.<any(docx, csv):kind>")
@bp.get("/reports/<int:report_id>/v/<int:number>.<any(docx, csv):kind>")
@bp.get("/reports/<int:report_id>/quotes.csv", defaults={"kind": "quotes"})
@bp.get("/reports/<int:report_id>/v/<int:number>/quotes.csv", defaults={"kind": "quotes"})
@reads_only
def report_file(report_id, kind, number=None):
    version = _version_or_404(report_id, number, kind)
    timezones.use_engagement(snapshots.engagement_of(version.report))
    stem = f"what-we-heard-{report_id}-v{version.number}"
    language = i18n.select_language()
    if kind == "docx":
        return _download(files.to_docx(version.snapshot, language, published_at=version.published_at),
                         files.DOCX_MIMETYPE, stem + ".docx")
    if kind == "csv":
        return _download(files.themes_csv(version.snapshot, language), exports.CSV_MIMETYPE,
                         stem + "-themes.csv")
    return _download(files.quotes_csv(version.snapshot, language), exports.CSV_MIMETYPE,
                     stem + "-quotes.csv")


@bp.get("/progress")
@reads_only
def progress():
    language = i18n.select_language()
    data = action_tracker.tracker(engagement_id=arg_id("engagement"),
                           department=(request.args.get("department") or "").strip()[:300] or None,
                           status=request.args.get("status") or None)
    form = TrackerFilterForm(request.args)
    form.engagement.choices = [("", _("All"))] + [
        (str(e.id), getattr(pick(e.translations, language, e.default_language), "name", None) or e.slug)
        for e in data.engagements]
    # The value stays the source name (links keep working in every language); the label is the
    # reader's where a translation names it.
    departments = action_tracker.department_names(data, language)
    form.department.choices = [("", _("All"))] + sorted(
        ((d, departments.get(d.casefold(), d)) for d in data.departments), key=lambda c: c[1].casefold())
    form.status.choices = [("", _("All"))] + [(s, label("action_status", s)) for s, _n in data.status_counts]
    return render_template("public/progress.html", tracker=data, form=form, language=language,
                           answers=_published_answers(data.filters["engagement"], language),
                           tr=action_tracker.tracker_translator(data, language),
                           quote_translation=texts.quote_translation,
                           theme_label=texts.theme_label, departments=departments,
                           plan_links=tracker.plan_links(language))
