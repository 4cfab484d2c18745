"""Analysis runs: start one for an engagement (all its sessions or chosen ones), follow its
progress, compare it with an earlier run, and place new notes in a reviewed theme set.

The work itself happens in background jobs: :mod:`.theme_finding` and :mod:`.placement`."""
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import AnalysisRun, Engagement, ListeningSession, Note, NoteTheme, Theme
from ...models.types import utcnow
from ...platform import jobs
from .. import ServiceError, get_or_not_found
from . import bridge, theme_finding
from .placement import queue_placement
from .run_scope import run_session_ids, unplaced_notes

# Two themes of different runs are "the same theme" when their notes overlap this much
# (Jaccard index: notes in both / notes in either). Each theme is matched at most once, best
# overlap first.
MATCH_MIN_JACCARD = 0.3
MOVED_LIST_LIMIT = 20


def recent_runs(limit=20):
    return list(db.session.scalars(
        select(AnalysisRun).order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc()).limit(limit)))


def get_run(run_id):
    return get_or_not_found(AnalysisRun, run_id)


def engagement_sessions():
    """[(engagement, [session, ...])] for choosing what to analyse, oldest engagement first."""
    engagements = db.session.scalars(
        select(Engagement).options(selectinload(Engagement.translations),
                                   selectinload(Engagement.sessions).selectinload(ListeningSession.translations))
        .order_by(Engagement.id)
    ).all()
    return [(engagement, list(engagement.sessions)) for engagement in engagements]


def note_counts():
    """{session id: its notes that are not deleted}, for choosing what to analyse."""
    return dict(db.session.execute(
        select(Note.session_id, func.count(Note.id)).where(Note.deleted_at.is_(None)).group_by(Note.session_id)
    ).all())


def start_run(actor, engagement_id, n_themes="auto", seed=0, session_ids=None):
    """Queue a run over the engagement's sessions (``session_ids``, or all when empty)."""
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    return theme_finding.queue_run(actor, engagement, n_themes=n_themes, seed=seed, session_ids=session_ids)


def run_sessions(run):
    """The sessions a run analysed (an empty list: all of its engagement's sessions)."""
    ids = run_session_ids(run)
    if not ids:
        return []
    return list(db.session.scalars(select(ListeningSession).where(ListeningSession.id.in_(ids))
                                   .order_by(ListeningSession.starts_at)))


def theme_rows(run):
    """Themes of a run with their note counts, in order."""
    counts = dict(db.session.execute(
        select(NoteTheme.theme_id, func.count()).join(Theme).where(Theme.run_id == run.id).group_by(NoteTheme.theme_id)
    ).all())
    return [(theme, counts.get(theme.id, 0)) for theme in run.themes]


def unassigned_notes(run):
    """Notes of the run's scope (its sessions, not deleted) in none of its themes."""
    return unplaced_notes(run)


def read_by_encoder(run):
    """True when the run read notes with the multilingual encoder (by meaning)."""
    return (run.params or {}).get("encoder") == "multilingual"


def split_unassigned(run):
    """``(in no theme, not understood)``: the run's notes in none of its themes, and apart
    those the encoder the run used does not understand (a language it does not cover, with no
    English translation). Those were in no theme by design, never mixed in, and are shown
    flagged; a translation added since makes a note understood again."""
    notes = unassigned_notes(run)
    if not read_by_encoder(run):
        return notes, []
    unknown = {note.id for note in bridge.not_understood(notes)}
    return [n for n in notes if n.id not in unknown], [n for n in notes if n.id in unknown]


# --- Progress ------------------------------------------------------------------------------

def is_stuck(run, now=None):
    """A run still waiting or running after the job queue would have given up on its worker.

    The job queue puts such a job back in the queue (``jobs.requeue_stale``), or fails it for
    good; either way people should see that something is wrong rather than wait forever."""
    if run.status not in ("queued", "running"):
        return False
    since = run.started_at or run.created_at
    return since is not None and (now or utcnow()) - since > jobs.STALE_AFTER


def stuck_after_minutes():
    return int(jobs.STALE_AFTER / timedelta(minutes=1))


# --- Reviewed runs and new notes -------------------------------------------------------------

def is_reviewed(run):
    """True once people have worked on the run's themes: a theme accepted, rejected, merged or
    renamed, or a note placed by a person."""
    for theme in run.themes:
        if theme.status != "suggested" or theme.label != theme.machine_label:
            return True
    return db.session.scalar(
        select(func.count(NoteTheme.id)).join(Theme).where(Theme.run_id == run.id, NoteTheme.assigned_by == "person")
    ) > 0


def placement(run):
    """The last "place new notes" request on this run: {"status", "placed", "left", "at"} or None."""
    return (run.params or {}).get("placement")


def place_new_notes(actor, run):
    """Queue placing the run's notes that are in no theme into its existing themes."""
    queue_placement(actor, run)


def new_note_count(run):
    return db.session.scalar(
        select(func.count(NoteTheme.id)).join(Theme).where(Theme.run_id == run.id, NoteTheme.is_new.is_(True))
    )


# --- Comparing runs ------------------------------------------------------------------------

def comparable_runs(run):
    """Other finished runs of the same engagement, newest first."""
    return list(db.session.scalars(
        select(AnalysisRun).where(AnalysisRun.engagement_id == run.engagement_id, AnalysisRun.id != run.id,
                                  AnalysisRun.status == "done")
        .order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc())
    ))


def previous_run(run):
    """The latest finished run of the same engagement started before this one, or None."""
    return db.session.scalar(
        select(AnalysisRun).where(AnalysisRun.engagement_id == run.engagement_id, AnalysisRun.status == "done",
                                  AnalysisRun.id != run.id,
                                  or_(AnalysisRun.created_at < run.created_at,
                                      (AnalysisRun.created_at == run.created_at) & (AnalysisRun.id < run.id)))
        .order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc()).limit(1)
    )


def analysed_note_ids(run):
    """Ids of the notes a run analysed: the notes of its scope that existed when it started
    and were not deleted then (notes are soft-deleted, so this can be read back later)."""
    when = run.started_at or run.created_at
    query = (select(Note.id).join(ListeningSession, Note.session_id == ListeningSession.id)
             .where(ListeningSession.engagement_id == run.engagement_id, Note.created_at <= when,
                    or_(Note.deleted_at.is_(None), Note.deleted_at > when)))
    session_ids = run_session_ids(run)
    if session_ids:
        query = query.where(Note.session_id.in_(session_ids))
    return set(db.session.scalars(query))


def _memberships(run):
    """{theme: set of note ids} for the run's themes (notes a reviewer excluded left out)."""
    members = {theme: set() for theme in run.themes if theme.status != "merged"}
    by_id = {theme.id: theme for theme in members}
    for theme_id, note_id in db.session.execute(
        select(NoteTheme.theme_id, NoteTheme.note_id).join(Theme)
        .where(Theme.run_id == run.id, NoteTheme.excluded.is_(False))
    ):
        if theme_id in by_id:
            members[by_id[theme_id]].add(note_id)
    return members


def match_themes(before, after, min_jaccard=MATCH_MIN_JACCARD):
    """Greedy one-to-one matching of themes by note overlap.

    ``before`` and ``after`` map a theme to its set of note ids. Returns
    ``[(before_theme, after_theme, jaccard)]``, best overlap first; pairs below
    ``min_jaccard`` are not matched."""
    pairs = []
    for old, old_notes in before.items():
        for new, new_notes in after.items():
            union = len(old_notes | new_notes)
            if union:
                jaccard = len(old_notes & new_notes) / union
                if jaccard >= min_jaccard:
                    pairs.append((jaccard, old, new))
    pairs.sort(key=lambda p: (-p[0], p[1].position, p[2].position))
    matched, used_old, used_new = [], set(), set()
    for jaccard, old, new in pairs:
        if old.id in used_old or new.id in used_new:
            continue
        used_old.add(old.id)
        used_new.add(new.id)
        matched.append((old, new, jaccard))
    return matched


def compare_runs(run, base):
    """What changed from ``base`` (an earlier run, usually) to ``run``.

    Notes added and removed between what each run analysed; themes matched by note overlap
    (:data:`MATCH_MIN_JACCARD`), new in ``run`` or gone since ``base``; and notes that sit in
    matched themes in both runs but moved from one to another."""
    before_notes, after_notes = analysed_note_ids(base), analysed_note_ids(run)
    before, after = _memberships(base), _memberships(run)
    matched = match_themes(before, after)
    old_matched = {old.id for old, _new, _j in matched}
    new_matched = {new.id for _old, new, _j in matched}
    counterpart = {old.id: new for old, new, _j in matched}

    theme_of_before, theme_of_after = {}, {}
    for theme, notes in before.items():
        for note_id in notes:
            theme_of_before.setdefault(note_id, theme)
    for theme, notes in after.items():
        for note_id in notes:
            theme_of_after.setdefault(note_id, theme)
    moved = []
    for note_id, old in theme_of_before.items():
        new = theme_of_after.get(note_id)
        if new is None or old.id not in counterpart or new.id not in new_matched:
            continue
        if counterpart[old.id].id != new.id:
            moved.append((note_id, old, new))
    moved.sort(key=lambda m: m[0])
    shown = moved[:MOVED_LIST_LIMIT]
    texts = {}
    if shown:
        texts = dict(db.session.execute(select(Note.id, Note.text).where(Note.id.in_([m[0] for m in shown]))).all())
    added = sorted(after_notes - before_notes)
    removed = sorted(before_notes - after_notes)
    return {
        "base": base,
        "run": run,
        "notes_before": len(before_notes),
        "notes_after": len(after_notes),
        "added": len(added),
        "removed": len(removed),
        "added_notes": _note_list(added[:MOVED_LIST_LIMIT]),
        "removed_notes": _note_list(removed[:MOVED_LIST_LIMIT]),
        "matched": [
            {"before": old, "after": new, "jaccard": jaccard, "count_before": len(before[old]),
             "count_after": len(after[new]), "change": len(after[new]) - len(before[old])}
            for old, new, jaccard in sorted(matched, key=lambda m: m[1].position)
        ],
        "new": [(theme, len(notes)) for theme, notes in after.items() if theme.id not in new_matched],
        "gone": [(theme, len(notes)) for theme, notes in before.items() if theme.id not in old_matched],
        "moved": len(moved),
        "moved_notes": [{"note_id": note_id, "text": texts.get(note_id, ""), "before": old, "after": new}
                        for note_id, old, new in shown],
        "min_jaccard": MATCH_MIN_JACCARD,
    }


def _note_list(ids):
    if not ids:
        return []
    return list(db.session.scalars(select(Note).where(Note.id.in_(ids)).order_by(Note.id)))
