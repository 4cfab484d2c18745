"""The translation workspace (routes on the review blueprint): per language, what is
translated, missing or stale; side-by-side editing; vendor files out (XLIFF 2, PO) and back in
with a preview, all or nothing."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from ..forms import show_error
from ..i18n import native_name, text_direction
from ..ids import arg_id
from ..services import ServiceError
from ..services.content import translations, vendor_files
from ..services.reports import snapshots
from .translations_forms import ImportCommitForm, ImportUploadForm, SaveForm
from .views import bp


def _actor():
    return current_user._get_current_object()


def _language_or_404(language):
    if language not in translations.languages():
        abort(404)
    return language


def _engagement_id():
    return arg_id("engagement")


@bp.get("/translations/")
def translations_home():
    return render_template(
        "review/translations.html",
        overview=translations.overview(),
        language_name=native_name,
    )


def _workspace(language, status_code=200, entries=None, error=None):
    status = request.args.get("status") or ""
    units = translations.units(language, _engagement_id(), status or None)
    return render_template(
        "review/translations_language.html",
        language=language,
        units=units,
        status=status,
        entries=entries or {},
        error=error,
        form=SaveForm(),
        upload=ImportUploadForm(),
        language_name=native_name,
        direction=text_direction,
        engagement=_engagement_id(),
        engagements=snapshots.engagement_list(),
    ), status_code


@bp.get("/translations/<language>")
def translations_language(language):
    return _workspace(_language_or_404(language))


@bp.post("/translations/<language>")
def translations_save(language):
    _language_or_404(language)
    if not SaveForm().validate_on_submit():
        abort(400)
    entries = {key[2:]: value for key, value in request.form.items() if key.startswith("t-")}
    confirmed = [key[3:] for key in request.form if key.startswith("ok-")]
    try:
        count = translations.save(
            _actor(), language, entries, _engagement_id(), confirmed=confirmed
        )
    except ServiceError as error:
        return _workspace(language, 422, entries=entries, error=error.message)
    flash(ngettext("%(num)d translation saved.", "%(num)d translations saved.", count), "success")
    return redirect(
        url_for(
            ".translations_language",
            language=language,
            status=request.args.get("status") or None,
            engagement=_engagement_id(),
        ),
        303,
    )


@bp.get("/translations/<language>.<any(xlf, po):fmt>")
def translations_export(language, fmt):
    _language_or_404(language)
    body, filename, mimetype = vendor_files.export(
        language, "xliff" if fmt == "xlf" else "po", _engagement_id()
    )
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@bp.post("/translations/<language>/import")
def translations_import(language):
    _language_or_404(language)
    upload = ImportUploadForm()
    if upload.validate_on_submit():
        file = upload.file.data
        try:
            preview = vendor_files.preview_import(_actor(), language, file.filename, file.read())
        except ServiceError as error:
            show_error(upload, error, default_field="file")
        else:
            return render_template(
                "review/translations_import.html",
                preview=preview,
                form=ImportCommitForm(formdata=None, token=preview.token),
                language_name=native_name,
                direction=text_direction,
            )
    return render_template(
        "review/translations_language.html",
        language=language,
        units=translations.units(language),
        status="",
        entries={},
        error=None,
        form=SaveForm(),
        upload=upload,
        language_name=native_name,
        direction=text_direction,
        engagement=None,
        engagements=snapshots.engagement_list(),
    ), 422


@bp.post("/translations/import/commit")
def translations_import_commit():
    form = ImportCommitForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        count = vendor_files.commit_import(_actor(), form.token.data)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for(".translations_home"), 303)
    flash(
        ngettext("%(num)d translation imported.", "%(num)d translations imported.", count),
        "success",
    )
    return redirect(url_for(".translations_home"), 303)
