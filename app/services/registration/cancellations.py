"""Leaving a session: a cancellation (by the resident or staff), a resident erasing their own
registration, and erasures applied again after a restore. A seat given up goes to the first
person waiting, in the same transaction (seats.promote)."""
from flask_babel import gettext as _
from sqlalchemy import update

from ...extensions import db
from ...models import Registration
from ...models.types import utcnow
from ...platform import audit, outbox
from .. import NotFound, ServiceError
from . import erasure, seats


def cancel_problem(registration, now=None):
    """Why a resident cannot cancel ``registration`` now, in the reader's language, or None."""
    if registration.session.ends_at <= (now or utcnow()):
        return _("This session has ended, so the registration can no longer be cancelled.")
    return None


def cancel(registration_id, actor=None, notify=True):
    """Cancel; a confirmed seat goes to the first person waiting, in the same transaction.

    A resident (no ``actor``) cannot cancel once the session has ended; staff can, to
    correct the record."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise NotFound(_("We could not find this registration."))
    message_ids = []
    if registration.status in ("cancelled",):
        db.session.rollback()
        return message_ids
    problem = cancel_problem(registration) if actor is None else None
    if problem:
        db.session.rollback()
        raise ServiceError(problem)
    was_seated = registration.status in ("confirmed", "attended")
    claimed = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.status == registration.status)
        .values(status="cancelled", cancelled_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:  # cancelled by a twin request meanwhile
        db.session.rollback()
        return message_ids
    db.session.refresh(registration)
    session = registration.session
    if notify:
        message = outbox.queue("cancelled", registration, session, dedupe_key=f"cancelled:{registration.id}")
        if message:
            message_ids.append(message.id)
    if was_seated:
        seats.free_seat(registration.session_id)
        if session.status == "published" and session.ends_at > utcnow():
            message_ids += [mid for _r, mid in seats.promote(registration.session_id, limit=1)]
    audit.record(actor, "registration.cancel", registration, session_id=registration.session_id)
    db.session.commit()
    return message_ids


def _withdraw(registration):
    """Take a registration whose session is still to come off the roster, in the caller's
    transaction, as a cancellation does: a seat it held goes to the first person waiting.
    Returns the promotion message ids (already in the transaction)."""
    session = registration.session
    if session.ends_at <= utcnow() or registration.status not in ("confirmed", "waitlisted"):
        return []
    was_seated = registration.status == "confirmed"
    claimed = db.session.execute(
        update(Registration)
        .where(Registration.id == registration.id, Registration.status == registration.status)
        .values(status="cancelled", cancelled_at=utcnow(), updated_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not (claimed and was_seated):
        return []
    seats.free_seat(registration.session_id)
    if session.status != "published":
        return []
    return [mid for _r, mid in seats.promote(registration.session_id, limit=1) if mid]


def erase_own(registration_id):
    """A resident erases their own registration from their private link. One that still
    waits for its session is cancelled first (:func:`_withdraw`); then every personal field,
    message and copy goes, for good (erasure.py). A registration whose session is over keeps
    its status (who came is a count, not a person). No message goes to the resident: there
    is nobody left to write to. Returns the ids of the promotion messages to deliver."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise NotFound(_("We could not find this registration."))
    if registration.personal_data_erased_at:
        db.session.rollback()
        return []
    message_ids = _withdraw(registration)
    if not erasure.erase_registrations([registration.id], reason="self"):
        db.session.rollback()  # erased by a twin request meanwhile
        return []
    audit.record(None, "registration.erase", registration, session_id=registration.session_id, by="resident")
    db.session.commit()
    return message_ids


def restore_erasures():
    """After ``flask restore``: erase again every registration erased since the backup was
    made (erasure.reapply), and take those their residents erased themselves off the roster
    again, as :func:`erase_own` did. Promotion messages are queued with their send job; the
    workers send them once Heard runs again. Returns (erased again, tombstones known)."""
    again, known = erasure.reapply()
    message_ids = []
    for registration_id in again.get("self", []):
        registration = db.session.get(Registration, registration_id)
        message_ids += _withdraw(registration)
    outbox.schedule(message_ids)
    db.session.commit()
    return sum(len(ids) for ids in again.values()), known
