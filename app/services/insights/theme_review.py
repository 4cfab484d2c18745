"""Policy teams review what the analysis suggested: the theme board, themes and their notes
(links to policy: ``theme_links``; coverage by policy: ``policy_coverage``).

Every change records who made it; machine suggestions are never silently overwritten:
a person's decision is stored beside them (``assigned_by="person"``, link ``confirmed``
with a stance).
"""
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import case, distinct, func, or_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import (
    Engagement,
    ListeningSession,
    Note,
    NoteTheme,
    Prompt,
    Theme,
    ThemeLink,
)
from ...platform import audit
from .. import ServiceError, get_or_not_found
from .run_scope import in_run_scope
from .runs import unassigned_notes  # noqa: F401  (the theme page offers these notes)

THEME_STATUSES = ("suggested", "accepted", "rejected")
# Themes still in play: shown on the coverage matrix, offered as merge and move targets.
OPEN_STATUSES = ("suggested", "accepted")
BOARD_QUOTES = 3


def engagements():
    return list(db.session.scalars(
        select(Engagement).options(selectinload(Engagement.translations)).order_by(Engagement.id)))


def get_theme(theme_id):
    return get_or_not_found(Theme, theme_id)


# --- The theme board -------------------------------------------------------------------

@dataclass(frozen=True)
class BoardFilter:
    """Which notes the board counts: all of them, or one session, table, prompt, language."""

    session_id: int | None = None
    table_id: int | None = None
    prompt_id: int | None = None
    language: str | None = None

    @property
    def active(self):
        return any(v is not None for v in (self.session_id, self.table_id, self.prompt_id, self.language))

    def apply(self, query):
        if self.session_id is not None:
            query = query.where(Note.session_id == self.session_id)
        if self.table_id is not None:
            query = query.where(Note.table_id == self.table_id)
        if self.prompt_id is not None:
            query = query.where(Note.prompt_id == self.prompt_id)
        if self.language is not None:
            query = query.where(Note.language == self.language)
        return query


@dataclass
class ThemeCard:
    """One theme on the board, with counts over the notes the filter keeps."""

    theme: Theme
    notes: int = 0
    tables: int = 0
    sessions: int = 0
    languages: list = field(default_factory=list)
    new: int = 0
    quotes: list = field(default_factory=list)


def _counted(run, filters, *columns):
    """Assignments of the run's themes that count: note kept in the theme and not deleted."""
    query = (select(*columns).select_from(NoteTheme)
             .join(Note, Note.id == NoteTheme.note_id).join(Theme, Theme.id == NoteTheme.theme_id)
             .where(Theme.run_id == run.id, NoteTheme.excluded.is_(False), Note.deleted_at.is_(None)))
    return (filters or BoardFilter()).apply(query)


def board(run, filters=None):
    """The run's themes as cards, in order. Three queries for the whole run, whatever its size."""
    cards = {theme.id: ThemeCard(theme) for theme in run.themes}
    counts = _counted(
        run, filters, NoteTheme.theme_id, func.count(NoteTheme.id), func.count(distinct(Note.table_id)),
        func.count(distinct(Note.session_id)), func.sum(case((NoteTheme.is_new.is_(True), 1), else_=0)),
    ).group_by(NoteTheme.theme_id)
    for theme_id, notes, tables, sessions, new in db.session.execute(counts):
        card = cards[theme_id]
        card.notes, card.tables, card.sessions, card.new = notes, tables, sessions, int(new or 0)
    languages = _counted(run, filters, NoteTheme.theme_id, Note.language).where(Note.language.is_not(None)).distinct()
    for theme_id, language in db.session.execute(languages.order_by(NoteTheme.theme_id, Note.language)):
        cards[theme_id].languages.append(language)
    # Quotes first, then the notes the analysis found most typical; never a sensitive note.
    rank = func.row_number().over(
        partition_by=NoteTheme.theme_id,
        order_by=(Note.is_quote.desc(), NoteTheme.representative.desc(), Note.id),
    ).label("rank")
    ranked = _counted(run, filters, NoteTheme.theme_id, Note.id.label("note_id"), rank).where(
        Note.is_sensitive.is_(False), or_(Note.is_quote.is_(True), NoteTheme.representative.is_(True)),
    ).subquery()
    quotes = (select(ranked.c.theme_id, Note).join(Note, Note.id == ranked.c.note_id)
              .where(ranked.c.rank <= BOARD_QUOTES).order_by(ranked.c.theme_id, ranked.c.rank))
    for theme_id, note in db.session.execute(quotes):
        cards[theme_id].quotes.append(note)
    return list(cards.values())


@dataclass
class FilterOptions:
    sessions: list  # ListeningSession, with translations, tables and prompts loaded
    languages: list  # language codes of the engagement's notes
    default_language: str  # the engagement's, for translated names


def filter_options(run):
    """What the board can be filtered by: the engagement's sessions, tables and prompts, and
    the languages its notes are in."""
    engagement = db.session.get(Engagement, run.engagement_id)
    sessions = list(db.session.scalars(
        select(ListeningSession).where(ListeningSession.engagement_id == run.engagement_id)
        .options(selectinload(ListeningSession.translations), selectinload(ListeningSession.tables),
                 selectinload(ListeningSession.prompts).selectinload(Prompt.translations))
        .order_by(ListeningSession.starts_at, ListeningSession.id)
    ))
    languages = list(db.session.scalars(
        select(Note.language).join(ListeningSession, ListeningSession.id == Note.session_id)
        .where(ListeningSession.engagement_id == run.engagement_id, Note.language.is_not(None),
               Note.deleted_at.is_(None)).distinct().order_by(Note.language)
    ))
    return FilterOptions(sessions, languages, engagement.default_language)


def open_themes(run, *, leave_out=()):
    return [t for t in run.themes if t.status in OPEN_STATUSES and t.id not in leave_out]


# --- One theme -------------------------------------------------------------------------

def theme_notes(theme):
    """The theme's notes with their assignment (who placed them, new, excluded), excluded last."""
    return list(db.session.execute(
        select(Note, NoteTheme).join(NoteTheme, NoteTheme.note_id == Note.id)
        .where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None))
        .options(selectinload(Note.table), selectinload(Note.session), selectinload(Note.prompt))
        .order_by(NoteTheme.excluded, NoteTheme.is_new.desc(), Note.id)
    ).all())


def theme_links(theme):
    return list(db.session.scalars(
        select(ThemeLink).where(ThemeLink.theme_id == theme.id)
        .options(selectinload(ThemeLink.clause), selectinload(ThemeLink.action_item),
                 selectinload(ThemeLink.goal), selectinload(ThemeLink.strategy))
        .order_by(ThemeLink.status, ThemeLink.score.desc())
    ))


def update_theme(actor, theme, *, label, summary, status):
    label = (label or "").strip()
    if not label:
        raise ServiceError(_("Give the theme a name."), field="label")
    if status not in THEME_STATUSES:
        raise ServiceError(_("Choose a status."), field="status")
    if theme.status == "merged":
        raise ServiceError(_("This theme was merged into another one; edit that theme instead."), field="status")
    renamed = label[:200] != theme.label
    details = {"status": status}
    if renamed:
        details.update(old_label=theme.label, label=label[:200])
    theme.label, theme.summary, theme.status = label[:200], (summary or "").strip(), status
    audit.record(actor, "theme.update", theme, **details)
    db.session.commit()
    return theme


def _assignment(theme, note_id):
    assignment = db.session.scalar(
        select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == theme.id))
    if assignment is None:
        raise ServiceError(_("That note is not in this theme any more."))
    return assignment


def _same_run_theme(theme_id, run_id, field="theme"):
    target = db.session.get(Theme, theme_id) if theme_id else None
    if target is None or target.run_id != run_id or target.status not in OPEN_STATUSES:
        raise ServiceError(_("Choose a theme from the same analysis."), field=field)
    return target


def move_note(actor, note_id, from_theme, to_theme_id):
    """A person moves a note to another theme of the same run (or out of all themes)."""
    assignment = _assignment(from_theme, note_id)
    target = _same_run_theme(to_theme_id, from_theme.run_id) if to_theme_id else None
    db.session.delete(assignment)
    if target is not None:
        existing = db.session.scalar(
            select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == target.id))
        if existing is None:
            db.session.add(NoteTheme(note_id=note_id, theme_id=target.id, assigned_by="person", user_id=actor.id))
    audit.record(actor, "theme.move_note", from_theme, note_id=note_id, to_theme_id=to_theme_id)
    db.session.commit()


def add_note(actor, theme, note_id):
    """Put a note of the run's scope that is in none of its themes into ``theme``."""
    note = db.session.get(Note, note_id) if note_id else None
    if note is None:
        raise ServiceError(_("That note no longer exists."))
    placed = db.session.scalar(select(NoteTheme.theme_id).join(Theme, Theme.id == NoteTheme.theme_id).where(
        NoteTheme.note_id == note_id, Theme.run_id == theme.run_id).limit(1))
    if not in_run_scope(theme.run, note) or placed not in (None, theme.id):
        raise ServiceError(_("Choose a note of this analysis that is in no theme yet."), field="note_id")
    if placed is None:
        db.session.add(NoteTheme(note_id=note_id, theme_id=theme.id, assigned_by="person", user_id=actor.id))
    audit.record(actor, "theme.add_note", theme, note_id=note_id)
    db.session.commit()


def set_quote(actor, theme, note_id, is_quote):
    """Mark a note of the theme as a quote for the board and the report, or unmark it."""
    note = _assignment(theme, note_id).note
    if is_quote and note.is_sensitive:
        raise ServiceError(_("This note is flagged sensitive, so it cannot be a quote: "
                             "sensitive notes are never published."))
    note.is_quote = bool(is_quote)
    audit.record(actor, "note.quote" if is_quote else "note.unquote", note, theme_id=theme.id)
    db.session.commit()
    return note


def set_excluded(actor, theme, note_id, excluded):
    """Keep a note out of the theme's counts, quotes and report (it stays listed), or let it back in."""
    assignment = _assignment(theme, note_id)
    assignment.excluded = bool(excluded)
    audit.record(actor, "theme.exclude_note" if excluded else "theme.include_note", theme, note_id=note_id)
    db.session.commit()
    return assignment


def mark_reviewed(actor, theme, note_id=None):
    """A person has looked at notes placed in the theme after review began: clear their
    "new" flag, for one note or for all of them. Returns how many were cleared."""
    query = select(NoteTheme).where(NoteTheme.theme_id == theme.id, NoteTheme.is_new.is_(True))
    if note_id is not None:
        query = query.where(NoteTheme.note_id == note_id)
    assignments = list(db.session.scalars(query))
    for assignment in assignments:
        assignment.is_new = False
    audit.record(actor, "theme.reviewed", theme, note_ids=[a.note_id for a in assignments])
    db.session.commit()
    return len(assignments)


def merge_themes(actor, target, sources, *, label=None):
    """Fold ``sources`` into ``target`` (all of one run): their notes move to the target as a
    person's placement, their links too unless the target already has one to the same
    clause or action; each source keeps its history, marked merged into the target."""
    sources = [s for s in {s.id: s for s in sources}.values() if s.id != target.id]
    if not sources:
        raise ServiceError(_("Choose at least two themes to merge."), field="themes")
    if target.status not in OPEN_STATUSES or any(
            s.run_id != target.run_id or s.status not in OPEN_STATUSES for s in sources):
        raise ServiceError(_("Choose themes from the same analysis that are not merged or rejected."), field="themes")
    label = (label or "").strip()
    if label:
        target.label = label[:200]
    source_ids = [s.id for s in sources]
    in_target = set(db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == target.id)))
    for assignment in list(db.session.scalars(
            select(NoteTheme).where(NoteTheme.theme_id.in_(source_ids)).order_by(NoteTheme.id))):
        if assignment.note_id in in_target:
            db.session.delete(assignment)
            continue
        in_target.add(assignment.note_id)
        assignment.theme_id, assignment.assigned_by, assignment.user_id = target.id, "person", actor.id
    linked = {(link.clause_id, link.action_item_id, link.goal_id, link.strategy_id)
              for link in db.session.scalars(select(ThemeLink).where(ThemeLink.theme_id == target.id))}
    for link in list(db.session.scalars(
            select(ThemeLink).where(ThemeLink.theme_id.in_(source_ids)).order_by(ThemeLink.id))):
        key = (link.clause_id, link.action_item_id, link.goal_id, link.strategy_id)
        if key not in linked:
            linked.add(key)
            link.theme_id = target.id
    for source in sources:
        source.status, source.merged_into_id = "merged", target.id
        audit.record(actor, "theme.merged_into", source, into=target.id)
    audit.record(actor, "theme.merge", target, merged=source_ids, label=target.label)
    db.session.commit()
    return target


def split_theme(actor, theme, note_ids, label):
    """Move the chosen notes of a theme into a new theme of the same run, named by a person."""
    label = (label or "").strip()
    if not label:
        raise ServiceError(_("Give the new theme a name."), field="label")
    if theme.status not in OPEN_STATUSES:
        raise ServiceError(_("This theme was merged or rejected; it cannot be split."), field="label")
    assignments = list(db.session.scalars(
        select(NoteTheme).where(NoteTheme.theme_id == theme.id, NoteTheme.note_id.in_(list(note_ids or ())))
    ))
    if not assignments:
        raise ServiceError(_("Choose the notes that go into the new theme."), field="note_ids")
    position = db.session.scalar(select(func.max(Theme.position)).where(Theme.run_id == theme.run_id)) or 0
    new = Theme(run_id=theme.run_id, key=f"split-{theme.id}-{position + 1}"[:40], position=position + 1,
                machine_label=label[:200], label=label[:200], keywords=[],
                status=theme.status)
    db.session.add(new)
    db.session.flush()
    for assignment in assignments:
        assignment.theme_id, assignment.assigned_by, assignment.user_id = new.id, "person", actor.id
    audit.record(actor, "theme.split", theme, new_theme_id=new.id, note_ids=[a.note_id for a in assignments])
    audit.record(actor, "theme.create", new, split_from=theme.id, label=new.label)
    db.session.commit()
    return new
