"""What organizers see and do with registrations: roster, needs summary, check-in at the
door, exports, and personal data on request (view, correct, erase) and by retention.

Seat accounting: ``seats_taken`` always equals confirmed + attended registrations; it passes
``capacity`` only when an organizer seats someone at the door beyond it (audited).
"""
from collections import Counter
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, or_, select, update

from ... import timezones
from ...extensions import db
from ...i18n import LANGUAGES, native_name
from ...labels import label
from ...models import ACCESS_NEEDS, ListeningSession, Registration, SessionTable, User
from ...models.types import utcnow
from ...platform import audit, outbox
from .. import NotFound, ServiceError
from . import erasure, registrations, seats
from .registrations import AGE_BANDS, age_band

SEATED = ("confirmed", "attended")
ACTIVE = ("confirmed", "attended", "waitlisted")


def roster(session_id, status=None, need=None, q=None):
    query = select(Registration).where(Registration.session_id == session_id)
    if status:
        query = query.where(Registration.status == status)
    if q:
        pattern = "%" + q.strip().lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        query = query.where(or_(func.lower(Registration.name).like(pattern),
                                func.lower(Registration.email).like(pattern),
                                Registration.phone_key.like(pattern)))
    rows = list(db.session.scalars(query.order_by(Registration.created_at, Registration.id)))
    if need:
        rows = [r for r in rows if _has_need(r, need)]
    return rows


def _has_need(registration, need):
    if need == "childcare":
        return registration.childcare_needed
    if need == "interpretation":
        return bool(registration.interpretation_language)
    if need == "dietary":
        return bool(registration.dietary)
    if need == "access":
        return bool(registration.access_needs or registration.access_other)
    return need in (registration.access_needs or [])


def needs_summary(session_id):
    """Counts a coordinator can act on, for people holding a seat (and, apart, those waiting)."""
    people = roster(session_id)
    seated = [r for r in people if r.status in SEATED]
    waiting = [r for r in people if r.status == "waitlisted"]

    def tally(group):
        interpreters = Counter(r.interpretation_language for r in group if r.interpretation_language)
        bands = Counter()
        unknown_age = 0
        for r in group:
            if not r.childcare_needed:
                continue
            ages = r.children_ages or []
            bands.update(age_band(a) for a in ages)
            unknown_age += max((r.children_count or 0) - len(ages), 0)
        access = Counter(n for r in group for n in (r.access_needs or []))
        return {
            "people": len(group),
            "interpreters": dict(sorted(interpreters.items())),
            "families_with_childcare": sum(1 for r in group if r.childcare_needed),
            "children": sum(r.children_count or 0 for r in group if r.childcare_needed),
            "children_by_band": {name: bands.get(name, 0) for name, _lo, _hi in AGE_BANDS},
            "children_age_unknown": unknown_age,
            "access": {n: access.get(n, 0) for n in ACCESS_NEEDS},
            "access_other": [r.access_other for r in group if r.access_other],
            "dietary_count": sum(1 for r in group if r.dietary),
            "dietary": [r.dietary for r in group if r.dietary],
        }

    return {"seated": tally(seated), "waiting": tally(waiting),
            "counts": dict(Counter(r.status for r in people))}


def changes_since(session_id, since):
    """Registrations new, changed or cancelled since ``since`` (None: everything is new)."""
    query = select(Registration).where(Registration.session_id == session_id)
    if since is not None:
        query = query.where(or_(Registration.created_at > since, Registration.updated_at > since))
    changes = []
    for r in db.session.scalars(query.order_by(Registration.updated_at.desc(), Registration.id.desc())):
        if since is None or r.created_at > since:
            kind = "new"
        elif r.status == "cancelled" and r.cancelled_at and r.cancelled_at > since:
            kind = "cancelled"
        else:
            kind = "changed"
        changes.append((kind, r))
    return changes


def mark_roster_seen(user_id):
    # A transaction of its own that starts with the write, so it never has to upgrade a
    # read (GET requests use a deferred BEGIN on SQLite).
    db.session.rollback()
    db.session.execute(update(User).where(User.id == user_id).values(last_seen_roster_at=utcnow()))
    db.session.commit()


def get_registration(registration_id):
    """The registration; ``NotFound`` when there is none."""
    registration = db.session.get(Registration, registration_id)
    if registration is None:
        raise NotFound(_("We could not find this registration."))
    return registration


# --- at the door -------------------------------------------------------------------------

class SessionFull(ServiceError):
    """No seat is left for the person at the door. An organizer may still seat them beyond
    capacity by asking again with ``beyond_capacity=True``."""

    def __init__(self, session):
        super().__init__(_("No seats are left. Raise the capacity on the session page to let more people in."))
        self.capacity, self.seats_taken = session.capacity, session.seats_taken


def seats_beyond_capacity(session):
    """How many people hold a seat beyond the session's capacity (0 when within it)."""
    return max(session.seats_taken - session.capacity, 0)


def _seat_at_the_door(session_id, beyond_capacity):
    """Take a seat for someone at the door; past capacity only when the organizer said so.
    Returns how many people are seated beyond capacity after it, 0 when a seat was free."""
    if seats.take_seat(session_id):
        return 0
    if not beyond_capacity:
        full = SessionFull(db.session.get(ListeningSession, session_id))
        db.session.rollback()
        raise full
    return seats.take_seat_beyond_capacity(session_id)


def _record_beyond_capacity(actor, registration, over_by, previous_status):
    """The audit row of a seat given beyond capacity: who, which session and registration,
    how many are over capacity with it. No personal data."""
    audit.record(actor, "registration.beyond_capacity", registration, session_id=registration.session_id,
                 over_by=over_by, previous_status=previous_status, walk_in=registration.walk_in)


def _table(session_id, table_id):
    """``table_id`` when it is one of the session's tables, else None (no seat recorded)."""
    if table_id is None:
        return None
    table = db.session.get(SessionTable, table_id)
    return table.id if table is not None and table.session_id == session_id else None


def check_in(actor, registration_id, attended=True, beyond_capacity=False, table_id=None):
    """Mark someone here (or undo it), optionally at one of the session's tables. A person
    without a seat (waitlisted or cancelled) takes one; in a full session only with
    ``beyond_capacity``, else :class:`SessionFull`."""
    registration = get_registration(registration_id)
    previous = registration.status
    if attended and previous == "attended" or not attended and previous != "attended":
        db.session.rollback()
        return registration
    now = utcnow()
    seat = {"table_id": _table(registration.session_id, table_id) if attended else None}
    # Claim the row in the state it was read in: a twin request (two organizers at the door)
    # then changes nothing, and no seat is counted twice.
    claimed = db.session.execute(
        update(Registration).where(Registration.id == registration.id, Registration.status == previous)
        .values(status="attended" if attended else "confirmed", attended_at=now if attended else None,
                updated_at=now, **seat)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        db.session.rollback()
        return get_registration(registration_id)
    over_by = 0
    if attended and previous in ("waitlisted", "cancelled"):
        over_by = _seat_at_the_door(registration.session_id, beyond_capacity)
    db.session.refresh(registration)
    audit.record(actor, "registration.check_in" if attended else "registration.undo_check_in", registration,
                 session_id=registration.session_id)
    if over_by:
        _record_beyond_capacity(actor, registration, over_by, previous)
    db.session.commit()
    return registration


def add_walk_in(actor, session_id, name, preferred_language="en", interpretation_language=None,
                beyond_capacity=False, table_id=None):
    """Register and check in someone who came without registering. In a full session only
    with ``beyond_capacity``, else :class:`SessionFull`."""
    session = db.session.get(ListeningSession, session_id)
    if session is None:
        raise NotFound(_("This session is not open."))
    if session.status not in ("published", "closed"):
        raise ServiceError(_("This session is not open."))
    name = registrations.clean_text(name)[:200]
    if not name:
        raise ServiceError(_("Please write the person's name."), "name")
    over_by = _seat_at_the_door(session_id, beyond_capacity)
    now = utcnow()
    registration = Registration(
        session_id=session_id, name=name, preferred_language=preferred_language,
        interpretation_language=interpretation_language or None, status="attended", walk_in=True,
        attended_at=now, created_at=now, updated_at=now, table_id=_table(session_id, table_id),
        manage_token_hash=registrations.hash_token(registrations.new_token()),
    )
    db.session.add(registration)
    db.session.flush()
    audit.record(actor, "registration.walk_in", registration, session_id=session_id)
    if over_by:
        _record_beyond_capacity(actor, registration, over_by, None)
    db.session.commit()
    return registration


# --- personal data -----------------------------------------------------------------------

def erase(actor, registration_id):
    """Delete a person's data on request: every personal field, their messages and the copies
    of them, for good (erasure.py). Status and seat stay as they were: cancelling is its own
    step. A resident erasing their own registration is registrations.erase_own."""
    registration = get_registration(registration_id)
    if erasure.erase_registrations([registration.id], reason="request"):
        audit.record(actor, "registration.erase", registration, session_id=registration.session_id)
    db.session.commit()
    return registration


def purge_expired(now=None, days=None):
    """Remove personal data (every field marked personal, their messages and the copies of
    them) ``RETENTION_DAYS`` after each session ended. People who asked to hear about outcomes
    keep theirs unless ``RETENTION_KEEP_CONSENTED`` is off."""
    now = now or utcnow()
    days = current_app.config["RETENTION_DAYS"] if days is None else days
    cutoff = now - timedelta(days=days)
    ended = select(ListeningSession.id).where(ListeningSession.ends_at <= cutoff)
    query = select(Registration.id).where(Registration.session_id.in_(ended),
                                          Registration.personal_data_erased_at.is_(None))
    if current_app.config["RETENTION_KEEP_CONSENTED"]:
        query = query.where(Registration.consent_followup.is_(False))
    ids = erasure.erase_registrations(db.session.scalars(query), reason="retention", now=now)
    if ids:
        audit.record(None, "retention.purge", None, registrations=len(ids), days=days)
    # Copies left by an erasure that stopped half-way, or named before they carried the registration.
    outbox.remove_copies(db.session.scalars(
        select(Registration.id).where(Registration.personal_data_erased_at.is_not(None))))
    db.session.commit()
    return len(ids)


# --- exports -----------------------------------------------------------------------------

def roster_table(session_id, **filters):
    header = [_("Name"), _("Email"), _("Phone"), _("Status"), _("Walk-in"), _("Messages in"),
              _("Interpreter"), _("Childcare"), _("Children"), _("Ages"), _("Access needs"),
              _("Other access needs"), _("Food"), _("Heard about it from"), _("Contact about outcomes"),
              _("Registered at")]
    rows = []
    session = db.session.get(ListeningSession, session_id)
    zone = timezones.zone_of(session.engagement) if session is not None else timezones.default_zone()
    for r in roster(session_id, **filters):
        rows.append([
            r.name or "", r.email or "", r.phone or "", str(label("registration_status", r.status)), r.walk_in,
            native_name(r.preferred_language) if r.preferred_language in LANGUAGES else r.preferred_language,
            native_name(r.interpretation_language) if r.interpretation_language in LANGUAGES else "",
            r.childcare_needed, r.children_count or 0, ", ".join(str(a) for a in r.children_ages or []),
            ", ".join(str(label("access_need", n)) for n in r.access_needs or []), r.access_other or "",
            r.dietary or "", str(label("heard_from", r.heard_from)) if r.heard_from else "", r.consent_followup,
            timezones.export_stamp(r.created_at, zone),
        ])
    return header, rows


def needs_table(session_id):
    summary = needs_summary(session_id)
    header = [_("Need"), _("Detail"), _("People with a seat"), _("People on the waitlist")]
    seated, waiting = summary["seated"], summary["waiting"]
    rows = [[_("People"), "", seated["people"], waiting["people"]]]
    for code in sorted(set(seated["interpreters"]) | set(waiting["interpreters"])):
        rows.append([_("Interpreter"), native_name(code) if code in LANGUAGES else code,
                     seated["interpreters"].get(code, 0), waiting["interpreters"].get(code, 0)])
    rows.append([_("Childcare"), _("Families"), seated["families_with_childcare"], waiting["families_with_childcare"]])
    rows.append([_("Childcare"), _("Children"), seated["children"], waiting["children"]])
    for band in seated["children_by_band"]:
        rows.append([_("Children by age"), band, seated["children_by_band"][band], waiting["children_by_band"][band]])
    rows.append([_("Children by age"), _("Age not given"), seated["children_age_unknown"],
                 waiting["children_age_unknown"]])
    for need in ACCESS_NEEDS:
        rows.append([_("Access needs"), str(label("access_need", need)), seated["access"][need],
                     waiting["access"][need]])
    rows.append([_("Food"), _("Dietary needs"), seated["dietary_count"], waiting["dietary_count"]])
    for text in seated["dietary"]:
        rows.append([_("Food"), text, 1, 0])
    for text in seated["access_other"]:
        rows.append([_("Access needs"), text, 1, 0])
    return header, rows
