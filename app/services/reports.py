"""What the public sees: published "What We Heard" reports and the progress tracker.

Only accepted themes of published reports appear. Quotes are notes flagged as a
participant's own words, never a note flagged sensitive, shown verbatim.
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from flask_babel import gettext as _

from ..models import ActionItem, ActionPlan, Engagement, Note, NoteTheme, Report, Theme, ThemeLink
from ..models.types import utcnow
from . import ServiceError, analysis_bridge, audit

MAX_QUOTES = 3


@dataclass
class ThemeView:
    theme: Theme
    counts: dict
    quotes: list = field(default_factory=list)
    clauses: list = field(default_factory=list)
    actions: list = field(default_factory=list)


def published_reports():
    return list(db.session.scalars(
        select(Report).where(Report.status == "published").order_by(Report.published_at.desc())
    ))


def get_published(report_id):
    report = db.session.get(Report, report_id)
    if report is None or report.status != "published":
        raise LookupError(report_id)
    return report


def report_view(report):
    themes = db.session.scalars(
        select(Theme).where(Theme.run_id == report.run_id, Theme.status == "accepted").order_by(Theme.position)
    ).all()
    views = []
    for theme in themes:
        rows = db.session.execute(
            select(Note, NoteTheme.representative).join(NoteTheme, NoteTheme.note_id == Note.id)
            .where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None)).order_by(Note.id)
        ).all()
        notes = [note for note, _rep in rows]
        summary = analysis_bridge.theme_summary(theme, notes)
        quotable = [(not rep, note.id, note) for note, rep in rows if note.is_quote and not note.is_sensitive]
        quotes = [note for _r, _i, note in sorted(quotable, key=lambda x: (x[0], x[1]))][:MAX_QUOTES]
        links = db.session.scalars(
            select(ThemeLink).where(ThemeLink.theme_id == theme.id, ThemeLink.status == "confirmed")
            .options(selectinload(ThemeLink.clause), selectinload(ThemeLink.action_item))
        ).all()
        views.append(ThemeView(
            theme=theme,
            counts={k: summary[k] for k in ("n_notes", "n_tables", "n_sessions")} | {"languages": summary["languages"]},
            quotes=quotes,
            clauses=[l.clause for l in links if l.clause_id],
            actions=[l.action_item for l in links if l.action_item_id],
        ))
    return views


def progress(engagement_id=None):
    """Every action item with its status and the published themes that led to it."""
    query = select(ActionItem).join(ActionPlan).options(selectinload(ActionItem.plan)).order_by(ActionPlan.id, ActionItem.position)
    if engagement_id:
        query = query.where(ActionPlan.engagement_id == engagement_id)
    items = db.session.scalars(query).all()
    published_runs = select(Report.run_id).where(Report.status == "published")
    links = db.session.execute(
        select(ThemeLink.action_item_id, Theme, Report.id)
        .join(Theme, ThemeLink.theme_id == Theme.id)
        .join(Report, Report.run_id == Theme.run_id)
        .where(ThemeLink.status == "confirmed", Theme.status == "accepted", Theme.run_id.in_(published_runs),
               Report.status == "published")
    ).all()
    by_item = {}
    for item_id, theme, report_id in links:
        by_item.setdefault(item_id, []).append((theme, report_id))
    return [(item, by_item.get(item.id, [])) for item in items]


def engagement_list():
    return list(db.session.scalars(select(Engagement).options(selectinload(Engagement.translations))))


def report_for_run(run):
    return db.session.scalar(select(Report).where(Report.run_id == run.id))


def save_report(actor, run, *, title, introduction, publish):
    title = (title or "").strip()
    if not title:
        raise ServiceError(_("Give the report a title."), field="title")
    accepted = [t for t in run.themes if t.status == "accepted"]
    if publish and not accepted:
        raise ServiceError(_("Accept at least one theme before publishing."))
    report = report_for_run(run) or Report(engagement_id=run.engagement_id, run_id=run.id, title=title)
    report.title, report.introduction = title[:300], (introduction or "").strip()
    if publish and report.status != "published":
        report.status, report.published_at = "published", utcnow()
    elif not publish and report.status == "published":
        report.status, report.published_at = "draft", None
    db.session.add(report)
    db.session.flush()
    audit.record(actor, "report.publish" if publish else "report.save", report)
    db.session.commit()
    return report
