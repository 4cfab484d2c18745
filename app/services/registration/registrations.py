"""Residents registering: the checks, the rush path (:func:`register`), their link sent again
and their details changed.

A registration, its seat (seats.py), its outbox message with its send job and its audit row
are written in one transaction (on PostgreSQL most often in one statement: one_statement.py).
A resident's details are cleaned and checked in resident_details.py, cancelling and erasing
are in cancellations.py, reminders in reminders.py; their public functions are importable
from here as before.
"""
import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import String, and_, bindparam, cast, func, or_, select, union_all
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.exc import DBAPIError, IntegrityError

from ...database import begin_write, insert_row
from ...extensions import db
from ...models import REGISTRATION_DETAILS, ListeningSession, Registration
from ...models.types import utcnow
from ...platform import audit, outbox
from ...ratelimit import count_again, counts_in_database, hit_in_transaction
from .. import NotFound, ServiceError
from ..equity import store
from . import one_statement, seats
from .cancellations import cancel, cancel_problem, erase_own, restore_erasures  # noqa: F401 (importable here)
from .reminders import queue_reminders  # noqa: F401 (importable here)
from .resident_details import (  # noqa: F401 (importable here)
    AGE_BANDS,
    MAX_CHILDREN,
    age_band,
    clean_text,
    details,
    email_key,
    phone_key,
    validate_details,
)
from .seats import promote  # noqa: F401 (importable here)

# A registration this recent has just been sent its link: the same address registered again
# now is a double click, a second tab or the back button, not someone who lost the link.
JUST_REGISTERED = timedelta(minutes=10)

hash_token = outbox.hash_token


def new_token():
    """A manage-link secret: 32 random bytes (256 bits)."""
    return secrets.token_urlsafe(32)


@dataclass
class Outcome:
    registration_id: int
    created: bool
    token: str | None = None  # only when just created: shown once, sent once
    position: int | None = None
    # Messages queued with their send job in the same transaction: call outbox.kick() after.
    message_ids: list = field(default_factory=list)
    # Registered before, a moment ago (a double click): its first message is on its way.
    just_registered: bool = False

    @property
    def registration(self):
        return db.session.get(Registration, self.registration_id)


# --- reading -----------------------------------------------------------------------------

def find_by_token(token):
    """The registration whose private link carries ``token``; ``NotFound`` for any other."""
    registration = db.session.scalar(
        select(Registration).where(Registration.manage_token_hash == hash_token(token))
    ) if token and len(token) <= 200 else None
    if registration is None:
        raise NotFound(_("We could not find this registration."))
    return registration


def waitlist_position(registration):
    """1 for the first person waiting; derived, never stored (first in, first out)."""
    if registration.status != "waitlisted":
        return None
    earlier = db.session.scalar(
        select(func.count(Registration.id)).where(
            Registration.session_id == registration.session_id,
            Registration.status == "waitlisted",
            or_(Registration.created_at < registration.created_at,
                and_(Registration.created_at == registration.created_at, Registration.id < registration.id)),
        )
    )
    return earlier + 1


# Built once: the busiest statements of a rush of registrations (the seat's are in seats.py).
_S = ListeningSession.__table__.c
_R = Registration.__table__.c
_FOR_REGISTRATION = (_S.id, _S.status, _S.starts_at, _S.ends_at, _S.registration_opens_at,
                     _S.registration_closes_at, _S.interpretation_languages)
_SESSION_FOR_REGISTRATION = select(*_FOR_REGISTRATION).where(_S.id == bindparam("id"))
_SEAT_FOR_REGISTRATION = seats.reading(*_FOR_REGISTRATION)
# registration_problem's rules in SQL, for a seat taken in one statement (one_statement.py):
# the session takes registrations at ``at``; and validate_details' interpreter, when one is
# asked for (``interpretation``), among those it offers.
_AT = bindparam("at", type_=_S.starts_at.type)
_OPEN_SEAT = _SEAT_FOR_REGISTRATION.where(
    _S.starts_at > _AT, _S.ends_at > _AT,
    or_(_S.registration_opens_at.is_(None), _S.registration_opens_at <= _AT),
    or_(_S.registration_closes_at.is_(None), _S.registration_closes_at > _AT))
_OPEN_SEAT_WITH_INTERPRETER = _OPEN_SEAT.where(
    cast(_S.interpretation_languages, JSONB).has_key(bindparam("interpretation", type_=String())))
# Two lookups, each on its unique index (session, e-mail) and (session, phone): an OR of the
# two would read every registration of the session.
_REGISTRATION_ID = select(func.min(union_all(
    select(_R.id).where(_R.session_id == bindparam("session_id"), _R.email_key == bindparam("email_key")),
    select(_R.id).where(_R.session_id == bindparam("session_id"), _R.phone_key == bindparam("phone_key")),
).subquery().c.id))


def _existing(session_id, e_key, p_key):
    """The registration with this e-mail or phone for the session, or None."""
    if not (e_key or p_key):
        return None
    found = db.session.connection().execute(
        _REGISTRATION_ID, {"session_id": session_id, "email_key": e_key, "phone_key": p_key}).scalar()
    return db.session.get(Registration, found) if found is not None else None


def registration_problem(session, now=None):
    """Why ``session`` takes no registrations, as a translated sentence; None if it does.
    ``_OPEN_SEAT`` has the same rules in SQL: change both."""
    now = now or utcnow()
    if session is None or session.status in ("draft",):
        return _("This session is not open for registration.")
    if session.status == "cancelled":
        return _("This session has been cancelled.")
    if session.ends_at <= now or session.starts_at <= now:
        return _("This session has already taken place.")
    if session.status != "published":
        return _("Registration for this session is closed.")
    if session.registration_opens_at and now < session.registration_opens_at:
        return _("Registration for this session has not opened yet.")
    if session.registration_closes_at and now >= session.registration_closes_at:
        return _("Registration for this session is closed.")
    return None


# --- writing -----------------------------------------------------------------------------

def register(session_id, data, now=None, limits=()):
    """Register a resident: confirmed while seats remain, else waitlisted.

    The same e-mail or phone for the same session gets the existing registration back
    (``created`` is False), also when two requests race: the unique constraints on (session,
    e-mail) and (session, phone) decide, with no look-up before the INSERT (a resident who
    registers again is the rare case; the transaction is rolled back, seat included).
    The rows are written with plain INSERTs, one transaction, and the write lock is taken
    only here (:func:`~app.database.begin_write`): a rush of residents is this function. On
    PostgreSQL most registrations are one statement (:func:`_in_one_statement`).

    ``limits`` (rate-limit rules) are counted first, in the same transaction
    (:func:`~app.ratelimit.hit_in_transaction`): a refused attempt raises
    :class:`~app.ratelimit.TooManyAttempts`, and one that fails or registers again counts too.
    """
    now = now or utcnow()
    begin_write()
    done = _in_one_statement(session_id, data, now, limits)
    if isinstance(done, Outcome):
        return done
    if done is _COUNTED:
        limits = ()  # counted with the seat it did not find
    hit_in_transaction(*limits)
    seat = seats.take_seat_reading(session_id, _SEAT_FOR_REGISTRATION)
    try:
        outcome = _write_registration(session_id, data, now, seat)
    except Exception:
        db.session.rollback()  # the seat and the count with the rest
        count_again(*limits)
        raise
    if not outcome.created:
        count_again(*limits)
    return outcome


_COUNTED = object()  # _in_one_statement counted the attempt and found no seat


def _in_one_statement(session_id, data, now, limits):
    """On PostgreSQL, the registration of a resident who finds a seat in one statement
    (one_statement.py): its count, its seat, itself, its message, the send job and the audit
    row. Returns its :class:`Outcome` (or the one on file); ``_COUNTED`` when the attempt was
    counted but found no seat (the session is full, or takes no registration now); None when
    it does not apply (SQLite, answers to the optional questions to store, details the
    row-by-row path refuses) or the statement failed: nothing was counted, nothing written
    (``_COUNTED`` instead when another store, Redis, had counted the attempt first)."""
    answers = data.get("equity") or {}
    if db.engine.dialect.name != "postgresql" or any(codes for kind, codes in answers.items() if kind != "described"):
        return None
    try:
        values = details(data)
    except ServiceError:
        return None  # refused row by row, after the session's own refusal if it has one
    rules = [rule for rule in limits if rule.value]
    counted_elsewhere = bool(rules) and not counts_in_database(*rules)
    if counted_elsewhere:
        hit_in_transaction(*rules)  # in another store (Redis), before the statement
        rules = []
    seed = outbox.new_link_seed()
    token = outbox.manage_token(seed)
    row = dict(session_id=session_id, status="confirmed", manage_token_hash=hash_token(token), manage_link_seed=seed,
               created_at=now, updated_at=now, **values)
    registration = Registration(**row)  # what is written; never added to the session
    message = outbox.message_values("confirmation", registration, link_seed=seed)
    if message is None:
        return _COUNTED if counted_elsewhere else None
    given, seat = {"session_id": session_id, "at": now}, _OPEN_SEAT
    if values["interpretation_language"]:
        given["interpretation"], seat = values["interpretation_language"], _OPEN_SEAT_WITH_INTERPRETER
    try:
        registration_id, message_id = one_statement.register(
            seat, rules, given, registration, row, message, {"status": "confirmed", "session_id": session_id})
    except IntegrityError:
        db.session.rollback()  # registered before, or a twin request won the race: nothing was written
        existing = _existing(session_id, values["email_key"], values["phone_key"])
        if existing is None:
            raise
        count_again(*rules)
        return _already(existing)
    except DBAPIError:
        db.session.rollback()  # the count's table, say: row by row counts (or says why it cannot)
        return _COUNTED if counted_elsewhere else None
    if registration_id is None:
        return _COUNTED
    return Outcome(registration_id, created=True, token=token, message_ids=[message_id])


def _write_registration(session_id, data, now, seat):
    # Most residents find a seat (``seat``: the session's row, read as the seat was taken). A
    # refusal below rolls the seat back with everything else; a full (or closed) session is read.
    session = seat
    confirmed = session is not None
    if not confirmed:
        session = db.session.connection().execute(_SESSION_FOR_REGISTRATION, {"id": session_id}).one_or_none()
    problem = registration_problem(session, now)
    if problem:
        raise ServiceError(problem)  # register() rolls back, seat included
    values = validate_details(data, session)
    seed = outbox.new_link_seed()  # the message rebuilds the link from it when it is sent
    token = outbox.manage_token(seed)
    row = dict(session_id=session.id, status="confirmed" if confirmed else "waitlisted",
               manage_token_hash=hash_token(token), manage_link_seed=seed, created_at=now, updated_at=now,
               **values)
    registration = Registration(**row)  # what is written; never added to the session
    try:
        position, message_ids = _insert_rows(registration, row, seed)
    except IntegrityError:
        # Registered before, or a twin request won the race: the seat taken above is given
        # back with the rest, and the registration on file is the answer.
        db.session.rollback()
        existing = _existing(session_id, values["email_key"], values["phone_key"])
        if existing is None:
            raise
        return _already(existing)
    answers = data.get("equity") or {}
    # Most residents skip the optional questions: then there is nothing to store, and no need
    # to read the questions again under the write lock ("described" only goes with a code).
    if any(codes for kind, codes in answers.items() if kind != "described"):
        store.store(registration.id, session.id, answers)
    db.session.commit()  # one commit: registration, seat, message, job, audit row
    return Outcome(registration.id, created=True, token=token, position=position, message_ids=message_ids)


def _insert_rows(registration, row, seed):
    """Write ``registration`` (its columns: ``row``), its first message, the message's send
    job and the audit row; set ``registration.id`` and return (waitlist position, message ids).

    Row by row: a waitlisted registration's message carries its place in the line, counted
    once its row is written (a confirmed one on PostgreSQL is most often written by
    :func:`_in_one_statement` instead)."""
    kind = "confirmation" if row["status"] == "confirmed" else "waitlisted"
    entry = dict(status=row["status"], session_id=row["session_id"])
    registration.id = insert_row(Registration, **row)
    position = waitlist_position(registration)
    message = outbox.queue(kind, registration, dedupe_key=f"{kind}:{registration.id}",
                           link_seed=seed, position=position, new_registration=True)
    message_ids = outbox.schedule([message.id] if message else [])  # the send job, same transaction
    audit.record(None, "registration.create", registration, **entry)
    return position, message_ids


def _already(existing):
    outcome = Outcome(existing.id, created=False, position=waitlist_position(existing),
                      just_registered=bool(existing.created_at and existing.created_at > utcnow() - JUST_REGISTERED))
    db.session.rollback()
    return outcome


MAX_LINKS_SENT_AGAIN = 10


def send_links_again(email=None, phone=None, session_id=None):
    """Queue the private link again for the registrations of this e-mail or phone (of one
    session, or the newest ``MAX_LINKS_SENT_AGAIN`` of all), each to the contact that matched,
    in the resident's language. Returns the queued message ids (call ``outbox.kick()`` after);
    the caller answers the same whatever this finds, so nothing is revealed to whoever typed
    the address.

    When the stored seed no longer makes the registration's link (SECRET_KEY changed since),
    the registration gets a new link, sent in this message; the old one stops opening."""
    e_key, p_key = email_key(email), phone_key(phone)
    if not (e_key or p_key):
        return []
    begin_write()
    matches = [column == key for column, key in ((Registration.email_key, e_key), (Registration.phone_key, p_key))
               if key]
    query = (select(Registration).where(or_(*matches), Registration.personal_data_erased_at.is_(None))
             .order_by(Registration.created_at.desc(), Registration.id.desc()).limit(MAX_LINKS_SENT_AGAIN))
    if session_id is not None:
        query = query.where(Registration.session_id == session_id)
    message_ids = []
    for registration in db.session.scalars(query).all():
        seed = registration.manage_link_seed
        if not seed or hash_token(outbox.manage_token(seed)) != registration.manage_token_hash:
            seed = outbox.new_link_seed()
            registration.manage_link_seed = seed
            registration.manage_token_hash = hash_token(outbox.manage_token(seed))
            db.session.flush()
        channel = "email" if e_key and registration.email_key == e_key else "sms"
        message = outbox.queue("link_again", registration, link_seed=seed, channel=channel)
        if message:
            message_ids.append(message.id)
        audit.record(None, "registration.link_again", registration, session_id=registration.session_id)
    message_ids = outbox.schedule(message_ids)
    db.session.commit()
    return message_ids


def update_details(registration_id, data, actor=None):
    """Change needs (and, for staff corrections, contact details). A detail ``data`` does not
    carry (``REGISTRATION_DETAILS``) keeps its stored value. When anything changed, the
    resident gets an ``updated`` message in their (new) language, queued with its send job in
    the same transaction as the change: call outbox.kick() after."""
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.personal_data_erased_at:
        raise NotFound(_("We could not find this registration."))
    session = registration.session
    values = validate_details({**{key: getattr(registration, key) for key in REGISTRATION_DETAILS}, **data}, session)
    changed = [key for key, value in values.items() if getattr(registration, key) != value]
    for key, value in values.items():
        setattr(registration, key, value)
    registration.updated_at = utcnow()
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ServiceError(_("Another registration for this session already uses this email or phone."),
                           "email") from None
    if changed:
        message = outbox.queue("updated", registration, session,
                               link_seed=registration.manage_link_seed)
        outbox.schedule([message.id] if message else [])
    audit.record(actor, "registration.update", registration, session_id=session.id)
    db.session.commit()
    return registration


