"""The engagement's "What We Heard" report, written from a run: write, leave quotes out, preview
and confirm each new version, and download the draft (routes on the review blueprint)."""
from datetime import date

from flask import Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..i18n import native_name, select_language
from ..ids import parse_id
from ..platform import exports
from ..services import ServiceError
from ..services.equity import view
from ..services.insights import runs
from ..services.policy import responses
from ..services.reports import files, publishing, snapshots, texts
from .reports_forms import PublishForm, QuoteForm, ReportForm
from .views import _load, bp


@bp.route("/runs/<int:run_id>/report", methods=["GET", "POST"])
def report(run_id):
    run = _load(runs.get_run, run_id)
    existing = snapshots.report_for_run(run)
    form = ReportForm(obj=existing)
    page_error = None
    if form.validate_on_submit():
        # "Publish" saves the text as a draft and shows the preview: nothing public changes
        # before the confirmation there.
        publish = False if form.unpublish.data else None
        try:
            if form.publish.data:
                publishing.check_publishable(run)
            snapshots.save_report(current_user, run, title=form.title.data,
                                introduction=form.introduction.data, publish=publish)
        except ServiceError as error:
            if error.field and error.field in form:
                form[error.field].errors.append(error.message)
            else:
                page_error = error.message
        else:
            if form.publish.data:
                return redirect(url_for(".report_publish", run_id=run.id))
            if publish is False:
                flash(_("The report is no longer public."), "success")
            else:
                flash(_("Report saved as a draft."), "success")
            return redirect(url_for(".report", run_id=run.id))
    preview = snapshots.draft_snapshot(run, existing)
    return render_template(
        "review/report.html", run=run, form=form, report=existing, page_error=page_error,
        preview=preview, completeness=snapshots.translation_completeness(preview, existing),
        candidates=snapshots.quote_candidates(run),
        quote_form=QuoteForm(), language_name=native_name, language=select_language(),
        pick_text=texts.pick_text,
    )


@bp.route("/runs/<int:run_id>/report/publish", methods=["GET", "POST"])
def report_publish(run_id):
    """The preview of the next version, what changed since the public one, and the confirmation."""
    run = _load(runs.get_run, run_id)
    form = PublishForm()
    page_error = None
    if form.validate_on_submit():
        try:
            version = publishing.publish(current_user, run, confirmation=form.confirmation.data,
                                                seen=form.seen.data)
        except ServiceError as error:
            if error.field and error.field in form:
                form[error.field].errors.append(error.message)
            else:
                page_error = error.message
        else:
            flash(_("Version %(num)d of the report is published.", num=version.number), "success")
            return redirect(url_for(".report", run_id=run.id))
    try:
        preview = publishing.preview(run)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for(".report", run_id=run.id))
    form.seen.data = preview.fingerprint  # always the preview shown now
    language = select_language()
    snap = preview.snapshot
    return render_template(
        "review/report_publish.html", run=run, form=form, page_error=page_error, preview=preview,
        report=preview.report, snap=snap, version=preview.version, latest=preview.version,
        versions=[*preview.report.versions, preview.version], rid=preview.report.id, language=language,
        tr=texts.snapshot_translator(snap, language), pick_text=texts.pick_text,
        language_name=native_name, as_date=date.fromisoformat,
        quote_translation=texts.quote_translation, session_title=texts.session_title_text,
        who=view.engagement_funnel(preview.report.engagement_id, language),
        answers=responses.answers([t["id"] for t in snap.get("themes", [])], language,
                                  (snap.get("engagement") or {}).get("default_language") or "en"),
    )


@bp.post("/runs/<int:run_id>/report/quotes")
def report_quote(run_id):
    run = _load(runs.get_run, run_id)
    form = QuoteForm()
    theme_id, note_id = parse_id(form.theme_id.data), parse_id(form.note_id.data)
    if form.validate_on_submit() and theme_id and note_id:
        if theme_id not in {t.id for t in run.themes}:
            flash(_("That note is not in this theme any more."), "error")
        else:
            excluded = form.excluded.data == "1"
            try:
                snapshots.set_quote_excluded(current_user, theme_id, note_id, excluded)
            except ServiceError as error:
                flash(error.message, "error")
            else:
                flash(_("The quote is left out of the report.") if excluded
                      else _("The quote is back in the report."), "success")
    return redirect(url_for(".report", run_id=run.id) + "#quotes")


@bp.get("/runs/<int:run_id>/report.<any(docx, csv):kind>")
@bp.get("/runs/<int:run_id>/report-quotes.csv", defaults={"kind": "quotes"})
def report_draft_file(run_id, kind):
    run = _load(runs.get_run, run_id)
    snapshot = snapshots.draft_snapshot(run, snapshots.report_for_run(run))
    if kind == "docx":
        body, mimetype, name = files.to_docx(snapshot, select_language()), files.DOCX_MIMETYPE, "docx"
    elif kind == "csv":
        body, mimetype, name = files.themes_csv(snapshot), exports.CSV_MIMETYPE, "themes.csv"
    else:
        body, mimetype, name = files.quotes_csv(snapshot), exports.CSV_MIMETYPE, "quotes.csv"
    filename = (f"what-we-heard-draft-run-{run.id}-{name}" if kind != "docx"
                else f"what-we-heard-draft-run-{run.id}.docx")
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})
