"""Notes taken at the tables: write them exactly once, edit them without losing history.

Rules this module enforces (views only call it):

* **Who.** Organizers and admins may write at any table. A notetaker writes only at
  tables assigned to them (``NotetakerAssignment``) and edits or deletes only notes
  they wrote. Analysts and everyone else write nothing here.
* **When.** A session is *open for notes* while its status is ``published`` and until
  ``EDIT_GRACE`` (12 hours) after it ends, so notetakers can tidy up that evening.
  A ``draft``, ``cancelled`` or ``closed`` session takes no new notes and no edits.
  Imported paper notes (``services.capture.paper_notes``) are exempt: they arrive later.
* **Exactly once.** A note may carry a ``client_id`` made on the phone. The first
  request with an id stores the note; a retry with the same id, author and text gets
  the stored note back; the same id with other text (or from another account) is a
  conflict. The database's unique constraint settles races between two retries.
* **No silent overwrite.** Edits name the version they started from; a stale version is
  a conflict that carries the current note, so the editor sees both texts. The text
  before each edit (and before deletion) is kept in ``NoteRevision``.
"""
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError

from ...database import begin_write, commit_keeping_loaded
from ...extensions import db
from ...i18n import LANGUAGES
from ...models import ListeningSession, Note, NoteRevision, NotetakerAssignment, Prompt, SessionTable
from ...models.types import utcnow
from ...platform import audit, jobs
from .. import Forbidden, NotFound, ServiceError
from ..insights import bridge, note_vectors

EDIT_GRACE = timedelta(hours=12)
MAX_TEXT = 5000
MAX_CLIENT_ID = 64


class NoteError(ServiceError):
    """A refused note; ``status`` is the HTTP status a JSON client gets."""

    status = 422


class NoteNotFound(NoteError, NotFound):
    status = 404


class NoteForbidden(NoteError, Forbidden):
    status = 403


class NoteClosed(NoteError):
    status = 403


class NoteConflict(NoteError):
    """The same client id with other text, or an edit from a stale version."""

    status = 409

    def __init__(self, message, current=None, field=None):
        super().__init__(message, field)
        self.current = current


# -- rules -----------------------------------------------------------------------------

def is_open(session, now=None):
    now = now or utcnow()
    return session.status == "published" and now <= session.ends_at + EDIT_GRACE


def can_write_table(user, table):
    return _may_write(user, lambda: db.session.scalar(
        select(NotetakerAssignment.id).where(
            NotetakerAssignment.user_id == user.id, NotetakerAssignment.table_id == table.id
        )
    ) is not None)


def _may_write(user, assigned):
    """Organizers and admins write at every table; notetakers where ``assigned()``."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.has_role("organizer", "admin"):
        return True
    return user.has_role("notetaker") and assigned()


def can_change_note(user, note):
    if not can_write_table(user, note.table):
        return False
    return user.has_role("organizer", "admin") or note.author_id == user.id


def table_for(user, table_id):
    table = db.session.get(SessionTable, table_id) if table_id else None
    if table is None:
        raise NoteNotFound(_("That table does not exist."), field="table_id")
    if not can_write_table(user, table):
        raise NoteForbidden(_("You are not assigned to this table."))
    return table


def _note_for(user, note_id, lock=False):
    query = select(Note).where(Note.id == note_id, Note.deleted_at.is_(None))
    if lock:
        query = query.with_for_update()
    note = db.session.scalar(query)
    if note is None:
        raise NoteNotFound(_("That note does not exist or was deleted."))
    if not can_change_note(user, note):
        raise NoteForbidden(_("You can change only your own notes, at tables assigned to you."))
    return note


def _check_open(session, now=None):
    if not is_open(session, now):
        raise NoteClosed(_("This session is closed for notes. Ask an organizer."))


def _clean_text(text, field_name="text"):
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise NoteError(_("Write the note first."), field=field_name)
    if len(text) > MAX_TEXT:
        raise NoteError(_("A note can have at most %(n)d characters.", n=MAX_TEXT), field=field_name)
    return text


def _clean_translation(text):
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MAX_TEXT:
        raise NoteError(_("A note can have at most %(n)d characters.", n=MAX_TEXT), field="translation_en")
    return text or None


def _check_language(code):
    if code and code not in LANGUAGES:
        raise NoteError(_("Choose one of the listed languages."), field="language")
    return code or None


def _apply_language(note, chosen):
    """A chosen language wins; otherwise detect it from the text."""
    if chosen:
        note.language, note.language_detected = chosen, False
    else:
        note.language, note.language_detected = bridge.detect_language(note.text), True


# -- writing ---------------------------------------------------------------------------

def create_note(actor, *, table_id, prompt_id, text, client_id=None, is_quote=False, is_sensitive=False,
                language=None, translation_en=None, now=None):
    """Store a note once. Returns ``(note, created)``; ``created`` is False on a retry.
    The note comes back loaded: reading it after the commit costs no query."""
    client_id = (client_id or "").strip() or None
    if client_id and len(client_id) > MAX_CLIENT_ID:
        raise NoteError(_("That note id is too long."), field="client_id")
    text = _clean_text(text)
    translation_en = _clean_translation(translation_en)
    chosen = _check_language(language)
    begin_write()  # the capture API reads the user before this; the note is written under the lock
    row = _table_row(actor, table_id, client_id)  # also finds a note already sent with this client id
    if client_id:
        existing = _by_client_id(client_id) if row is None else (
            db.session.get(Note, row.existing_id) if row.existing_id is not None else None)
        if existing is not None:
            return _replay(actor, existing, text), False

    table = _table_to_write(actor, row)
    if prompt_id and db.session.connection().execute(
            _PROMPT_SESSION, {"prompt_id": prompt_id}).scalar() != table.session_id:
        raise NoteError(_("That prompt is not part of this session."), field="prompt_id")
    _check_open(table, now)

    note = Note(
        session_id=table.session_id, table_id=table.id, prompt_id=prompt_id or None,
        author_id=actor.id, text=text, translation_en=translation_en, is_quote=bool(is_quote),
        is_sensitive=bool(is_sensitive), source="capture", client_id=client_id, version=1,
    )
    _apply_language(note, chosen)
    db.session.add(note)
    try:
        db.session.flush()
    except IntegrityError:
        # Another request with the same client id won the race: answer as a retry.
        db.session.rollback()
        existing = _by_client_id(client_id) if client_id else None
        if existing is None:
            raise
        return _replay(actor, existing, text), False
    audit.record(actor, "note.create", note, table_id=table.id)
    note_vectors.queue([note.id])
    commit_keeping_loaded()
    jobs.kick()
    return note, True


_N = Note.__table__.c
_T = SessionTable.__table__.c
_S = ListeningSession.__table__.c
_A = NotetakerAssignment.__table__.c
_NOTE_BY_CLIENT_ID = select(_N.id).where(_N.client_id == bindparam("client_id"))
_PROMPT_SESSION = select(Prompt.__table__.c.session_id).where(Prompt.__table__.c.id == bindparam("prompt_id"))
_TABLE_TO_WRITE = (
    select(_T.id, _T.session_id, _S.status, _S.ends_at,
           select(_A.id).where(_A.table_id == _T.id, _A.user_id == bindparam("user_id"))
           .limit(1).scalar_subquery().label("assignment_id"),
           select(_N.id).where(_N.client_id == bindparam("client_id")).scalar_subquery().label("existing_id"))
    .join_from(SessionTable.__table__, ListeningSession.__table__, _S.id == _T.session_id)
    .where(_T.id == bindparam("table_id"))
)


def _table_row(user, table_id, client_id):
    """The table (``id``, ``session_id``, its session's ``status`` and ``ends_at``, the user's
    ``assignment_id``) and the ``existing_id`` of a note stored under ``client_id``, in one
    query (the busiest path of capture); None when there is no such table."""
    return db.session.connection().execute(_TABLE_TO_WRITE, {
        "table_id": table_id, "user_id": getattr(user, "id", None), "client_id": client_id}).one_or_none() \
        if table_id else None


def _table_to_write(user, table):
    """``table`` (a :func:`_table_row`) if ``user`` may write notes there."""
    if table is None:
        raise NoteNotFound(_("That table does not exist."), field="table_id")
    if not _may_write(user, lambda: table.assignment_id is not None):
        raise NoteForbidden(_("You are not assigned to this table."))
    return table


def _by_client_id(client_id):
    note_id = db.session.connection().execute(_NOTE_BY_CLIENT_ID, {"client_id": client_id}).scalar()
    return db.session.get(Note, note_id) if note_id is not None else None


def _replay(actor, existing, text):
    if existing.author_id != actor.id:
        raise NoteConflict(_("This note id belongs to another note. It was not saved."), field="client_id")
    first_text = existing.revisions[0].text if existing.revisions else existing.text
    if text not in (existing.text, first_text):
        raise NoteConflict(
            _("A different note was already saved with this id. It was not saved again."), field="client_id"
        )
    db.session.rollback()  # nothing to write; end the transaction
    return existing


def update_note(actor, note_id, *, version, text, translation_en=None, is_quote=False, is_sensitive=False,
                language=None, now=None):
    """Save an edit made from ``version``. Raises NoteConflict if someone saved since."""
    text = _clean_text(text)
    translation_en = _clean_translation(translation_en)
    chosen = _check_language(language)
    note = _note_for(actor, note_id, lock=True)
    _check_open(note.session, now)
    if version is None or int(version) != note.version:
        current = _snapshot(note)
        db.session.rollback()
        raise NoteConflict(
            _("Someone else saved this note while you were editing. Compare both texts, then save again."),
            current=current,
        )
    changed = (
        text != note.text or translation_en != note.translation_en or bool(is_quote) != note.is_quote
        or bool(is_sensitive) != note.is_sensitive or (chosen and chosen != note.language)
    )
    if not changed:
        db.session.rollback()
        return note
    db.session.add(NoteRevision(note_id=note.id, version=note.version, text=note.text,
                                translation_en=note.translation_en, edited_by_id=actor.id))
    text_changed = text != note.text
    read_before = (note.text, note.translation_en, note.language)
    note.text = text
    note.translation_en = translation_en
    note.is_quote = bool(is_quote)
    note.is_sensitive = bool(is_sensitive)
    if chosen:
        _apply_language(note, chosen)
    elif text_changed and note.language_detected:
        _apply_language(note, None)
    note.version += 1
    audit.record(actor, "note.update", note, version=note.version)
    if (note.text, note.translation_en, note.language) != read_before:  # what the encoder reads may differ
        note_vectors.queue([note.id])
    db.session.commit()
    jobs.kick()
    return note


def set_language(actor, note_id, code, now=None):
    """The one-tap override of the detected language (no version needed: text is untouched)."""
    chosen = _check_language(code)
    if not chosen:
        raise NoteError(_("Choose one of the listed languages."), field="language")
    note = _note_for(actor, note_id, lock=True)
    _check_open(note.session, now)
    note.language, note.language_detected = chosen, False
    audit.record(actor, "note.language", note, language=chosen)
    note_vectors.queue([note.id])
    db.session.commit()
    jobs.kick()
    return note


def delete_note(actor, note_id, *, version=None, now=None):
    """Hide a note; its last text is kept as a revision. A stale ``version`` is a conflict."""
    note = _note_for(actor, note_id, lock=True)
    _check_open(note.session, now)
    if version is not None and int(version) != note.version:
        current = _snapshot(note)
        db.session.rollback()
        raise NoteConflict(
            _("Someone else saved this note while you were editing. Compare both texts, then save again."),
            current=current,
        )
    db.session.add(NoteRevision(note_id=note.id, version=note.version, text=note.text,
                                translation_en=note.translation_en, edited_by_id=actor.id))
    note.deleted_at = now or utcnow()
    note.version += 1
    audit.record(actor, "note.delete", note)
    db.session.commit()
    return note


@dataclass(frozen=True)
class NoteSnapshot:
    id: int
    version: int
    text: str
    translation_en: str | None
    is_quote: bool
    is_sensitive: bool
    language: str | None


def _snapshot(note):
    return NoteSnapshot(note.id, note.version, note.text, note.translation_en, note.is_quote,
                        note.is_sensitive, note.language)


# -- reading ---------------------------------------------------------------------------

def get_note(user, note_id):
    """A note the user may change (for the edit page)."""
    return _note_for(user, note_id)


def history(note):
    return list(note.revisions)


def as_json(note):
    return {
        "id": note.id, "client_id": note.client_id, "table_id": note.table_id, "prompt_id": note.prompt_id,
        "text": note.text, "language": note.language, "language_detected": note.language_detected,
        "translation_en": note.translation_en, "is_quote": note.is_quote, "is_sensitive": note.is_sensitive,
        "version": note.version, "deleted": note.deleted_at is not None,
    }
