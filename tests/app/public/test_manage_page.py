"""The resident's private page: its link, cancelling, and what it says about the message."""
import re
import smtplib
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from support import empty_tables

from app.extensions import db
from app.models import ListeningSession, Registration, User
from app.models.types import utcnow
from app.services import ServiceError
from app.services.registration import registrations
from app.services.sessions import organize

BASE_URL = "https://listen.example.gov"


def make_session(app, starts_in=timedelta(days=5)):
    with app.app_context():
        engagement = organize.create_engagement(None, "east-side", "en", {"en": "East side listening"})
        starts = utcnow() + starts_in
        session = organize.create_session(None, engagement.id, dict(
            slug="park-talk", starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone="America/Los_Angeles", venue_name="Park Hall", venue_address="5 Elm Road", capacity=10,
        ), {"en": {"title": "Talk in the park", "description": ""}}, tables=["Table 1"],
            prompts=[{"en": "What matters?"}])
        organize.publish(None, session.id)
        return session.id


def form(email):
    return {"name": "Rosa Díaz", "preferred_language": "es", "email": email}


def register(client, data):
    return client.post("/sessions/park-talk/register", data=data)


def token_of(response):
    match = re.search(r"/r/([A-Za-z0-9_-]{43})", response.headers.get("Location", ""))
    assert match, response.data[:2000]
    return match.group(1)


@pytest.fixture
def app(make_app):
    app = make_app(HEARD_BASE_URL=BASE_URL)
    with app.app_context():
        empty_tables()
    yield app


# --- The private link comes from the configured address, never from the request ------------------

@pytest.mark.parametrize("host", ["evil.example", "evil.example:8443", "listen.example.gov.evil.example",
                                  "127.0.0.1:5000", "localhost"])
def test_the_private_link_ignores_a_hostile_host_header(app, client, host):
    make_session(app)
    token = token_of(register(client, form(email="host@example.org")))
    for path in (f"/r/{token}", f"/r/{token}?new=1"):
        page = client.get(path, headers={"Host": host}).get_data(as_text=True)
        assert f">{BASE_URL}/r/{token}</a>" in page
        links = re.findall(r"https?://[^\s\"<]+", page)
        assert all(link.startswith(BASE_URL) for link in links if "/r/" in link), links
        assert host.split(":")[0] + "/r/" not in page


def test_the_private_pages_let_their_forms_send_an_origin(app, client):
    """Under ``Referrer-Policy: no-referrer`` a browser posts the change and cancel forms with
    ``Origin: null``; ``same-origin`` still keeps the link from leaving the site."""
    make_session(app)
    token = token_of(register(client, form(email="origin@example.org")))
    for path in (f"/r/{token}", f"/r/{token}/change", f"/r/{token}/cancel"):
        assert client.get(path).headers["Referrer-Policy"] == "same-origin", path
    response = client.post(f"/r/{token}/cancel", data={"confirm": "y"},
                           headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Registration.status)) == "cancelled"


# --- Cancelling after the session has ended ---------------------------------------------------------

def _end_session(app, session_id):
    with app.app_context():
        past = utcnow() - timedelta(hours=1)
        db.session.execute(update(ListeningSession).where(ListeningSession.id == session_id).values(
            starts_at=past - timedelta(hours=2), ends_at=past))
        db.session.commit()


def _status(app):
    with app.app_context():
        return db.session.scalar(select(Registration.status))


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_a_cancellation_after_the_session_ended_is_refused_with_a_message(app, client, language):
    session_id = make_session(app, starts_in=timedelta(hours=1))
    token = token_of(register(client, form(email="late@example.org")))
    _end_session(app, session_id)
    client.get(f"/language/{language}")
    for method in ("GET", "POST"):
        response = client.open(f"/r/{token}/cancel", method=method, data={"confirm": "y"})
        assert response.status_code == 303
        assert response.headers["Location"].endswith(f"/r/{token}")
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        assert f'lang="{language}"' in page
        assert 'class="flash flash-error"' in page
    assert _status(app) == "confirmed"


def test_the_service_refuses_a_resident_but_lets_staff_correct_the_record(app, client, make_user):
    session_id = make_session(app, starts_in=timedelta(hours=1))
    register(client, form(email="late@example.org"))
    _end_session(app, session_id)
    organizer_id, _email = make_user("organizer")
    with app.test_request_context():
        registration_id = db.session.scalar(select(Registration.id))
        with pytest.raises(ServiceError):
            registrations.cancel(registration_id)  # a resident: no actor
        assert db.session.get(Registration, registration_id).status == "confirmed"
        registrations.cancel(registration_id, actor=db.session.get(User, organizer_id))
        assert db.session.get(Registration, registration_id).status == "cancelled"


def test_a_cancellation_before_the_end_still_works(app, client):
    make_session(app, starts_in=timedelta(hours=1))
    token = token_of(register(client, form(email="early@example.org")))
    assert client.post(f"/r/{token}/cancel", data={"confirm": "y"}).status_code == 303
    assert _status(app) == "cancelled"


# --- What the page says about the message ---------------------------------------------------------------

class Down:
    def __init__(self, error):
        self.error = error

    def __call__(self, *args, **kwargs):
        raise self.error


@pytest.mark.parametrize("error", [ConnectionRefusedError("down"), TimeoutError("timed out"),
                                   smtplib.SMTPServerDisconnected("gone"), OSError("no route to host")])
def test_when_mail_is_down_the_page_does_not_claim_it_was_sent(make_app, monkeypatch, error):
    app = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, HEARD_BASE_URL=BASE_URL)
    with app.app_context():
        empty_tables()
    monkeypatch.setattr(smtplib, "SMTP", Down(error))
    make_session(app)
    client = app.test_client()
    response = register(client, form(email="down@example.org"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We sent the details to you" not in page
    assert "The details are on their way to you" in page


def test_when_the_message_went_out_the_page_says_so(app, client):
    make_session(app)
    response = register(client, form(email="up@example.org"))
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "We sent the details to you" in page


def test_a_link_or_registration_that_does_not_exist_is_not_found(app, client):
    """find_by_token and the resident's writes raise NotFound; the pages answer 404."""
    from app.services import NotFound

    make_session(app)
    with app.test_request_context():
        for token in ("", "x" * 201, "not-a-token"):
            with pytest.raises(NotFound):
                registrations.find_by_token(token)
        for write in (registrations.cancel, registrations.erase_own):
            with pytest.raises(NotFound, match="We could not find this registration."):
                write(999_999)
        with pytest.raises(NotFound):
            registrations.update_details(999_999, {"name": "X", "email": "x@example.org"})
    for path in ("", "/calendar.ics", "/change", "/cancel", "/erase"):
        assert client.get(f"/r/not-a-token{path}").status_code == 404, path
    assert client.get("/sessions/no-such-session").status_code == 404
    assert client.get("/sessions/no-such-session/register").status_code == 404


def test_a_refusal_that_names_no_field_of_the_change_form_is_shown_above_it(app, client, monkeypatch):
    """show_error: a ServiceError whose field the form lacks is a message above the form
    (it used to be dropped without a word)."""
    make_session(app)
    token = token_of(register(client, form(email="rosa@example.org")))

    def refuse(*_args, **_kwargs):
        raise ServiceError("Nothing was changed: please try again.", field="no_such_field")

    monkeypatch.setattr(registrations, "update_details", refuse)
    response = client.post(f"/r/{token}/change", data=form(email="rosa@example.org"))
    assert response.status_code == 400
    assert 'class="flash flash-error">Nothing was changed: please try again.<' in response.text
