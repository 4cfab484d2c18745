"""Every way a registration attempt can end, the same on both databases: on PostgreSQL a
resident who finds a seat is written by one statement outside any transaction
(one_statement.py), and the session's rules there are SQL (registrations._OPEN_SEAT), so each
case below checks what was counted, seated and written, not only the answer."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import AuditEntry, Job, ListeningSession, OutboxMessage, RateLimitCount, Registration
from app.models.types import utcnow
from app.platform.errors import ServiceError
from app.ratelimit import Rule, TooManyAttempts
from app.services.registration import registrations
from tests.factories import make_session
from tests.support import empty_tables

HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
ZERO = timedelta(0)


def _app(make_app, **config):
    app = make_app(HEARD_QUEUE="db", **config)
    with app.app_context():
        empty_tables()
    return app


def _session(app, status="published", now=None, **columns):
    """A session with these ``columns``; a time is given as its distance from ``now``."""
    session_id = make_session(app, status=status, starts_in=timedelta(days=3))["session"]
    columns = {name: now + value if isinstance(value, timedelta) else value for name, value in columns.items()}
    if columns:
        with app.app_context():
            db.session.execute(update(ListeningSession).where(ListeningSession.id == session_id).values(**columns))
            db.session.commit()
    return session_id


def _limits(email):
    return (Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "203.0.113.7"),
            Rule("registration-contact", "REGISTRATION_LIMIT_PER_CONTACT", email))


def _register(app, session_id, email, now=None, **data):
    with app.test_request_context("/", method="POST"):
        return registrations.register(session_id, {"name": "Nasra Ali", "email": email, **data},
                                      now=now or utcnow(), limits=_limits(email))


def _state(app, session_id):
    """(seats taken, registrations by status, messages, send jobs, audit rows, counts by rule)."""
    with app.app_context():
        statuses = dict(db.session.execute(
            select(Registration.status, func.count()).group_by(Registration.status)).all())
        hits = {}
        for bucket, n in db.session.execute(select(RateLimitCount.bucket, RateLimitCount.hits)):
            hits[bucket.split(":")[0]] = hits.get(bucket.split(":")[0], 0) + n
        return (db.session.get(ListeningSession, session_id).seats_taken, statuses,
                db.session.scalar(select(func.count()).select_from(OutboxMessage)),
                db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "outbox.send")),
                db.session.scalar(select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.action == "registration.create")), hits)


COUNTED_ONCE = {"registration-address": 1, "registration-contact": 1}
NOTHING_WRITTEN = (0, {}, 0, 0, 0, COUNTED_ONCE)


@pytest.mark.parametrize("status, columns", [
    ("draft", {}),
    ("cancelled", {}),
    ("closed", {}),
    ("published", {"starts_at": ZERO, "ends_at": 2 * HOUR}),  # begins now
    ("published", {"starts_at": -3 * HOUR, "ends_at": -HOUR}),  # over
    ("published", {"starts_at": -2 * HOUR, "ends_at": ZERO}),  # ends now
    ("published", {"registration_opens_at": SECOND}),  # opens in a second
    ("published", {"registration_closes_at": ZERO}),  # closes now
    ("published", {"registration_closes_at": -HOUR}),
])
def test_a_session_that_takes_no_registration_refuses_it_and_counts_the_attempt_once(make_app, status, columns):
    app, now = _app(make_app), utcnow().replace(microsecond=0)
    session_id = _session(app, status, now, **columns)
    with app.test_request_context("/"):
        expected = registrations.registration_problem(db.session.get(ListeningSession, session_id), now)
    assert expected
    with pytest.raises(ServiceError) as refused:
        _register(app, session_id, "nasra@example.org", now=now)
    assert refused.value.message == expected
    assert _state(app, session_id) == NOTHING_WRITTEN


@pytest.mark.parametrize("columns", [
    {"registration_opens_at": ZERO},  # opens now
    {"registration_opens_at": -HOUR, "registration_closes_at": SECOND},
    {"starts_at": SECOND, "ends_at": HOUR},  # begins in a second
])
def test_a_session_open_at_the_edge_of_its_window_takes_the_registration(make_app, columns):
    app, now = _app(make_app), utcnow().replace(microsecond=0)
    session_id = _session(app, now=now, **columns)
    outcome = _register(app, session_id, "nasra@example.org", now=now)
    assert outcome.created and outcome.position is None
    assert _state(app, session_id) == (1, {"confirmed": 1}, 1, 1, 1, COUNTED_ONCE)


def test_an_interpreter_the_session_offers_is_taken_and_one_it_does_not_is_refused(make_app):
    app = _app(make_app)
    session_id = _session(app)  # offers Spanish
    with pytest.raises(ServiceError) as refused:
        _register(app, session_id, "bao@example.org", interpretation_language="vi")
    assert refused.value.field == "interpretation_language"
    assert _state(app, session_id) == NOTHING_WRITTEN
    outcome = _register(app, session_id, "lucia@example.org", interpretation_language="es")
    with app.app_context():
        assert db.session.get(Registration, outcome.registration_id).interpretation_language == "es"
    seats, statuses, *_rest, hits = _state(app, session_id)
    assert (seats, statuses, hits) == (1, {"confirmed": 1}, {"registration-address": 2, "registration-contact": 2})


def test_the_same_resident_twice_keeps_one_seat_and_counts_both_attempts(make_app):
    app = _app(make_app)
    session_id = _session(app)
    first = _register(app, session_id, "amina@example.org")
    again = _register(app, session_id, "Amina@Example.org")
    assert first.created and not again.created and again.registration_id == first.registration_id
    assert again.just_registered
    assert _state(app, session_id) == (1, {"confirmed": 1}, 1, 1, 1, {"registration-address": 2,
                                                                      "registration-contact": 2})


def test_a_full_session_waitlists_and_counts_the_attempt_once(make_app):
    app = _app(make_app)
    session_id = _session(app, capacity=1)
    assert _register(app, session_id, "first@example.org").position is None
    second = _register(app, session_id, "second@example.org")
    assert second.created and second.position == 1
    assert _state(app, session_id) == (1, {"confirmed": 1, "waitlisted": 1}, 2, 2, 2,
                                       {"registration-address": 2, "registration-contact": 2})


@pytest.mark.parametrize("store", ["database", "memory://"])
def test_a_refused_attempt_takes_no_seat_and_writes_nothing(make_app, store):
    app = _app(make_app, REGISTRATION_LIMIT_PER_ADDRESS=(1, 3600),
               RATELIMIT_STORAGE_URL=None if store == "database" else store)
    session_id = _session(app)
    _register(app, session_id, "first@example.org")
    with pytest.raises(TooManyAttempts) as refused:
        _register(app, session_id, "second@example.org")
    assert 0 < refused.value.retry_after <= 3600
    seats, statuses, messages, jobs, audits, hits = _state(app, session_id)
    assert (seats, statuses, messages, jobs, audits) == (1, {"confirmed": 1}, 1, 1, 1)
    if store == "database":  # the refused attempt counted; the contact rule after it gave its hit back
        assert hits == {"registration-address": 2, "registration-contact": 1}

