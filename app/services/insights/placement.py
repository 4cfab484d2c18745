"""New notes into a reviewed theme set.

Once people have reviewed a run, running the analysis again would throw their work away.
Instead, notes of the run's scope that are in none of its themes are placed in the nearest
theme still standing (centre of its current, not excluded notes; see analysis.place_notes),
as machine suggestions flagged new. Themes keep their labels, statuses and people's choices.
A run that read notes with the encoder places them by the same meaning (at its own bar);
notes the encoder does not understand are never placed. The job (``analysis.place``) is
registered here."""
import logging

from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...models import AnalysisRun, Engagement, Note, NoteTheme, User
from ...models.types import utcnow
from ...platform import audit, jobs
from .. import ServiceError
from . import bridge, note_vectors, tagging
from .run_scope import run_notes, unplaced_notes

log = logging.getLogger(__name__)

PLACE_JOB = "analysis.place"
PLACE_MIN_SIMILARITY = 0.2  # the same bar ThemeModel uses to leave a note out of every theme
PLACE_MIN_SIMILARITY_MEANING = 0.15  # ThemeModel's "auto" bar with the encoder
OPEN_THEME_STATUSES = ("suggested", "accepted")


def queue_placement(actor, run):
    """Queue placing the run's unplaced notes in its existing themes (a background job)."""
    if run.status != "done":
        raise ServiceError(_("New notes can be placed only in a finished analysis."))
    if not unplaced_notes(run):
        raise ServiceError(_("Every note of this analysis is already in a theme."))
    run.params = {**(run.params or {}), "placement": {"status": "queued"}}
    jobs.enqueue(PLACE_JOB, {"run_id": run.id, "user_id": getattr(actor, "id", None)}, max_attempts=2)
    audit.record(actor, "analysis.place_queue", run)
    db.session.commit()
    jobs.kick()


def _members(run):
    """Theme id as text -> its current, not excluded notes, for the run's open themes."""
    members = {}
    for theme in run.themes:
        if theme.status not in OPEN_THEME_STATUSES:
            continue
        notes = db.session.scalars(
            select(Note).join(NoteTheme).where(NoteTheme.theme_id == theme.id, NoteTheme.excluded.is_(False),
                                               Note.deleted_at.is_(None)).order_by(Note.id)
        ).all()
        if notes:
            members[str(theme.id)] = notes
    return members


def _place_by_meaning(members, new):
    """Per new note ``(theme key, similarity)`` or ``(None, best similarity)``."""
    if not any(members.values()):
        return [(None, 0.0) for _note in new]
    notes = [note for found in members.values() for note in found] + list(new)
    vectors, _counts = note_vectors.stored_vectors(notes)
    return bridge.place_by_meaning(members, new, vectors, PLACE_MIN_SIMILARITY_MEANING)


@jobs.handler(PLACE_JOB)
def perform_placement(run_id, user_id=None):
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status != "done":
        return
    try:
        scope = run_notes(run)
        new = unplaced_notes(run, scope)
        members = _members(run)
        if not new:
            placed = []
        elif (run.params or {}).get("encoder") == "multilingual":
            placed = _place_by_meaning(members, new)
        else:
            placed = bridge.place_by_words(members, new, PLACE_MIN_SIMILARITY)
        # the tags' vectors too, before the first write (encoding what is missing commits)
        scope_vectors = (note_vectors.stored_vectors(scope)[0]
                         if new and bridge.run_encoder() == "multilingual" else None)
        by_theme = {}
        for note, (theme_id, score) in zip(new, placed, strict=True):
            if theme_id is None:
                continue
            db.session.add(NoteTheme(note_id=note.id, theme_id=int(theme_id), assigned_by="machine",
                                     score=round(score, 4), is_new=True))
            by_theme[theme_id] = by_theme.get(theme_id, 0) + 1
        count = sum(by_theme.values())
        # Late notes get tag suggestions too, as a run gives them (people's tags stay).
        tagged = (tagging.tag_notes(db.session.get(Engagement, run.engagement_id), scope, vectors=scope_vectors)
                  if new else 0)
        outcome = {"status": "done", "placed": count, "left": len(new) - count, "at": utcnow().isoformat()}
        run.params = {**(run.params or {}), "placement": outcome}
        audit.record(_user(user_id), "analysis.place", run, placed=count, left=len(new) - count, themes=by_theme,
                     tags_suggested=tagged)
        db.session.commit()
    except Exception as error:  # recorded on the run for the run page; the job itself is done
        db.session.rollback()
        log.exception("placing new notes in run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.params = {**(run.params or {}), "placement": {
            "status": "failed", "error": f"{type(error).__name__}: {error}"[:500], "at": utcnow().isoformat()}}
        audit.record(_user(user_id), "analysis.place_failed", run)
        db.session.commit()


def _user(user_id):
    return db.session.get(User, user_id) if user_id else None
