"""Policy teams review what the analysis suggested: themes, note placement, links, reports.

Every change records who made it; machine suggestions are never silently overwritten:
a person's decision is stored beside them (``assigned_by="person"``, link ``confirmed``).
"""
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import (
    ActionItem,
    Engagement,
    Note,
    NoteTheme,
    ResolutionClause,
    Theme,
    ThemeLink,
)
from . import ServiceError, analysis_bridge, audit
from .runs import unassigned_notes  # noqa: F401  (the theme page offers these notes)

THEME_STATUSES = ("suggested", "accepted", "rejected")


def engagements():
    return list(db.session.scalars(select(Engagement).options(selectinload(Engagement.translations)).order_by(Engagement.id)))


def get_theme(theme_id):
    theme = db.session.get(Theme, theme_id)
    if theme is None:
        raise LookupError(theme_id)
    return theme


def theme_notes(theme):
    return list(db.session.scalars(
        select(Note).join(NoteTheme).where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None))
        .options(selectinload(Note.table), selectinload(Note.prompt)).order_by(Note.id)
    ))


def theme_links(theme):
    return list(db.session.scalars(
        select(ThemeLink).where(ThemeLink.theme_id == theme.id)
        .options(selectinload(ThemeLink.clause), selectinload(ThemeLink.action_item))
        .order_by(ThemeLink.status, ThemeLink.score.desc())
    ))


def update_theme(actor, theme, *, label, summary, status):
    label = (label or "").strip()
    if not label:
        raise ServiceError(_("Give the theme a name."), field="label")
    if status not in THEME_STATUSES:
        raise ServiceError(_("Choose a status."), field="status")
    theme.label, theme.summary, theme.status = label[:200], (summary or "").strip(), status
    audit.record(actor, "theme.update", theme, status=status)
    db.session.commit()
    return theme


def move_note(actor, note_id, from_theme, to_theme_id):
    """A person moves a note to another theme of the same run (or out of all themes)."""
    assignment = db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == from_theme.id))
    if assignment is None:
        raise ServiceError(_("That note is not in this theme any more."))
    target = None
    if to_theme_id:
        target = db.session.get(Theme, to_theme_id)
        if target is None or target.run_id != from_theme.run_id:
            raise ServiceError(_("Choose a theme from the same analysis."), field="theme")
    db.session.delete(assignment)
    if target is not None:
        existing = db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == target.id))
        if existing is None:
            db.session.add(NoteTheme(note_id=note_id, theme_id=target.id, assigned_by="person", user_id=actor.id))
    audit.record(actor, "theme.move_note", from_theme, note_id=note_id, to_theme_id=to_theme_id)
    db.session.commit()


def add_note(actor, theme, note_id):
    note = db.session.get(Note, note_id)
    if note is None:
        raise ServiceError(_("That note no longer exists."))
    if db.session.scalar(select(NoteTheme.id).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == theme.id)) is None:
        db.session.add(NoteTheme(note_id=note_id, theme_id=theme.id, assigned_by="person", user_id=actor.id))
    audit.record(actor, "theme.add_note", theme, note_id=note_id)
    db.session.commit()


def decide_link(actor, link_id, decision):
    link = db.session.get(ThemeLink, link_id)
    if link is None or decision not in ("confirmed", "rejected", "suggested"):
        raise ServiceError(_("That link no longer exists."))
    link.status = decision
    link.decided_by_id = actor.id
    audit.record(actor, "link." + decision, link)
    db.session.commit()
    return link


def link_candidates(theme):
    """Clauses and action items ranked for this theme, for a person to link by hand:
    ``[(form key, text, score)]``."""
    out = []
    for target, score in analysis_bridge.rank_for_theme(theme, theme.run.engagement_id, top=10):
        if isinstance(target, ResolutionClause):
            out.append((f"clause:{target.id}", f"{target.label} {target.text}".strip(), score))
        else:
            out.append((f"action:{target.id}", target.action_step, score))
    return out


def add_link(actor, theme, target_key):
    kind, _sep, raw_id = (target_key or "").partition(":")
    if not raw_id.isdigit() or kind not in ("clause", "action"):
        raise ServiceError(_("Choose a clause or an action item."), field="target")
    model = ResolutionClause if kind == "clause" else ActionItem
    target = db.session.get(model, int(raw_id))
    if target is None:
        raise ServiceError(_("Choose a clause or an action item."), field="target")
    column = ThemeLink.clause_id if kind == "clause" else ThemeLink.action_item_id
    link = db.session.scalar(select(ThemeLink).where(ThemeLink.theme_id == theme.id, column == target.id))
    if link is None:
        link = ThemeLink(theme_id=theme.id, status="confirmed", decided_by_id=actor.id)
        if kind == "clause":
            link.clause_id = target.id
        else:
            link.action_item_id = target.id
        db.session.add(link)
    else:
        link.status, link.decided_by_id = "confirmed", actor.id
    db.session.flush()
    audit.record(actor, "link.add", link)
    db.session.commit()
    return link
