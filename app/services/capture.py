"""Note capture at the tables."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import ListeningSession, NotetakerAssignment, SessionTable


def assigned_tables(user):
    """Tables this user takes notes at; organizers and admins may take notes at any table."""
    query = (
        select(SessionTable)
        .join(ListeningSession)
        .options(selectinload(SessionTable.session).selectinload(ListeningSession.translations))
        .order_by(ListeningSession.starts_at, SessionTable.position)
    )
    if not user.has_role("organizer", "admin"):
        query = query.join(NotetakerAssignment).where(NotetakerAssignment.user_id == user.id)
    return list(db.session.scalars(query))
