"""Residents registering: the checks, the rush path (:func:`register`), their link sent again
and their details changed.

A registration, its seat (seats.py), its outbox message with its send job and its audit row
are written in one transaction. Cancelling and erasing are in cancellations.py, reminders in
reminders.py; their public functions are importable from here as before.
"""
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, bindparam, func, or_, select, union_all
from sqlalchemy.exc import IntegrityError

from ...database import begin_write, insert_row
from ...extensions import db
from ...models import ACCESS_NEEDS, HEARD_FROM, REGISTRATION_DETAILS, ListeningSession, Registration
from ...models.types import utcnow
from ...platform import audit, outbox
from ...ratelimit import count_again, counts_in_database, hit_in_transaction
from .. import NotFound, ServiceError
from ..equity import store
from . import one_statement, seats
from .cancellations import cancel, cancel_problem, erase_own, restore_erasures  # noqa: F401 (importable here)
from .reminders import queue_reminders  # noqa: F401 (importable here)
from .seats import promote  # noqa: F401 (importable here)

AGE_BANDS = (("0-2", 0, 2), ("3-5", 3, 5), ("6-12", 6, 12), ("13-17", 13, 17))
MAX_CHILDREN = 12
# A registration this recent has just been sent its link: the same address registered again
# now is a double click, a second tab or the back button, not someone who lost the link.
JUST_REGISTERED = timedelta(minutes=10)

# Invisible characters that reorder or hide text (RTL override U+202E and friends).
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def clean_text(value, multiline=False):
    """Drop NUL and other control characters and bidi overrides; trim. Letters of every
    script, emoji and punctuation stay as typed."""
    if value is None:
        return ""
    value = str(value).translate(_BIDI_CONTROLS)
    kept = []
    for char in value.replace("\r\n", "\n").replace("\r", "\n"):
        if char == "\n" and multiline:
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs"):
            continue
        else:
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).strip()


def email_key(email):
    return email.strip().casefold() if email else None


def phone_key(phone):
    digits = re.sub(r"\D", "", phone or "")
    return digits or None


hash_token = outbox.hash_token


def new_token():
    """A manage-link secret: 32 random bytes (256 bits)."""
    return secrets.token_urlsafe(32)


def age_band(age):
    for name, low, high in AGE_BANDS:
        if low <= age <= high:
            return name
    return "18+"


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
    """Why ``session`` takes no registrations, as a translated sentence; None if it does."""
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

def validate_details(data, session):
    """Clean and check the resident's details; returns a dict of column values."""
    name = clean_text(data.get("name"))[:200]
    email = clean_text(data.get("email")) or None
    phone = clean_text(data.get("phone")) or None
    if not name:
        raise ServiceError(_("Please tell us your name."), "name")
    if not email and not phone:
        raise ServiceError(_("Please give an email address or a phone number, so we can reach you."), "email")
    if email and (len(email) > 254 or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email)):
        raise ServiceError(_("Please check this email address."), "email")
    if phone and (len(phone) > 40 or not 7 <= len(phone_key(phone) or "") <= 15):
        raise ServiceError(_("Please check this phone number."), "phone")
    ages = [int(a) for a in data.get("children_ages") or []]
    count = int(data.get("children_count") or 0)
    childcare = bool(data.get("childcare_needed"))
    if childcare:
        count = max(count, len(ages))
        if count < 1:
            raise ServiceError(_("How many children need childcare?"), "children_count")
    else:
        count, ages = 0, []
    if count > MAX_CHILDREN or any(not 0 <= a <= 17 for a in ages):
        raise ServiceError(_("Please check the children's number and ages."), "children_count")
    interpretation = data.get("interpretation_language") or None
    if interpretation and interpretation not in (session.interpretation_languages or []):
        raise ServiceError(_("Interpretation in this language is not offered at this session."),
                           "interpretation_language")
    needs = [n for n in ACCESS_NEEDS if n in (data.get("access_needs") or [])]
    heard_from = data.get("heard_from") or ""
    return dict(
        name=name, email=email, phone=phone, email_key=email_key(email), phone_key=phone_key(phone),
        preferred_language=data.get("preferred_language") or "en",
        interpretation_language=interpretation, childcare_needed=childcare, children_count=count,
        children_ages=sorted(ages), access_needs=needs,
        access_other=clean_text(data.get("access_other"), multiline=True)[:500],
        dietary=clean_text(data.get("dietary"), multiline=True)[:500],
        heard_from=heard_from if heard_from in ("", *HEARD_FROM) else "other",
        consent_followup=bool(data.get("consent_followup")),
    )


def register(session_id, data, now=None, limits=()):
    """Register a resident: confirmed while seats remain, else waitlisted.

    The same e-mail or phone for the same session gets the existing registration back
    (``created`` is False), also when two requests race: the unique constraints on (session,
    e-mail) and (session, phone) decide, with no look-up before the INSERT (a resident who
    registers again is the rare case; the transaction is rolled back, seat included).
    The rows are written with plain INSERTs, one transaction, and the write lock is taken
    only here (:func:`~app.database.begin_write`): a rush of residents is this function.

    ``limits`` (rate-limit rules) are counted first, in the same transaction
    (:func:`~app.ratelimit.hit_in_transaction`): a refused attempt raises
    :class:`~app.ratelimit.TooManyAttempts`, and one that fails or registers again counts too.
    """
    now = now or utcnow()
    begin_write()
    seat = _count_and_take_seat(session_id, limits)
    try:
        outcome = _write_registration(session_id, data, now, seat)
    except Exception:
        db.session.rollback()  # the seat and the count with the rest
        count_again(*limits)
        raise
    if not outcome.created:
        count_again(*limits)
    return outcome


def _count_and_take_seat(session_id, limits):
    """Count the attempt (``limits``) and take a seat, reading the session: its row when a
    seat was free and is now taken, else None. On PostgreSQL, with the counts in Heard's
    database, both are one statement (:func:`one_statement.count_and_take_seat`)."""
    if db.session.connection().dialect.name == "postgresql" and counts_in_database(*limits):
        return one_statement.count_and_take_seat(session_id, limits, _SEAT_FOR_REGISTRATION)
    hit_in_transaction(*limits)
    return seats.take_seat_reading(session_id, _SEAT_FOR_REGISTRATION)


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

    On PostgreSQL a confirmed registration's four rows are one statement (one round trip
    instead of four; issue 22). A waitlisted one goes row by row: its message carries its
    place in the line, counted once its row is written."""
    confirmed = row["status"] == "confirmed"
    kind = "confirmation" if confirmed else "waitlisted"
    entry = dict(status=row["status"], session_id=row["session_id"])
    connection = db.session.connection()
    if confirmed and connection.dialect.name == "postgresql":
        message = outbox.message_values(kind, registration, link_seed=seed)
        if message:
            message_id = one_statement.write(connection, registration, row, message, kind, entry)
            return None, [message_id]
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


