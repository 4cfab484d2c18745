"""Seats: the only statements that change ``listening_sessions.seats_taken``, and the
waitlist moving up when a seat is freed.

Every change is a conditional UPDATE in the caller's transaction (``... WHERE seats_taken <
capacity``), so no seat is sold twice: on SQLite every writing transaction is ``BEGIN
IMMEDIATE`` (app/database.py); on PostgreSQL the UPDATE locks the session row. Only an
organizer at the door may seat someone beyond capacity (:func:`take_seat_beyond_capacity`);
a seat freed while the room is over capacity then goes to nobody on the waitlist."""
from sqlalchemy import bindparam, select, update

from ...extensions import db
from ...models import ListeningSession, Registration
from ...models.types import utcnow
from ...platform import audit, outbox
from ..sessions import listing

# Built once: a rush of registrations runs them thousands of times.
_S = ListeningSession.__table__.c
_TAKE_SEAT = update(ListeningSession.__table__).where(
    _S.id == bindparam("session_id"), _S.seats_taken < _S.capacity).values(seats_taken=_S.seats_taken + 1)
# A seat an organizer gives at the door of a full session (roster): counted like any other.
_TAKE_SEAT_BEYOND_CAPACITY = update(ListeningSession.__table__).where(
    _S.id == bindparam("session_id")).values(seats_taken=_S.seats_taken + 1).returning(_S.seats_taken - _S.capacity)
_FREE_SEAT = update(ListeningSession.__table__).where(
    _S.id == bindparam("session_id"), _S.seats_taken > 0).values(seats_taken=_S.seats_taken - 1)


def take_seat(session_id):
    """The one place a seat is sold: true when a seat was free and is now taken."""
    listing.seats_changed()
    return db.session.connection().execute(_TAKE_SEAT, {"session_id": session_id}).rowcount == 1


def take_seat_reading(session_id, statement):
    """:func:`take_seat` for a new registration, in one statement: ``statement`` is
    :func:`reading` of the session's columns. Returns the session's row when it is published
    and a seat was free and is now taken, else None (and nothing changed)."""
    row = db.session.connection().execute(statement, {"session_id": session_id}).one_or_none()
    if row is not None:
        listing.seats_changed()
    return row


def reading(*columns):
    """The seat-taking UPDATE of :func:`take_seat_reading`, returning ``columns`` of the
    session (build it once)."""
    return _TAKE_SEAT.where(_S.status == "published").returning(*columns)


def take_seat_beyond_capacity(session_id):
    """A seat past capacity, only for an organizer who chose it (roster.check_in and
    add_walk_in). Returns how many people hold a seat beyond capacity now."""
    listing.seats_changed()
    return db.session.connection().execute(_TAKE_SEAT_BEYOND_CAPACITY, {"session_id": session_id}).scalar_one()


def free_seat(session_id):
    listing.seats_changed()
    db.session.connection().execute(_FREE_SEAT, {"session_id": session_id})


def promote(session_id, limit=None):
    """Give free seats to waitlisted people, first in first out; each is notified once.
    Runs inside the caller's transaction. Returns the promoted registrations."""
    session = db.session.get(ListeningSession, session_id)
    promoted = []
    candidates = db.session.scalars(
        select(Registration.id)
        .where(Registration.session_id == session_id, Registration.status == "waitlisted")
        .order_by(Registration.created_at, Registration.id)
    ).all()
    for candidate_id in candidates:
        if limit is not None and len(promoted) >= limit:
            break
        if not take_seat(session_id):
            break
        # Claim the person: a concurrent cancellation that got there first makes this 0 rows.
        claimed = db.session.execute(
            update(Registration)
            .where(Registration.id == candidate_id, Registration.status == "waitlisted")
            .values(status="confirmed", updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            free_seat(session_id)
            continue
        registration = db.session.get(Registration, candidate_id)
        db.session.refresh(registration)
        message = outbox.queue("promoted", registration, session, dedupe_key=f"promoted:{registration.id}",
                               link_seed=registration.manage_link_seed)
        audit.record(None, "registration.promote", registration, session_id=session_id)
        promoted.append((registration, message.id if message else None))
    return promoted
