"""Which engagement a staff page is about, from the ids in its address, so that every date and
time on it is shown in that engagement's time zone (``app/timezones.py``)."""
from sqlalchemy import select

from ..extensions import db
from ..models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    Engagement,
    ListeningSession,
    Note,
    Prompt,
    Registration,
    Resolution,
    ResolutionClause,
    SessionTable,
    Theme,
)

# Address id -> a query for the engagement's id, most specific first.
_ENGAGEMENT_ID = {
    "engagement_id": lambda i: select(Engagement.id).where(Engagement.id == i),
    "session_id": lambda i: select(ListeningSession.engagement_id).where(ListeningSession.id == i),
    "table_id": lambda i: select(ListeningSession.engagement_id).join(
        SessionTable, SessionTable.session_id == ListeningSession.id).where(SessionTable.id == i),
    "prompt_id": lambda i: select(ListeningSession.engagement_id).join(
        Prompt, Prompt.session_id == ListeningSession.id).where(Prompt.id == i),
    "registration_id": lambda i: select(ListeningSession.engagement_id).join(
        Registration, Registration.session_id == ListeningSession.id).where(Registration.id == i),
    "note_id": lambda i: select(ListeningSession.engagement_id).join(
        Note, Note.session_id == ListeningSession.id).where(Note.id == i),
    "run_id": lambda i: select(AnalysisRun.engagement_id).where(AnalysisRun.id == i),
    "theme_id": lambda i: select(AnalysisRun.engagement_id).join(
        Theme, Theme.run_id == AnalysisRun.id).where(Theme.id == i),
    "plan_id": lambda i: select(ActionPlan.engagement_id).where(ActionPlan.id == i),
    "item_id": lambda i: select(ActionPlan.engagement_id).join(
        ActionItem, ActionItem.plan_id == ActionPlan.id).where(ActionItem.id == i),
    "resolution_id": lambda i: select(Resolution.engagement_id).where(Resolution.id == i),
    "clause_id": lambda i: select(Resolution.engagement_id).join(
        ResolutionClause, ResolutionClause.resolution_id == Resolution.id).where(ResolutionClause.id == i),
}


def engagement_for(view_args):
    """The engagement named by a page's address ids (``request.view_args``), or None."""
    for name, query in _ENGAGEMENT_ID.items():
        value = (view_args or {}).get(name)
        if isinstance(value, int):
            engagement_id = db.session.scalar(query(value))
            if engagement_id is not None:
                return db.session.get(Engagement, engagement_id)
    return None
