"""What a registration writes besides itself: its first message, the message's send job and
the audit row, all in its transaction, and the same on both databases (on PostgreSQL a
confirmed registration's rows are written by one statement, a waitlisted one's row by row)."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import event, select, update

from app.extensions import db
from app.models import AuditEntry, Job, ListeningSession, OutboxMessage, RateLimitCount, Registration
from app.models.types import utcnow
from app.platform.resident_messages import PENDING
from app.ratelimit import Rule
from app.services.registration import registrations
from tests.factories import make_session
from tests.support import empty_tables


@pytest.fixture
def one_seat(make_app):
    app = make_app(HEARD_QUEUE="db")  # the send job waits for a worker: its row stays as written
    with app.app_context():
        empty_tables()
    session_id = make_session(app, starts_in=timedelta(days=3))["session"]
    with app.app_context():
        db.session.execute(update(ListeningSession).where(ListeningSession.id == session_id).values(capacity=1))
        db.session.commit()
    return app, session_id


def _written(app, outcome):
    with app.app_context():
        registration = db.session.get(Registration, outcome.registration_id)
        message = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.registration_id == registration.id)).one()
        [job] = [job for job in db.session.scalars(select(Job).where(Job.name == "outbox.send"))
                 if message.id in job.payload["ids"]]
        entry = db.session.scalars(select(AuditEntry).where(
            AuditEntry.action == "registration.create", AuditEntry.object_id == registration.id)).one()
        db.session.expunge_all()
        return registration, message, job, entry


def _recent(moment):
    return utcnow() - timedelta(minutes=1) < moment <= utcnow()


def test_a_confirmed_and_a_waitlisted_registration_write_the_same_rows(one_seat):
    app, session_id = one_seat
    with app.test_request_context("/", method="POST"):
        confirmed = registrations.register(session_id, {"name": "Amina Warsame", "email": "amina@example.org",
                                                        "preferred_language": "so"})
        confirmed_jobs = list(db.session.info.get("heard_new_jobs", []))
        waiting = registrations.register(session_id, {"name": "Bảo Trần", "phone": "+1 916 555 0100",
                                                      "preferred_language": "vi"})
    for outcome, status, kind, channel, recipient, language, position in (
            (confirmed, "confirmed", "confirmation", "email", "amina@example.org", "so", None),
            (waiting, "waitlisted", "waitlisted", "sms", "+1 916 555 0100", "vi", 1)):
        registration, message, job, entry = _written(app, outcome)
        assert registration.status == status and outcome.position == position
        assert (message.kind, message.channel, message.recipient, message.language) == (kind, channel, recipient,
                                                                                         language)
        assert message.dedupe_key == f"{kind}:{registration.id}"
        assert (message.status, message.attempts, message.subject) == ("pending", 0, "")
        assert message.attachment is None and message.attachment_name is None and message.sent_at is None
        envelope = json.loads(message.body.removeprefix(PENDING))
        assert message.body.startswith(PENDING) and envelope.get("position") == position
        assert envelope["seed"] == registration.manage_link_seed
        assert _recent(message.created_at) and _recent(message.next_attempt_at)
        assert outcome.message_ids == [message.id]
        assert job.payload == {"ids": [message.id]}
        assert (job.status, job.attempts, job.max_attempts) == ("queued", 0, app.config["OUTBOX_MAX_ATTEMPTS"])
        assert _recent(job.run_after) and _recent(job.created_at) and job.locked_at is None
        assert (entry.user_id, entry.object_type) == (None, "Registration")
        assert entry.details == {"status": status, "session_id": session_id} and _recent(entry.at)
        assert registration.walk_in is False and registration.children_ages == []
    first_job = _written(app, confirmed)[2]
    assert confirmed_jobs == [first_job.id]  # kicked after the commit, like any job


@pytest.mark.postgres
@pytest.mark.parametrize("counted", [True, False])
def test_on_postgresql_a_confirmed_registration_is_one_statement_outside_a_transaction(one_seat, counted):
    """Its rate limits counted, its seat taken, itself, its message, the send job and the
    audit row: one statement, in autocommit, so no BEGIN and no COMMIT either (issue 22: a
    round trip costs more than SQLAlchemy does). The connection goes back to transactions."""
    app, session_id = one_seat
    limits = (Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "203.0.113.9"),
              Rule("registration-contact", "REGISTRATION_LIMIT_PER_CONTACT", "amina@example.org")) if counted else ()
    statements = []
    with app.app_context():
        engine = db.engine

    def seen(conn, _cursor, statement, *_args):
        dbapi_connection = conn.connection.dbapi_connection
        statements.append((statement.split(None, 1)[0].upper(), dbapi_connection.autocommit, dbapi_connection))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        with app.test_request_context("/", method="POST"):
            outcome = registrations.register(session_id, {"name": "Amina", "email": "amina@example.org"},
                                             limits=limits)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert outcome.created
    assert [(kind, autocommit) for kind, autocommit, _c in statements if kind != "DELETE"] == [("WITH", True)]
    assert statements[-1][2].autocommit is False  # back in the pool, the connection makes transactions again
    registration, message, job, entry = _written(app, outcome)
    assert job.payload == {"ids": [message.id]} and entry.object_id == registration.id
    assert message.dedupe_key == f"confirmation:{registration.id}"
    with app.app_context():
        assert db.session.get(ListeningSession, session_id).seats_taken == 1
        hits = db.session.scalars(select(RateLimitCount.hits)).all()
    assert hits == ([1, 1] if counted else [])
