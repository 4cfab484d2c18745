"""Reading what organizers and administrators manage."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import ListeningSession, User
from ...models.types import utcnow


def all_sessions():
    return list(db.session.scalars(
        select(ListeningSession).options(selectinload(ListeningSession.translations)).order_by(ListeningSession.starts_at)
    ))


def sessions_by_time(now=None):
    """The organizers' list in two groups: sessions not over yet, soonest first (the one on
    now leads), then past sessions, the latest first."""
    now = now or utcnow()
    sessions = all_sessions()
    upcoming = [s for s in sessions if s.ends_at > now]
    past = sorted((s for s in sessions if s.ends_at <= now), key=lambda s: (s.starts_at, s.id),
                  reverse=True)
    return upcoming, past


def all_users():
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))
