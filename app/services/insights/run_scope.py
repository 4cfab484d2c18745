"""Which notes an analysis run covers: its chosen sessions, or every session of its
engagement, leaving deleted notes out; and which of them are in none of its themes."""
from sqlalchemy import select

from ...extensions import db
from ...models import ListeningSession, Note, NoteTheme, Theme


def engagement_notes(engagement_id, session_ids=None):
    """An engagement's notes that are not deleted, in id order; only ``session_ids``' when given."""
    query = (select(Note).join(ListeningSession, Note.session_id == ListeningSession.id)
             .where(ListeningSession.engagement_id == engagement_id, Note.deleted_at.is_(None)))
    if session_ids:
        query = query.where(Note.session_id.in_(list(session_ids)))
    return list(db.session.scalars(query.order_by(Note.id)))


def run_session_ids(run):
    """The sessions a run was asked to analyse; empty means all of its engagement's sessions."""
    return list((run.params or {}).get("session_ids") or [])


def in_run_scope(run, note):
    """Whether ``note`` is one of the notes ``run`` covers (see :func:`run_notes`)."""
    session_ids = run_session_ids(run)
    return (note.deleted_at is None and note.session.engagement_id == run.engagement_id
            and (not session_ids or note.session_id in session_ids))


def run_notes(run):
    """The notes in a run's scope now: its chosen sessions, or every session of its engagement."""
    return engagement_notes(run.engagement_id, run_session_ids(run))


def unplaced_notes(run, notes=None):
    """Notes of the run's scope (not deleted; ``notes`` if already loaded) that are in none
    of the run's themes."""
    placed = set(db.session.scalars(select(NoteTheme.note_id).join(Theme).where(Theme.run_id == run.id)))
    return [n for n in (run_notes(run) if notes is None else notes) if n.id not in placed]
