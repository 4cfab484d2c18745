"""Reading what organizers and administrators manage."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import ListeningSession, User


def all_sessions():
    return list(db.session.scalars(
        select(ListeningSession).options(selectinload(ListeningSession.translations)).order_by(ListeningSession.starts_at)
    ))


def all_users():
    return list(db.session.scalars(select(User).order_by(User.role, User.email)))
