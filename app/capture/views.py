"""Notetakers' pages: their tables, the capture screen, and the JSON endpoints the
offline queue (static/capture.js) sends to. Every page also works as plain forms."""
import os
import uuid

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..database import reads_first
from ..forms import show_error
from ..services import ServiceError
from ..services.capture import assignments, note_reading, notes
from .forms import DeleteNoteForm, EditNoteForm, LanguageForm, NoteApiForm, NoteForm

bp = Blueprint("capture", __name__, url_prefix="/capture", template_folder="templates")


def _user():
    return current_user._get_current_object()


def _reading_language():
    """Prompts in the language the notetaker chose on the page, else their account's."""
    if request.cookies.get(i18n.COOKIE) in i18n.offered():
        return i18n.select_language()
    return current_user.language if current_user.language in i18n.LANGUAGES else i18n.select_language()


@bp.get("/")
def home():
    today, other = assignments.home_tables(_user())
    return render_template("capture/home.html", today=today, other=other)


def _show_note_error(form, error):
    """A refused note's message on the field it names when the page shows that field (the note's
    text otherwise: the note id, table and prompt are not fields a notetaker sees)."""
    field = error.field if error.field in ("text", "translation_en", "language") else None
    show_error(form, ServiceError(error.message, field=field), default_field="text")


def _note_forms(view, posted=None):
    forms = {}
    for section in view.sections:
        if section.prompt is None:
            continue
        if posted is not None and posted[0] == section.prompt.id:
            forms[section.prompt.id] = posted[1]
            continue
        form = NoteForm(formdata=None, prefix=f"p{section.prompt.id}")
        form.client_id.data = str(uuid.uuid4())
        forms[section.prompt.id] = form
    return forms


def _render_table(table_id, posted=None, status=200):
    view = note_reading.table_view(_user(), table_id, _reading_language())  # NotFound, Forbidden: the error pages
    return render_template(
        "capture/table.html", view=view, forms=_note_forms(view, posted), language_form=LanguageForm(formdata=None),
        can_change=lambda note: notes.can_change_note(current_user, note),
    ), status


@bp.get("/tables/<int:table_id>")
def table(table_id):
    return _render_table(table_id)


@bp.post("/tables/<int:table_id>/prompts/<int:prompt_id>/notes")
def add_note(table_id, prompt_id):
    """The no-JavaScript path: a plain form post, then redirect (PRG)."""
    form = NoteForm(prefix=f"p{prompt_id}")
    if form.validate_on_submit():
        try:
            note, _created = notes.create_note(
                _user(), table_id=table_id, prompt_id=prompt_id, text=form.text.data,
                client_id=form.client_id.data, is_quote=form.is_quote.data, is_sensitive=form.is_sensitive.data,
                translation_en=form.translation_en.data,
            )
        except (notes.NoteNotFound, notes.NoteForbidden):
            raise  # the 404 and 403 pages
        except notes.NoteError as error:
            _show_note_error(form, error)
        else:
            flash(_("Note saved."), "success")
            return redirect(url_for(".table", table_id=table_id, _anchor=f"note-{note.id}"), 303)
    return _render_table(table_id, posted=(prompt_id, form), status=422)


@bp.route("/notes/<int:note_id>/edit", methods=["GET", "POST"])
def edit_note(note_id):
    note = notes.get_note(_user(), note_id)  # NotFound, Forbidden: the error pages
    form = EditNoteForm(obj=note if request.method == "GET" else None)
    if request.method == "GET":
        form.language.data = "" if note.language_detected else (note.language or "")
    conflict = None
    status = 200
    if form.validate_on_submit():
        try:
            notes.update_note(
                _user(), note_id, version=_int(form.version.data), text=form.text.data,
                translation_en=form.translation_en.data, is_quote=form.is_quote.data,
                is_sensitive=form.is_sensitive.data, language=form.language.data or None,
            )
        except notes.NoteConflict as error:
            conflict = error.current
            form.version.data = str(conflict.version)  # saving again is now a deliberate choice
            status = 409
        except notes.NoteError as error:
            _show_note_error(form, error)
            status = error.status
        else:
            flash(_("Note saved."), "success")
            return redirect(url_for(".table", table_id=note.table_id, _anchor=f"note-{note_id}"), 303)
    elif request.method == "POST":
        status = 422
    return render_template("capture/edit.html", note=note, form=form, conflict=conflict,
                           delete_form=DeleteNoteForm(formdata=None, version=note.version),
                           history=notes.history(note)), status


@bp.post("/notes/<int:note_id>/delete")
def delete_note(note_id):
    form = DeleteNoteForm()
    note = notes.get_note(_user(), note_id)  # NotFound, Forbidden: the error pages
    table_id = note.table_id
    if not form.validate_on_submit():
        abort(400)
    try:
        notes.delete_note(_user(), note_id, version=_int(form.version.data))
    except notes.NoteConflict:
        flash(_("Someone else saved this note while you were editing. Compare both texts, then save again."),
              "error")
        return redirect(url_for(".edit_note", note_id=note_id), 303)
    except notes.NoteError as error:
        abort(error.status)
    flash(_("Note deleted."), "success")
    return redirect(url_for(".table", table_id=table_id), 303)


@bp.post("/notes/<int:note_id>/language")
def set_language(note_id):
    form = LanguageForm()
    note = notes.get_note(_user(), note_id)  # NotFound, Forbidden: the error pages
    if not form.validate_on_submit():
        abort(400)
    try:
        notes.set_language(_user(), note_id, form.language.data)
    except notes.NoteError as error:
        abort(error.status)
    return redirect(url_for(".table", table_id=note.table_id, _anchor=f"note-{note_id}"), 303)


# -- JSON, for the offline queue --------------------------------------------------------

def _json_error(status, message, errors=None, **extra):
    body = {"ok": False, "error": str(message), "errors": errors or {}}
    body.update(extra)
    return jsonify(body), status


def _form_errors(form):
    return {name: [str(e) for e in errs] for name, errs in form.errors.items()}


@bp.post("/api/notes")
@reads_first  # notes.create_note takes the write lock itself
def api_create_note():
    if not request.is_json:
        return _json_error(415, _("Send the note as JSON."))
    form = NoteApiForm()
    if not form.validate():
        errors = _form_errors(form)
        first = next(iter(errors.values()))[0] if errors else _("Please check the note.")
        return _json_error(422, first, errors)
    if form.user_id.data != current_user.id:
        # Typed while someone else was signed in on this phone: never send it as this account.
        return _json_error(403, _("This note was typed under another account. It was not sent."))
    try:
        note, created = notes.create_note(
            _user(), table_id=form.table_id.data, prompt_id=form.prompt_id.data, text=form.text.data,
            client_id=form.client_id.data, is_quote=form.is_quote.data, is_sensitive=form.is_sensitive.data,
            language=form.language.data or None, translation_en=form.translation_en.data,
        )
    except notes.NoteError as error:
        return _json_error(error.status, error.message, {error.field: [error.message]} if error.field else None)
    body = {"ok": True, "created": created, "note": notes.as_json(note),
            "edit_url": url_for(".edit_note", note_id=note.id),
            "message": _("Note saved.") if created else _("This note was already saved.")}
    return jsonify(body), 201 if created else 200


@bp.route("/api/notes/<int:note_id>", methods=["PUT", "DELETE"])
def api_change_note(note_id):
    try:
        if request.method == "DELETE":
            version = DeleteNoteForm().version.data  # optional: without it, no conflict check
            if version and _int(version) is None:
                return _json_error(422, _("Something was wrong with that request"))
            note = notes.delete_note(_user(), note_id, version=_int(version))
            return jsonify({"ok": True, "note": notes.as_json(note), "message": _("Note deleted.")})
        form = EditNoteForm()
        if not form.validate():
            errors = _form_errors(form)
            return _json_error(422, next(iter(errors.values()))[0], errors)
        note = notes.update_note(
            _user(), note_id, version=_int(form.version.data), text=form.text.data,
            translation_en=form.translation_en.data, is_quote=form.is_quote.data,
            is_sensitive=form.is_sensitive.data, language=form.language.data or None,
        )
    except notes.NoteConflict as error:
        current = error.current
        return _json_error(409, error.message, current={
            "id": current.id, "version": current.version, "text": current.text,
            "translation_en": current.translation_en,
        } if current else None)
    except notes.NoteError as error:
        return _json_error(error.status, error.message)
    return jsonify({"ok": True, "note": notes.as_json(note), "message": _("Note saved.")})


@bp.get("/sw.js")
def service_worker():
    """The offline worker, served under /capture/ so its scope covers the capture pages."""
    response = send_from_directory(os.path.join(current_app.root_path, "static"), "capture-sw.js",
                                   mimetype="text/javascript", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = url_for(".home")
    return response


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
