"""Note capture at the tables: who covers which table (writing notes: ``services.capture.notes``)."""
from zoneinfo import ZoneInfo

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import ListeningSession, NotetakerAssignment, SessionTable, User
from ...models.types import utcnow
from ...platform import audit
from .. import ServiceError, get_or_not_found
from .notes import EDIT_GRACE


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


def home_tables(user, now=None):
    """The user's tables split into ``(today, other)``; "today" is the venue's calendar day.

    Other tables are those of sessions still open for notes or starting later, so a
    notetaker can prepare and tidy up; long-past sessions are left out.
    """
    now = now or utcnow()
    today, other = [], []
    for table in assigned_tables(user):
        session = table.session
        if session.status in ("draft", "cancelled"):
            continue
        zone = ZoneInfo(session.timezone)
        if session.starts_at.astimezone(zone).date() == now.astimezone(zone).date():
            today.append(table)
        elif session.ends_at + EDIT_GRACE >= now:
            other.append(table)
    return today, other


# -- assigning notetakers (organizers) -----------------------------------------------

def assignments_for_session(session_id):
    """The session, its tables with their notetakers, and the notetakers one can assign
    (``NotFound`` when there is no such session)."""
    session = get_or_not_found(ListeningSession, session_id)
    notetakers = list(db.session.scalars(
        select(User).where(User.role == "notetaker", User.active.is_(True)).order_by(User.name, User.email)
    ))
    return session, notetakers


def assign(actor, *, user_id, table_id):
    if not actor.has_role("organizer", "admin"):
        raise ServiceError(_("Only organizers can assign notetakers."))
    user = db.session.get(User, user_id) if user_id else None
    if user is None or user.role != "notetaker" or not user.active:
        raise ServiceError(_("Choose an active notetaker."), field="user_id")
    table = db.session.get(SessionTable, table_id) if table_id else None
    if table is None:
        raise ServiceError(_("Choose a table of this session."), field="table_id")
    exists = db.session.scalar(select(NotetakerAssignment).where(
        NotetakerAssignment.user_id == user.id, NotetakerAssignment.table_id == table.id))
    if exists is not None:
        db.session.rollback()
        return exists
    assignment = NotetakerAssignment(user_id=user.id, table_id=table.id)
    db.session.add(assignment)
    db.session.flush()
    audit.record(actor, "notetaker.assign", assignment, user_id=user.id, table_id=table.id)
    db.session.commit()
    return assignment


def unassign(actor, assignment_id):
    if not actor.has_role("organizer", "admin"):
        raise ServiceError(_("Only organizers can assign notetakers."))
    assignment = db.session.get(NotetakerAssignment, assignment_id)
    if assignment is None:
        raise ServiceError(_("That assignment no longer exists."))
    session_id = assignment.table.session_id
    audit.record(actor, "notetaker.unassign", assignment, user_id=assignment.user_id, table_id=assignment.table_id)
    db.session.delete(assignment)
    db.session.commit()
    return session_id
