"""Finding themes in an engagement's notes: queue an analysis run, and the job that runs it
(``analysis.run``, registered here): the library clusters the notes of the run's scope, tags
them with the codebook and suggests policy links; what it finds is stored as suggestions
(``assigned_by="machine"``, links ``suggested``) for people to review. Nothing here decides."""
import logging

from flask_babel import gettext as _
from sqlalchemy import func, select

from ...extensions import db
from ...models import AnalysisRun, Engagement, ListeningSession, Note, NoteTheme, ResolutionClause, Theme, ThemeLink
from ...models.types import utcnow
from ...platform import audit, jobs
from .. import ServiceError
from . import bridge, link_suggestions, note_vectors, tagging
from .run_scope import run_notes

log = logging.getLogger(__name__)

RUN_JOB = "analysis.run"
# Percent done when each stage begins (AnalysisRun.stage; labels in app/labels.py "run_stage").
STAGES = {"queued": 0, "loading": 5, "encoding": 10, "themes": 15, "tagging": 50, "links": 75, "saving": 90,
          "done": 100}


def queue_run(actor, engagement, n_themes="auto", seed=0, session_ids=None):
    """Record an analysis run over all the engagement's sessions, or only ``session_ids``, and
    queue it; the run page shows its progress."""
    session_ids = sorted({int(s) for s in session_ids or []})
    if session_ids:
        own = set(db.session.scalars(select(ListeningSession.id).where(
            ListeningSession.id.in_(session_ids), ListeningSession.engagement_id == engagement.id)))
        if own != set(session_ids):
            raise ServiceError(_("Choose only sessions of the engagement you are analysing."), field="sessions")
    count = db.session.scalar(
        select(func.count(Note.id)).join(ListeningSession, Note.session_id == ListeningSession.id)
        .where(ListeningSession.engagement_id == engagement.id, Note.deleted_at.is_(None),
               *([Note.session_id.in_(session_ids)] if session_ids else []))
    )
    if count < 2:
        if session_ids:
            raise ServiceError(_("The chosen sessions have fewer than two notes, so there is nothing to analyse. "
                                 "Choose more sessions, or none to analyse them all."), field="sessions")
        raise ServiceError(_("There are not enough notes to analyse yet."), field="engagement")
    params = {"themes": n_themes, "seed": seed}
    if session_ids:
        params["session_ids"] = session_ids
    run = AnalysisRun(engagement_id=engagement.id, status="queued", stage="queued", progress=0, params=params,
                      created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    jobs.enqueue(RUN_JOB, {"run_id": run.id}, max_attempts=2)
    audit.record(actor, "analysis.queue", run, sessions=session_ids or "all", notes=count)
    db.session.commit()
    jobs.kick()
    return run


def _progress(run, stage):
    """Show the run's stage: a short commit of its own, so the run page can follow along."""
    run.stage, run.progress = stage, STAGES[stage]
    db.session.commit()


@jobs.handler(RUN_JOB)
def perform_run(run_id):
    """Cluster, tag and link the notes of the run's scope, reporting progress as it goes.

    The library does its work first, with a short commit after each stage to show progress;
    the themes, their notes and link suggestions are then written in one transaction, so a
    worker that died mid-run leaves no half-written themes (the job queue runs it again).
    Tag suggestions are not part of a run and are committed as soon as they are computed.
    A run that fails is kept, marked failed with its error.
    """
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status == "done":
        return
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False  # keep the notes loaded
    try:
        run.status, run.started_at, run.finished_at, run.error = "running", utcnow(), None, None
        _progress(run, "loading")
        engagement = db.session.get(Engagement, run.engagement_id)
        notes = run_notes(run)
        records = [bridge.library_note(n) for n in notes]
        run.note_count = len(notes)
        params = dict(run.params or {})
        encoder = bridge.run_encoder()
        vectors = None
        if encoder == "multilingual":
            _progress(run, "encoding")
            vectors, counts = note_vectors.stored_vectors(notes)
            params["vectors"] = counts
        params["encoder"] = encoder
        run.params = params
        _progress(run, "themes")
        model = bridge.find_themes(records, n_themes=params.get("themes", "auto"), seed=params.get("seed", 0),
                                   encoder=encoder, vectors=vectors)
        run.params = {**params, "not_understood": [int(i) for i in model.not_understood_]}
        _progress(run, "tagging")
        tagging.tag_notes(engagement, notes, records, vectors=vectors)
        _progress(run, "links")
        links = link_suggestions.rank_links(engagement, model.themes_)
        _progress(run, "saving")
        _save_themes(run, notes, model.themes_, links)
    except Exception as error:  # the run stays visible as failed
        db.session.rollback()
        log.exception("analysis run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.stage, run.finished_at = "failed", "failed", utcnow()
        run.error = f"{type(error).__name__}: {error}"[:2000]
        audit.record(None, "analysis.failed", run)
        db.session.commit()
        return
    finally:
        session.expire_on_commit = expire_on_commit
    run.status, run.finished_at, run.stage, run.progress = "done", utcnow(), "done", 100
    audit.record(None, "analysis.done", run, notes=len(notes), themes=len(model.themes_))
    db.session.commit()


def _save_themes(run, notes, found_themes, links):
    by_id = {str(n.id): n.id for n in notes}
    for position, (found, suggestions) in enumerate(zip(found_themes, links, strict=True)):
        theme = Theme(run=run, key=found.id, position=position, machine_label=found.label[:200],
                      label=found.label[:200], keywords=list(found.keywords))
        db.session.add(theme)
        representative = set(found.representative_ids)
        for note_id in found.note_ids:
            theme.assignments.append(NoteTheme(
                note_id=by_id[note_id], assigned_by="machine", representative=note_id in representative,
            ))
        for target, score in suggestions:
            link = ThemeLink(theme=theme, score=score, status="suggested")
            if isinstance(target, ResolutionClause):
                link.clause_id = target.id
            else:
                link.action_item_id = target.id
            db.session.add(link)
    db.session.flush()
