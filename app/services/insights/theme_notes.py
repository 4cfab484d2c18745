"""A theme's notes at size: filtered (session, table, prompt, language, tag), a page at a time,
and changed several at once (move, exclude, include, quote, unquote) in one transaction with an
audit entry per note. A sensitive note is never made a quote: it is refused and named."""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Integer, func, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import Code, ListeningSession, Note, NoteTag, NoteTheme, Prompt, Theme
from ...platform import audit
from .. import ServiceError
from .theme_review import OPEN_STATUSES, BoardFilter

PER_PAGE = 25
BULK_ACTIONS = ("move", "exclude", "include", "quote", "unquote")
MAX_BULK = 500  # notes one request may change


@dataclass(frozen=True)
class NoteFilter(BoardFilter):
    """The board's filter, plus one codebook tag (a person's or the tagger's, not rejected)."""

    code_id: int | None = None

    @property
    def active(self):
        return super().active or self.code_id is not None

    def apply(self, query):
        query = super().apply(query)
        if self.code_id is not None:
            query = query.where(Note.id.in_(select(NoteTag.note_id).where(
                NoteTag.code_id == self.code_id, NoteTag.rejected.is_(False))))
        return query


@dataclass
class NotePage:
    rows: list  # (note, assignment)
    total: int  # notes the filter keeps
    page: int
    pages: int
    all_notes: int  # in the theme, whatever the filter
    excluded: int
    new: int


def _base(theme):
    return (select(Note, NoteTheme).join(NoteTheme, NoteTheme.note_id == Note.id)
            .where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None)))


def note_page(theme, filters=None, page=1, per_page=PER_PAGE):
    """One page of the theme's notes the filter keeps (new first, excluded last), with the
    session, table and prompt of each loaded; counts over the whole theme."""
    filters = filters or NoteFilter()
    query = filters.apply(_base(theme))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, -(-total // per_page))
    page = min(max(1, page or 1), pages)
    rows = db.session.execute(
        query.options(selectinload(Note.table), selectinload(Note.prompt).selectinload(Prompt.translations),
                      selectinload(Note.session).selectinload(ListeningSession.translations))
        .order_by(NoteTheme.excluded, NoteTheme.is_new.desc(), Note.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    counts = db.session.execute(
        select(func.count(), func.coalesce(func.sum(NoteTheme.excluded.cast(Integer)), 0),
               func.coalesce(func.sum(NoteTheme.is_new.cast(Integer)), 0))
        .select_from(NoteTheme).join(Note, Note.id == NoteTheme.note_id)
        .where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None))
    ).one()
    return NotePage(rows=list(rows), total=total, page=page, pages=pages, all_notes=counts[0],
                    excluded=int(counts[1]), new=int(counts[2]))


def unplaced_choices(run, limit=200):
    """[(note id, text)] of the run's notes in none of its themes (the first ``limit``), read in
    one query: the theme page's "add a note" list."""
    placed = select(NoteTheme.note_id).join(Theme, Theme.id == NoteTheme.theme_id).where(Theme.run_id == run.id)
    query = (select(Note.id, Note.text).join(ListeningSession, ListeningSession.id == Note.session_id)
             .where(ListeningSession.engagement_id == run.engagement_id, Note.deleted_at.is_(None),
                    Note.id.not_in(placed)))
    session_ids = [int(i) for i in (run.params or {}).get("session_ids") or []]
    if session_ids:
        query = query.where(Note.session_id.in_(session_ids))
    return [(note_id, text[:80]) for note_id, text in db.session.execute(query.order_by(Note.id).limit(limit))]


def tag_options(run):
    """Codes tagged on the notes of the run's engagement (not rejected), by codebook position."""
    return list(db.session.scalars(
        select(Code).where(Code.id.in_(
            select(NoteTag.code_id).join(Note, Note.id == NoteTag.note_id)
            .join(ListeningSession, ListeningSession.id == Note.session_id)
            .where(ListeningSession.engagement_id == run.engagement_id, NoteTag.rejected.is_(False))))
        .order_by(Code.codebook_id, Code.position, Code.id)))


@dataclass
class BulkResult:
    changed: list = field(default_factory=list)  # note ids
    refused: list = field(default_factory=list)  # (note, reason)


def bulk_change(actor, theme, note_ids, action, *, target=None):
    """Apply ``action`` to the chosen notes of ``theme`` at once. ``target`` (for "move") is a
    theme id of the same run, or "none" to take the notes out of every theme. Notes no longer in
    the theme are skipped; sensitive notes are refused as quotes. One commit; one audit entry
    per note changed."""
    if action not in BULK_ACTIONS:
        raise ServiceError(_("Choose what to do with the chosen notes."), field="action")
    note_ids = list(dict.fromkeys(int(i) for i in note_ids or ()))[:MAX_BULK]
    if not note_ids:
        raise ServiceError(_("Choose at least one note."), field="note_ids")
    destination = None
    if action == "move":
        if target != "none":
            destination = db.session.get(Theme, target) if isinstance(target, int) else None
            if (destination is None or destination.run_id != theme.run_id or destination.id == theme.id
                    or destination.status not in OPEN_STATUSES):
                raise ServiceError(_("Choose a theme from the same analysis."), field="target")
    rows = db.session.execute(
        select(Note, NoteTheme).join(NoteTheme, NoteTheme.note_id == Note.id)
        .where(NoteTheme.theme_id == theme.id, Note.id.in_(note_ids), Note.deleted_at.is_(None))
        .order_by(Note.id)).all()
    if not rows:
        raise ServiceError(_("None of the chosen notes is in this theme any more."), field="note_ids")
    result = BulkResult()
    already = set()
    if destination is not None:
        already = set(db.session.scalars(select(NoteTheme.note_id).where(
            NoteTheme.theme_id == destination.id, NoteTheme.note_id.in_([n.id for n, _a in rows]))))
    for note, assignment in rows:
        if action == "quote" and note.is_sensitive:
            result.refused.append((note, _("sensitive notes are never published")))
            continue
        if action == "move":
            db.session.delete(assignment)
            if destination is not None and note.id not in already:
                db.session.add(NoteTheme(note_id=note.id, theme_id=destination.id, assigned_by="person",
                                         user_id=actor.id))
            audit.record(actor, "theme.move_note", theme, note_id=note.id,
                         to_theme_id=destination.id if destination else None, bulk=True)
        elif action in ("exclude", "include"):
            assignment.excluded = action == "exclude"
            audit.record(actor, "theme.exclude_note" if action == "exclude" else "theme.include_note", theme,
                         note_id=note.id, bulk=True)
        else:
            note.is_quote = action == "quote"
            audit.record(actor, "note.quote" if action == "quote" else "note.unquote", note, theme_id=theme.id,
                         bulk=True)
        result.changed.append(note.id)
    db.session.commit()
    return result
