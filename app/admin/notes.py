"""Organizers' note pages: every note of a session, exports, paper-note import, and
which notetaker covers which table. Routes hang on the admin blueprint (its guard lets
in organizers and admins only). No page here shows registrants' personal data."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from .. import i18n
from ..forms import show_error
from ..platform import exports
from ..services import ServiceError
from ..services.capture import assignments, note_reading, notes, paper_notes
from .notes_forms import AssignForm, ImportCommitForm, ImportUploadForm, NoteSearchForm, UnassignForm
from .views import bp


def _actor():
    return current_user._get_current_object()


@bp.get("/sessions/<int:session_id>/notes")
def session_notes(session_id):
    form = NoteSearchForm(request.args)
    query = form.q.data if form.validate() else ""
    try:
        session, tables, total = note_reading.session_notes(session_id, i18n.select_language(), query)
    except notes.NoteError as error:
        abort(error.status)
    return render_template("admin/notes_session.html", session=session, tables=tables, total=total,
                           form=form, query=query)


@bp.get("/sessions/<int:session_id>/notes.<any(csv, xlsx):fmt>")
def export_notes(session_id, fmt):
    try:
        session, header, rows = note_reading.export_rows(session_id)
    except notes.NoteError as error:
        abort(error.status)
    filename = f"notes-{session.slug}.{fmt}"
    if fmt == "csv":
        body, mimetype = exports.to_csv(header, rows), exports.CSV_MIMETYPE
    else:
        body, mimetype = exports.to_xlsx(header, rows, title="Notes"), exports.XLSX_MIMETYPE
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/sessions/<int:session_id>/notetakers", methods=["GET", "POST"])
def notetakers(session_id):
    session, people = assignments.assignments_for_session(session_id)
    if session is None:
        abort(404)
    form = AssignForm()
    form.user_id.choices = [SelectChoice(0, _("Choose a notetaker"))] + [
        SelectChoice(u.id, f"{u.name} ({u.email})") for u in people]
    form.table_id.choices = [SelectChoice(0, _("Choose a table"))] + [
        SelectChoice(t.id, t.name) for t in session.tables]
    status = 200
    if form.validate_on_submit():
        try:
            assignments.assign(_actor(), user_id=form.user_id.data, table_id=form.table_id.data)
        except ServiceError as error:
            show_error(form, error, default_field="user_id")
            status = 422
        else:
            flash(_("Notetaker assigned."), "success")
            return redirect(url_for(".notetakers", session_id=session_id), 303)
    elif request.method == "POST":
        status = 422
    return render_template("admin/notes_notetakers.html", session=session, form=form,
                           unassign_form=UnassignForm(formdata=None)), status


@bp.post("/assignments/<int:assignment_id>/delete")
def unassign(assignment_id):
    if not UnassignForm().validate_on_submit():
        abort(400)
    try:
        session_id = assignments.unassign(_actor(), assignment_id)
    except ServiceError:
        abort(404)
    flash(_("Notetaker removed from the table."), "success")
    return redirect(url_for(".notetakers", session_id=session_id), 303)


@bp.route("/notes/import", methods=["GET", "POST"])
def notes_import():
    form = ImportUploadForm()
    status = 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            preview = paper_notes.preview(_actor(), upload.filename, upload.read())
        except ServiceError as error:
            show_error(form, error, default_field="file")
            status = 422
        else:
            return render_template("admin/notes_import_preview.html", preview=preview,
                                   form=ImportCommitForm(formdata=None, token=preview.token))
    elif request.method == "POST":
        status = 422
    return render_template("admin/notes_import.html", form=form, max_mb=paper_notes.max_bytes() / 1024 / 1024), status


@bp.post("/notes/import/commit")
def notes_import_commit():
    form = ImportCommitForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        count = paper_notes.commit(_actor(), form.token.data)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for(".notes_import"), 303)
    flash(ngettext("%(num)d note imported.", "%(num)d notes imported.", count), "success")
    return redirect(url_for(".notes_import"), 303)
