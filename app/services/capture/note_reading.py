"""Reading notes back: the capture screen's table (its prompts in order, each with the notes
so far), a session's notes by table and prompt for organizers, and the rows of a notes export
(notes only, never anyone's personal data)."""
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ... import timezones
from ...extensions import db
from ...models import ListeningSession, Note, Prompt, SessionTable
from ...platform.localized import pick
from .notes import NoteNotFound, is_open, table_for


@dataclass
class PromptNotes:
    prompt: Prompt | None
    text: str  # in the reader's language
    default_text: str | None  # in the session's default language, when that differs
    language: str | None
    notes: list = field(default_factory=list)


@dataclass
class TableView:
    table: SessionTable
    session: ListeningSession
    open: bool
    sections: list


def _sections(session, notes, language):
    default = session.engagement.default_language
    sections = {}
    for prompt in session.prompts:
        chosen = pick(prompt.translations, language, default)
        fallback = pick(prompt.translations, default, default)
        default_text = fallback.text if fallback and chosen and fallback.row is not chosen.row else None
        sections[prompt.id] = PromptNotes(prompt, chosen.text if chosen else "", default_text,
                                          chosen.language if chosen else None)
    loose = PromptNotes(None, "", None, None)
    for note in notes:
        sections.get(note.prompt_id, loose).notes.append(note)
    result = list(sections.values())
    if loose.notes:
        result.append(loose)
    return result


def table_view(user, table_id, language, now=None):
    """The capture screen's content: prompts in order, each with the notes so far."""
    table = table_for(user, table_id)
    session = db.session.scalar(
        select(ListeningSession).where(ListeningSession.id == table.session_id).options(
            selectinload(ListeningSession.prompts).selectinload(Prompt.translations),
            selectinload(ListeningSession.translations),
        )
    )
    notes = list(db.session.scalars(
        select(Note).where(Note.table_id == table.id, Note.deleted_at.is_(None)).order_by(Note.created_at, Note.id)
    ))
    return TableView(table, session, is_open(session, now), _sections(session, notes, language))


@dataclass
class TableNotes:
    table: SessionTable
    sections: list
    count: int


def session_notes(session_id, language, query=None):
    """Every live note of a session by table and prompt, optionally filtered by a search."""
    session = db.session.get(ListeningSession, session_id)
    if session is None:
        raise NoteNotFound(_("That session does not exist."))
    stmt = (select(Note).where(Note.session_id == session.id, Note.deleted_at.is_(None))
            .order_by(Note.created_at, Note.id))
    query = (query or "").strip()
    if query:
        pattern = "%" + query.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        stmt = stmt.where(or_(func.lower(Note.text).like(pattern, escape="\\"),
                              func.lower(func.coalesce(Note.translation_en, "")).like(pattern, escape="\\")))
    notes = list(db.session.scalars(stmt))
    by_table = {}
    for note in notes:
        by_table.setdefault(note.table_id, []).append(note)
    tables = [TableNotes(t, _sections(session, by_table.get(t.id, []), language), len(by_table.get(t.id, [])))
              for t in session.tables]
    return session, tables, len(notes)


EXPORT_HEADER = ["session", "table", "prompt", "prompt_text", "note_id", "text", "language", "translation_en",
                 "quote", "sensitive", "source", "created_at"]


def export_rows(session_id):
    """Rows for a CSV/XLSX export: notes only, never anyone's personal data."""
    session = db.session.get(ListeningSession, session_id)
    if session is None:
        raise NoteNotFound(_("That session does not exist."))
    default = session.engagement.default_language
    prompt_text = {}
    for prompt in session.prompts:
        chosen = pick(prompt.translations, default, default)
        prompt_text[prompt.id] = (prompt.position, chosen.text if chosen else "")
    tables = {t.id: (t.position, t.name) for t in session.tables}
    zone = ZoneInfo(timezones.zone_of(session.engagement))  # the offset stays in each time
    notes = db.session.scalars(
        select(Note).where(Note.session_id == session.id, Note.deleted_at.is_(None)).order_by(Note.created_at, Note.id)
    )
    rows = []
    for note in notes:
        position, text = prompt_text.get(note.prompt_id, (None, ""))
        table_position, table_name = tables.get(note.table_id, (0, ""))
        rows.append(((table_position, position or 0), [
            session.slug, table_name, position, text, note.id, note.text, note.language or "",
            note.translation_en or "", note.is_quote, note.is_sensitive, note.source,
            note.created_at.astimezone(zone).isoformat() if note.created_at else "",
        ]))
    rows.sort(key=lambda pair: pair[0])
    return session, EXPORT_HEADER, [row for _key, row in rows]
