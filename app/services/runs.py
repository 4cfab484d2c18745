"""Analysis runs: start one for an engagement, follow it, list its themes.

The work itself happens in :mod:`analysis_bridge`, in a background job."""
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..models import AnalysisRun, Engagement, NoteTheme, Theme
from . import ServiceError, analysis_bridge


def recent_runs(limit=20):
    return list(db.session.scalars(select(AnalysisRun).order_by(AnalysisRun.created_at.desc(), AnalysisRun.id.desc()).limit(limit)))


def get_run(run_id):
    run = db.session.get(AnalysisRun, run_id)
    if run is None:
        raise LookupError(run_id)
    return run


def start_run(actor, engagement_id, n_themes="auto", seed=0):
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    return analysis_bridge.queue_run(actor, engagement, n_themes=n_themes, seed=seed)


def theme_rows(run):
    """Themes of a run with their note counts, in order."""
    counts = dict(db.session.execute(
        select(NoteTheme.theme_id, func.count()).join(Theme).where(Theme.run_id == run.id).group_by(NoteTheme.theme_id)
    ).all())
    return [(theme, counts.get(theme.id, 0)) for theme in run.themes]


def unassigned_notes(run):
    assigned = select(NoteTheme.note_id).join(Theme).where(Theme.run_id == run.id)
    notes = analysis_bridge.engagement_notes(run.engagement_id)
    taken = set(db.session.scalars(assigned))
    return [n for n in notes if n.id not in taken]
