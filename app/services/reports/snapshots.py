"""The "What We Heard" report: its reads, its snapshot, saving and publishing.

A report is written from one reviewed analysis run. Publishing freezes it: each publication
adds a ``ReportVersion`` (1, 2, ...) whose ``snapshot`` holds everything the public page, the
DOCX and the CSV downloads show, so later edits to themes, notes or links change nothing the
public sees until the report is published again. Unpublishing hides every version.

Privacy, by construction of the snapshot:
- no names, e-mail addresses or phone numbers of residents or staff are put in it (sessions
  carry their title, date, attendance count and languages; quotes carry text and language);
- a note flagged sensitive is never quoted (it still counts in the theme's numbers);
- a note a reviewer excluded from a theme (``NoteTheme.excluded``) is neither counted nor
  quoted. Analysts exclude a quote from the report page with :func:`set_quote_excluded`,
  which sets that flag for the theme (with the actor and an audit entry).
"""
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import load_only, selectinload

from ...extensions import db
from ...models import (
    Engagement,
    ListeningSession,
    Note,
    NoteTheme,
    Registration,
    Report,
    ReportVersion,
    ResolutionClause,
    SessionTable,
    Theme,
    ThemeLink,
)
from ...models.types import utcnow
from ...platform import audit
from .. import NotFound, ServiceError, get_or_not_found
from ..content import translations
from ..insights import bridge
from ..plans import links as plan_links

MAX_QUOTES = 3  # quotes per theme in the report
SNAPSHOT_SCHEMA = 1


# --- Reading published reports -------------------------------------------------------------

def published_reports():
    """Published reports (one per engagement), newest publication first."""
    return list(db.session.scalars(
        select(Report).where(Report.status == "published").order_by(Report.published_at.desc(), Report.id.desc())
    ))


def get_published(report_id):
    """A published report (with at least one version); ``NotFound`` otherwise."""
    return get_or_not_found(
        Report, report_id, where=lambda report: report.status == "published" and report.versions)


def latest_version(report):
    return report.versions[-1] if report.versions else None


def get_version(report_id, number=None):
    """A version of a published report (the latest when ``number`` is None); ``NotFound`` if
    the report is not published or has no such version."""
    report = get_published(report_id)
    if number is None:
        return latest_version(report)
    for version in report.versions:
        if version.number == number:
            return version
    raise NotFound(f"{report_id}/{number}")


def engagement_of(report):
    return db.session.get(Engagement, report.engagement_id)


def report_for_engagement(engagement_id):
    """The engagement's one report (None before it is first saved)."""
    return db.session.scalar(select(Report).where(Report.engagement_id == engagement_id))


def report_for_run(run):
    """The report a run's themes are written into: its engagement's one report."""
    return report_for_engagement(run.engagement_id)


def get_by_legacy_address(report_id, number=None):
    """A version folded into another report by migration a15b0c0de5a1, by its old address
    (``number`` None: the newest version of the report it was in); None if there is none."""
    query = select(ReportVersion).where(ReportVersion.legacy_report_id == report_id)
    if number is not None:
        query = query.where(ReportVersion.legacy_number == number)
    version = db.session.scalar(query.order_by(ReportVersion.legacy_number.desc()))
    if version is None or version.report.status != "published":
        return None
    return version


def engagement_list():
    return list(db.session.scalars(select(Engagement).options(selectinload(Engagement.translations))
                                   .order_by(Engagement.id)))


# --- Building a snapshot from the live tables ----------------------------------------------

def accepted_themes(run_id):
    return db.session.scalars(
        select(Theme).where(Theme.run_id == run_id, Theme.status == "accepted").order_by(Theme.position, Theme.id)
    ).all()


def _theme_members(theme):
    """(note, representative) for the theme's notes that count: not deleted, not excluded."""
    return _members([theme])[theme.id]


# What counting and quoting a theme's notes reads (analysis_bridge.theme_summary, _quote_order,
# _theme_snapshot): 2,000 notes load faster without their dates and other columns.
_MEMBER_COLUMNS = (Note.id, Note.session_id, Note.table_id, Note.text, Note.language, Note.translation_en,
                   Note.is_quote, Note.is_sensitive)


def _members(themes):
    """{theme id: [(note, representative)]} for several themes in one query (see _theme_members)."""
    by_theme = {theme.id: [] for theme in themes}
    if by_theme:
        for note, representative, theme_id in db.session.execute(
                select(Note, NoteTheme.representative, NoteTheme.theme_id)
                .join(NoteTheme, NoteTheme.note_id == Note.id)
                .where(NoteTheme.theme_id.in_(list(by_theme)), NoteTheme.excluded.is_(False),
                       Note.deleted_at.is_(None))
                .options(load_only(*_MEMBER_COLUMNS))
                .order_by(Note.id)):
            by_theme[theme_id].append((note, representative))
    return by_theme


def _quote_order(rows):
    """Quotable notes (flagged as a quote, never sensitive), representative ones first."""
    quotable = [(not rep, note.id, note) for note, rep in rows if note.is_quote and not note.is_sensitive]
    return [note for _r, _i, note in sorted(quotable, key=lambda x: (x[0], x[1]))]


def _links(themes):
    """{theme id: [confirmed ThemeLink]} for all ``themes`` at once (one query, not one each)."""
    by_theme = {theme.id: [] for theme in themes}
    if by_theme:
        for link in db.session.scalars(
                select(ThemeLink).where(ThemeLink.theme_id.in_(list(by_theme)), ThemeLink.status == "confirmed")
                .options(selectinload(ThemeLink.clause).selectinload(ResolutionClause.resolution),
                         selectinload(ThemeLink.action_item))
                .order_by(ThemeLink.id)):
            by_theme[link.theme_id].append(link)
    return by_theme


def _theme_snapshot(theme, links, rows):
    notes = [note for note, _rep in rows]
    summary = bridge.theme_summary(theme, notes) if notes else {
        "n_notes": 0, "n_tables": 0, "n_sessions": 0, "languages": {}, "quotes": []}
    resolved = {str(q["note_id"]): q.get("lang") for q in summary.get("quotes", [])}
    quotes = []
    for note in _quote_order(rows)[:MAX_QUOTES]:
        language = note.language or resolved.get(str(note.id)) or ""
        quotes.append({
            "note_id": note.id, "text": note.text, "language": "" if language == "und" else language,
            "translation_en": (note.translation_en or "") if language != "en" else "",
        })
    clauses, actions, plan_levels = [], [], []
    for link in links:
        if link.clause is not None:
            clause = link.clause
            clauses.append({
                "id": clause.id, "label": clause.label, "kind": clause.kind, "text": clause.text,
                "resolution": clause.resolution.number or clause.resolution.title, "stance": link.stance or "",
            })
        elif link.action_item is not None:
            item = link.action_item
            actions.append({
                "id": item.id, "number": item.number, "goal": item.goal, "action_step": item.action_step,
                "departments": item.departments, "status": item.status,
                "deadline": item.deadline.isoformat() if item.deadline else "", "stance": link.stance or "",
            })
        elif (level := plan_links.snapshot_entry(link)) is not None:
            plan_levels.append(level)
    return {
        "id": theme.id, "label": theme.label, "statement": theme.summary or "",
        "counts": {"notes": summary["n_notes"], "tables": summary["n_tables"], "sessions": summary["n_sessions"],
                   "languages": dict(summary["languages"])},
        "quotes": quotes, "clauses": clauses, "actions": actions, "plan_levels": plan_levels,
        # Which notes it counted: how the next version's diff recognises the theme in a later run.
        "note_ids": [note.id for note in notes],
    }


def _sessions_held(run):
    """Sessions of the run's engagement that took place (or the run's chosen sessions)."""
    query = (select(ListeningSession).where(ListeningSession.engagement_id == run.engagement_id)
             .options(selectinload(ListeningSession.translations), selectinload(ListeningSession.tables))
             .order_by(ListeningSession.starts_at))
    chosen = (run.params or {}).get("session_ids")
    if chosen:
        query = query.where(ListeningSession.id.in_([int(i) for i in chosen]))
    else:
        query = query.where(ListeningSession.starts_at <= utcnow(),
                            ListeningSession.status.in_(("published", "closed")))
    return db.session.scalars(query).all()


def _session_snapshot(session):
    counts = dict(db.session.execute(
        select(Registration.status, func.count()).where(Registration.session_id == session.id)
        .group_by(Registration.status)
    ).all())
    attended = counts.get("attended", 0)
    languages = set(db.session.scalars(
        select(Note.language).where(Note.session_id == session.id, Note.deleted_at.is_(None),
                                    Note.language.is_not(None)).distinct()
    ))
    languages |= set(db.session.scalars(
        select(SessionTable.language).where(SessionTable.session_id == session.id,
                                            SessionTable.language.is_not(None))))
    local_day = session.starts_at.astimezone(ZoneInfo(session.timezone))  # the venue's day
    return {
        "id": session.id,
        "titles": {t.language: t.title for t in session.translations},
        "date": local_day.date().isoformat(),
        "attendance": attended or counts.get("confirmed", 0),
        "attendance_kind": "attended" if attended else "registered",
        "languages": sorted(code for code in languages if code),
    }


def build_snapshot(run, *, title="", introduction=""):
    """Everything a report shows, from the live tables, as plain JSON-ready data."""
    engagement = db.session.get(Engagement, run.engagement_id)
    sessions = [_session_snapshot(s) for s in _sessions_held(run)]
    accepted = accepted_themes(run.id)
    links, members = _links(accepted), _members(accepted)
    themes = [_theme_snapshot(t, links[t.id], members[t.id]) for t in accepted]
    languages = sorted({code for s in sessions for code in s["languages"]})
    return {
        "schema": SNAPSHOT_SCHEMA,
        "title": title, "introduction": introduction,
        "engagement": {"id": engagement.id, "default_language": engagement.default_language,
                       "names": {t.language: t.name for t in engagement.translations}},
        "run_id": run.id,
        "sessions": sessions,
        "totals": {"sessions": len(sessions), "attendance": sum(s["attendance"] for s in sessions),
                   "languages": languages, "themes": len(themes)},
        "themes": themes,
    }


def draft_snapshot(run, report=None):
    """What publishing now would freeze (the staff page's preview and draft downloads)."""
    return build_snapshot(run, title=report.title if report else "",
                          introduction=report.introduction if report else "")


def translation_completeness(snapshot, report):
    """[(language, translated, total, complete)] of what publishing now would show; [] before
    the report is first saved (its title and introduction have no id to translate yet)."""
    if report is None or report.id is None:
        return []
    return translations.report_completeness(snapshot, report)[0]


# --- Writing and publishing ---------------------------------------------------------------

def save_report(actor, run, *, title, introduction, publish=None):
    """Save the report's text. ``publish=True`` publishes a new frozen version (1, 2, ...),
    ``publish=False`` unpublishes (every version is hidden), ``None`` leaves publication as is:
    a published report keeps showing its last version until it is published again."""
    title = (title or "").strip()
    if not title:
        raise ServiceError(_("Give the report a title."), field="title")
    if publish and not accepted_themes(run.id):
        raise ServiceError(_("Accept at least one theme before publishing."))
    report = report_for_run(run) or Report(engagement_id=run.engagement_id, run_id=run.id, title=title)
    report.title, report.introduction = title[:300], (introduction or "").strip()
    report.run_id = run.id  # the engagement's report is now written from this run's themes
    db.session.add(report)
    db.session.flush()
    if publish:
        add_version(actor, report, publishable_snapshot(run, report))
    elif publish is False and report.status == "published":
        report.status, report.published_at = "draft", None
        audit.record(actor, "report.unpublish", report)
    else:
        audit.record(actor, "report.save", report)
    db.session.commit()
    return report


def publishable_snapshot(run, report, completeness_out=None):
    """What publishing ``report`` from ``run`` now would freeze, with the translations current
    now and the languages complete now (the preview shows exactly this). ``completeness_out``, a
    list, receives the (language, translated, total, complete) rows."""
    snapshot = build_snapshot(run, title=report.title, introduction=report.introduction)
    completeness, frozen = translations.report_completeness(snapshot, report)
    if completeness_out is not None:
        completeness_out.extend(completeness)
    # The translations current at publication are frozen with the version, and it records
    # which languages were complete then.
    snapshot["translations"] = frozen
    snapshot["report_id"] = report.id
    snapshot["languages_complete"] = [code for code, _done, _total, complete in completeness if complete]
    return snapshot


def add_version(actor, report, snapshot):
    """Freeze ``snapshot`` as the report's next version (the caller commits)."""
    number = (max((v.number for v in report.versions), default=0)) + 1
    now = utcnow()
    version = ReportVersion(report_id=report.id, number=number, published_at=now,
                            published_by_id=getattr(actor, "id", None), snapshot=snapshot)
    report.versions.append(version)
    report.status, report.published_at = "published", now
    db.session.flush()
    audit.record(actor, "report.publish", report, version=number)
    return version


def quote_candidates(run):
    """For the staff page: per accepted theme, its quotable notes with whether each is
    excluded and whether it would be in the report now, and how many sensitive notes are held back."""
    result = []
    for theme in accepted_themes(run.id):
        rows = db.session.execute(
            select(Note, NoteTheme).join(NoteTheme, NoteTheme.note_id == Note.id)
            .where(NoteTheme.theme_id == theme.id, Note.deleted_at.is_(None), Note.is_quote.is_(True))
            .order_by(NoteTheme.representative.desc(), Note.id)
        ).all()
        shown = {n.id for n in _quote_order(_theme_members(theme))[:MAX_QUOTES]}
        candidates = [{"note": note, "excluded": assignment.excluded, "shown": note.id in shown}
                      for note, assignment in rows if not note.is_sensitive]
        sensitive = sum(1 for note, _a in rows if note.is_sensitive)
        result.append({"theme": theme, "candidates": candidates, "sensitive": sensitive})
    return result


def set_quote_excluded(actor, theme_id, note_id, excluded):
    """Keep a note out of (or put it back into) a theme's report: sets ``NoteTheme.excluded``."""
    assignment = db.session.scalar(select(NoteTheme).where(NoteTheme.theme_id == theme_id,
                                                           NoteTheme.note_id == note_id))
    if assignment is None:
        raise ServiceError(_("That note is not in this theme any more."))
    assignment.excluded = bool(excluded)
    audit.record(actor, "report.exclude_quote" if excluded else "report.include_quote", assignment.theme,
                 note_id=note_id)
    db.session.commit()
    return assignment
