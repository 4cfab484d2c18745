"""The outbox: written with the registration, sent after; files when no SMTP; SMS with no
provider; a mail server that is down loses nothing; reminders are idempotent."""
import email
import email.policy
import os
import re
import smtplib
from datetime import timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.models import OutboxMessage, Registration
from app.models.types import utcnow
from app.platform import outbox
from app.services.sessions import organize


def _session(app, starts_in=timedelta(days=5), capacity=5):
    with app.app_context():
        engagement = organize.create_engagement(None, "west", "en", {"en": "West"})
        starts = utcnow() + starts_in
        session = organize.create_session(None, engagement.id, dict(
            slug="west-hall", starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone="America/Los_Angeles", venue_name="West Hall", venue_address="3 Pine St, Suite 4",
            capacity=capacity,
        ), {"en": {"title": "West Hall, evening; all welcome", "description": "Come and talk."},
            "es": {"title": "Sala Oeste, por la tarde", "description": "Venga a conversar."},
            "ar": {"title": "القاعة الغربية، مساءً", "description": "تعال وتحدث."}})
        organize.publish(None, session.id)
        return session.id


def _register(client, **data):
    response = client.post("/sessions/west-hall/register", data={"name": "Rosa", **data})
    response.close()  # the response is done: messages go out now (as after a real response)
    return response


def _eml_files(app):
    folder = app.config["OUTBOX_DIR"]
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".eml")) if os.path.isdir(folder) else []


def test_confirmation_is_an_eml_file_in_the_residents_language_with_ics_and_link(app, client):
    _session(app)
    response = _register(client, email="rosa@example.org", preferred_language="es")
    token = re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)
    files = _eml_files(app)
    assert len(files) == 1
    with open(files[0], "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["To"] == "rosa@example.org"
    assert "Sala Oeste, por la tarde" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert f"/r/{token}" in body
    assert re.search(r"(lunes|martes|miércoles|jueves|viernes|sábado|domingo)", body)  # Spanish dates
    ics = next(part for part in message.iter_attachments() if part.get_content_type() == "text/calendar")
    calendar = ics.get_content()
    assert "BEGIN:VEVENT" in calendar and "SUMMARY:Sala Oeste\\, por la tarde" in calendar
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.status)) == "sent"


def test_sms_when_there_is_only_a_phone(app, client):
    _session(app)
    _register(client, phone="+1 206 555 0142", preferred_language="ar")
    folder = os.path.join(app.config["OUTBOX_DIR"], "sms")
    [name] = os.listdir(folder)
    with open(os.path.join(folder, name), encoding="utf-8") as handle:
        text = handle.read()
    assert "+1 206 555 0142" in text and "القاعة الغربية" in text and "/r/" in text
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.channel)) == "sms"


class DownSMTP:
    def __init__(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server is down")


def test_a_mail_server_that_is_down_never_loses_a_registration(make_app, monkeypatch, tmp_path):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)
    with app.app_context():
        from support import empty_tables

        empty_tables()
    monkeypatch.setattr(smtplib, "SMTP", DownSMTP)
    _session(app)
    client = app.test_client()
    response = _register(client, email="down@example.org")
    assert response.status_code == 303
    token = re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)
    with app.app_context():
        assert db.session.scalar(select(Registration.status)) == "confirmed"
        message = db.session.scalar(select(OutboxMessage))
        assert (message.status, message.attempts) == ("pending", 1)
        assert "down" in message.last_error and message.next_attempt_at > utcnow()
        # Waiting to be sent again, the row holds no working link: it is rendered at each attempt.
        assert token not in message.body and message.body.startswith(outbox.PENDING)
    runner = app.test_cli_runner()
    assert "Sent: 0" in runner.invoke(args=["outbox", "send"]).output  # backing off: not due yet
    # The server comes back and the message is due: `flask outbox send` delivers it.
    sent = []
    monkeypatch.setattr(smtplib, "SMTP", lambda *a, **k: FakeSMTP(sent))
    with app.app_context():
        db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()
    assert "Sent: 1" in runner.invoke(args=["outbox", "send"]).output
    assert sent[0]["To"] == "down@example.org"
    assert f"/r/{token}" in sent[0].get_body(("plain",)).get_content()  # the retry still carries the link
    with app.app_context():
        assert db.session.scalar(select(OutboxMessage.status)) == "sent"


class FakeSMTP:
    def __init__(self, sent):
        self.sent = sent

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def send_message(self, message):
        self.sent.append(message)


def test_gives_up_after_max_attempts_and_can_retry(make_app, monkeypatch):
    app = make_app(MAIL_SERVER="127.0.0.1", OUTBOX_MAX_ATTEMPTS=2, HEARD_QUEUE="db")
    with app.app_context():
        from support import empty_tables

        empty_tables()
    monkeypatch.setattr(smtplib, "SMTP", DownSMTP)
    _session(app)
    _register(app.test_client(), email="later@example.org")
    with app.app_context():
        for _ in range(2):
            db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow() - timedelta(seconds=1)))
            db.session.commit()
            outbox.send_pending()
        assert db.session.scalar(select(OutboxMessage.status)) == "failed"
    output = app.test_cli_runner().invoke(args=["outbox", "send", "--retry-failed"]).output
    assert "Queued again: 1" in output


def test_reminders_are_sent_once(app, client, runner):
    _session(app, starts_in=timedelta(hours=10))
    _register(client, email="one@example.org", preferred_language="es")
    _register(client, email="two@example.org")
    first = runner.invoke(args=["reminders", "send"])
    assert "Reminders queued: 2. Sent: 2." in first.output, first.output
    second = runner.invoke(args=["reminders", "send"])
    assert "Reminders queued: 0. Sent: 0." in second.output
    with app.app_context():
        reminders = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder")).all()
        assert len(reminders) == 2
        spanish = next(m for m in reminders if m.recipient == "one@example.org")
        assert "Sala Oeste" in spanish.subject
    assert len([f for f in _eml_files(app) if f.endswith("reminder.eml")]) == 2


def test_reminders_wait_until_the_window(app, client, runner):
    _session(app, starts_in=timedelta(days=3))
    _register(client, email="early@example.org")
    assert "Reminders queued: 0." in runner.invoke(args=["reminders", "send"]).output


def test_sent_messages_keep_no_working_manage_link(app, client):
    _session(app)
    response = _register(client, email="keep@example.org")
    token = re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "sent" and token not in message.body and "/r/[removed]" in message.body


def _body(path):
    with open(path, "rb") as handle:
        return email.message_from_binary_file(handle, policy=email.policy.default).get_body(("plain",)).get_content()


def test_reminders_and_promotions_carry_the_same_private_link(app, client, runner):
    _session(app, starts_in=timedelta(hours=10), capacity=1)
    first = _register(client, email="seat@example.org")
    second = _register(client, email="wait@example.org")
    seat_token = re.search(r"/r/([^?]+)", first.headers["Location"]).group(1)
    wait_token = re.search(r"/r/([^?]+)", second.headers["Location"]).group(1)
    client.post(f"/r/{seat_token}/cancel", data={"confirm": "y"}).close()  # the waiting person moves up
    assert "Reminders queued: 1." in runner.invoke(args=["reminders", "send"]).output
    promoted = [f for f in _eml_files(app) if f.endswith("promoted.eml")]
    reminder = [f for f in _eml_files(app) if f.endswith("reminder.eml")]
    assert len(promoted) == 1 and len(reminder) == 1
    for path in promoted + reminder:
        assert f"/r/{wait_token}" in _body(path)
        assert "use the private link in the first message" not in _body(path)
    assert client.get(f"/r/{wait_token}").status_code == 200
    with app.app_context():
        registration = db.session.scalar(select(Registration).where(Registration.email == "wait@example.org"))
        # The database holds the seed, never a working link: without SECRET_KEY it opens nothing.
        assert registration.manage_link_seed and wait_token not in registration.manage_link_seed
        for message in db.session.scalars(select(OutboxMessage)):
            assert wait_token not in (message.body or "")


def test_after_a_new_secret_key_later_messages_point_to_the_first_link_instead_of_a_broken_one(app, client, runner):
    _session(app, starts_in=timedelta(hours=10))
    response = _register(client, email="keyed@example.org")
    token = re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)
    app.config["SECRET_KEY"] = "a-new-secret-key-after-a-leak-0123456789"
    assert "Reminders queued: 1." in runner.invoke(args=["reminders", "send"]).output
    body = _body(next(f for f in _eml_files(app) if f.endswith("reminder.eml")))
    assert "/r/" not in body
    assert "use the private link in the first message" in body
    assert client.get(f"/r/{token}").status_code == 200  # the first link still works
