"""A repeated address learns nothing about its registration; "send me my private link again"
sends the link to the address on file, answers the same whether or not it is registered, and
is rate-limited per network address and per email or phone."""
import email
import email.policy
import os
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import OutboxMessage, Registration
from app.models.types import utcnow
from app.platform import outbox
from app.services.sessions import organize


def _session(app, slug="west-hall", capacity=1, title="West Hall"):
    with app.app_context():
        engagement = organize.engagements()
        engagement = engagement[0] if engagement else organize.create_engagement(
            None, "west", "en", {"en": "West"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Hall", venue_address="3 Pine St", capacity=capacity, childcare_offered=True,
        ), {"en": {"title": title}, "es": {"title": f"{title} (es)"}})
        organize.publish(None, session.id)
        return session.id


def _post(client, path, data, **kwargs):
    response = client.post(path, data=data, **kwargs)
    response.close()  # the response is done: messages go out now
    return response


def _register(client, slug="west-hall", **data):
    return _post(client, f"/sessions/{slug}/register", {"name": "Rosa", "preferred_language": "en", **data})


def _registered_long_ago(app):
    """Registrations made a day ago (one made a moment ago has just been sent its link)."""
    with app.app_context():
        db.session.execute(update(Registration).values(created_at=utcnow() - timedelta(days=1)))
        db.session.commit()


def _neutral(html):
    """The page without what differs per visitor (the CSRF token)."""
    return re.sub(r'name="csrf_token" type="hidden" value="[^"]+"', "", html)


def _messages(app, kind="link_again"):
    with app.app_context():
        return db.session.execute(select(OutboxMessage.channel, OutboxMessage.recipient, OutboxMessage.language,
                                         OutboxMessage.registration_id)
                                  .where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)).all()


def _files(app, suffix):
    folder = app.config["OUTBOX_DIR"]
    found = []
    for root, _dirs, names in os.walk(folder):
        found += [os.path.join(root, n) for n in names if n.endswith(suffix)]
    return sorted(found)


REVEALING = ("seat is confirmed", "waitlist", "place in line", "Cancelled", "Attended", "You are already registered")


def test_a_repeated_address_learns_nothing_about_the_registration(app, client):
    _session(app, capacity=1)
    assert _register(client, email="first@example.org").status_code == 303  # confirmed
    assert _register(client, email="second@example.org", name="Li").status_code == 303  # waitlisted
    assert _register(client, phone="206 555 0100", name="Mo").status_code == 303  # waitlisted, 2nd in line
    with app.app_context():
        third = db.session.scalar(select(Registration).where(Registration.phone_key == "2065550100"))
        third.status = "cancelled"
        db.session.commit()
    _registered_long_ago(app)
    answers = [
        _register(client, email="FIRST@example.org ", name="Someone else", dietary="none"),
        _register(client, email="second@example.org", name="Li"),
        _register(client, phone="(206) 555-0100"),
        _register(client, email="new-address@example.org", phone="206.555.0100"),  # the phone matches
    ]
    assert {a.status_code for a in answers} == {200}
    pages = {_neutral(a.text) for a in answers}
    assert len(pages) == 1  # the same page, whatever the status of the registration
    page = pages.pop()
    assert "Check your messages" in page
    for word in REVEALING + ("Rosa", "Li", "Mo", "first@example.org", "0100"):
        assert word not in page, word
    # Nothing was registered or changed; each address on file got its private link again.
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 3
        assert db.session.scalar(select(Registration.name).where(Registration.email_key == "first@example.org")) == "Rosa"
    sent = _messages(app)
    assert [(channel, recipient) for channel, recipient, _l, _r in sent] == [
        ("email", "first@example.org"), ("email", "second@example.org"), ("sms", "206 555 0100"),
        ("sms", "206 555 0100")]


def test_the_link_sent_again_opens_the_registration_in_the_residents_language(app, client):
    _session(app, capacity=3)
    first = _register(client, email="rosa@example.org", preferred_language="es")
    token = re.search(r"/r/([^?]+)", first.headers["Location"]).group(1)
    client.get("/language/en")
    _registered_long_ago(app)
    assert _register(client, email="rosa@example.org").status_code == 200
    [(channel, recipient, language, _id)] = _messages(app)
    assert (channel, recipient, language) == ("email", "rosa@example.org", "es")
    [path] = [f for f in _files(app, ".eml") if f.endswith("link_again.eml")]
    with open(path, "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert "(es)" in message["Subject"]  # the title in the resident's language
    body = message.get_body(("plain",)).get_content()
    assert f"/r/{token}" in body  # the same private link as in the first message
    assert "Rosa" in client.get(f"/r/{token}").text
    with app.app_context():  # the sent copy keeps no working link
        stored = db.session.scalar(select(OutboxMessage.body).where(OutboxMessage.kind == "link_again"))
        assert token not in stored and "/r/[removed]" in stored


def test_a_phone_gets_its_link_by_text_message(app, client):
    _session(app, capacity=3)
    first = _register(client, phone="206-555-0142", email="both@example.org")
    token = re.search(r"/r/([^?]+)", first.headers["Location"]).group(1)
    response = _post(client, "/private-link", {"contact": "(206) 555 0142"})
    assert response.status_code == 200
    [(channel, recipient, _language, _id)] = _messages(app)
    assert (channel, recipient) == ("sms", "206-555-0142")  # the contact that was typed
    [path] = [f for f in _files(app, ".txt") if f.endswith("link_again.txt")]
    with open(path, encoding="utf-8") as handle:
        assert f"/r/{token}" in handle.read()


def test_a_double_click_sends_no_second_message(app, client):
    _session(app, capacity=3)
    assert _register(client, email="quick@example.org").status_code == 303
    for _ in range(3):  # the second click, a second tab, the back button and send again
        again = _register(client, email="quick@example.org")
        assert again.status_code == 200 and "Check your messages" in again.text
    assert _messages(app) == []
    assert len(_messages(app, "confirmation")) == 1
    # Asking on purpose still sends it.
    assert _post(client, "/private-link", {"contact": "quick@example.org"}).status_code == 200
    assert len(_messages(app)) == 1


def test_the_form_answers_the_same_whether_or_not_the_address_is_registered(app, client):
    _session(app, slug="one", capacity=3)
    _session(app, slug="two", capacity=3, title="Second")
    assert _register(client, slug="one", email="known@example.org").status_code == 303
    assert _register(client, slug="two", email="known@example.org").status_code == 303
    form = client.get("/private-link")
    assert form.status_code == 200 and 'name="contact"' in form.text
    assert "/private-link" in client.get("/sessions/one/register").text  # offered on the form
    known = _post(client, "/private-link", {"contact": " Known@Example.org"})
    unknown = _post(client, "/private-link", {"contact": "stranger@example.org"})
    unknown_phone = _post(client, "/private-link", {"contact": "+1 (206) 555-0199"})
    assert known.status_code == unknown.status_code == unknown_phone.status_code == 200
    assert _neutral(known.text) == _neutral(unknown.text) == _neutral(unknown_phone.text)
    sent = _messages(app)
    assert len(sent) == 2 and {r for _c, r, _l, _i in sent} == {"known@example.org"}
    assert len({i for _c, _r, _l, i in sent}) == 2  # one link for each registration


def test_erased_registrations_get_nothing(app, client):
    _session(app, capacity=3)
    assert _register(client, email="gone@example.org").status_code == 303
    with app.app_context():
        db.session.execute(update(Registration).values(personal_data_erased_at=utcnow()))
        db.session.commit()
    assert _post(client, "/private-link", {"contact": "gone@example.org"}).status_code == 200
    assert _messages(app) == []


def test_a_link_the_key_no_longer_makes_is_replaced_by_one_that_opens(app, client, make_app):
    _session(app, capacity=3)
    first = _register(client, email="rosa@example.org")
    old_token = re.search(r"/r/([^?]+)", first.headers["Location"]).group(1)
    rotated = make_app(SECRET_KEY="another-secret-key-after-a-rotation")
    assert _post(rotated.test_client(), "/private-link", {"contact": "rosa@example.org"}).status_code == 200
    [path] = [f for f in _files(rotated, ".eml") if f.endswith("link_again.eml")]
    with open(path, "rb") as handle:
        body = email.message_from_binary_file(handle, policy=email.policy.default).get_body(("plain",)).get_content()
    new_token = re.search(r"/r/([A-Za-z0-9_-]{43})", body).group(1)
    assert new_token != old_token
    assert rotated.test_client().get(f"/r/{new_token}").status_code == 200
    assert rotated.test_client().get(f"/r/{old_token}").status_code == 404


@pytest.mark.parametrize("typed", [
    "", "   ", "not an address", "12345", "a@b", "name@", "@example.org", "x" * 300 + "@example.org",
    "206-555-01ab", "1" * 40, "\u202e@example.org", "\x00\x01", "+1 206 555 0100; DROP TABLE",
])
def test_the_form_refuses_what_is_not_an_address_with_a_message(app, client, typed):
    response = _post(client, "/private-link", {"contact": typed})
    assert response.status_code == 400
    assert 'id="contact-error"' in response.text and 'role="alert"' in response.text
    assert _messages(app) == []


def test_the_form_is_served_in_the_visitors_language(app, client):
    response = client.get("/private-link", headers={"Accept-Language": "ar"})
    assert 'lang="ar"' in response.text and 'dir="rtl"' in response.text
    refused = _post(client, "/private-link", {"contact": "nope"}, headers={"Accept-Language": "es"})
    assert refused.status_code == 400 and 'lang="es"' in refused.text


def test_sending_again_is_limited_per_contact_and_per_network_address(make_app):
    app = make_app(LINK_RESEND_LIMIT_PER_CONTACT=(2, 3600), LINK_RESEND_LIMIT_PER_ADDRESS=(7, 3600))
    with app.app_context():
        from support import empty_tables

        empty_tables()
    _session(app, capacity=3)
    client = app.test_client()
    assert _register(client, email="known@example.org").status_code == 303
    for contact in ("known@example.org", "stranger@example.org"):  # the same, registered or not
        statuses = [_post(client, "/private-link", {"contact": contact}).status_code for _ in range(3)]
        assert statuses == [200, 200, 429], contact
    assert len(_messages(app)) == 2  # a registered address gets at most two messages an hour
    # A repeated registration sends the link again too, within the same limit; over it, the
    # answer is the same and the messages already sent are the answer.
    _registered_long_ago(app)
    repeated = _register(client, email="known@example.org")
    assert repeated.status_code == 200 and "Check your messages" in repeated.text
    assert len(_messages(app)) == 2
    # Per network address: 6 tries so far from this address (refused ones count), one more.
    assert _post(client, "/private-link", {"contact": "third@example.org"}).status_code == 200
    last = _post(client, "/private-link", {"contact": "fourth@example.org"})
    assert last.status_code == 429 and 0 < int(last.headers["Retry-After"]) <= 3600
    assert "Too many tries" in last.text and 'value="fourth@example.org"' in last.text
    other = _post(client, "/private-link", {"contact": "fourth@example.org"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 200
    assert len(_messages(app)) == 2


def test_send_links_again_is_one_transaction_through_the_outbox(app):
    _session(app, capacity=3)
    with app.app_context(), app.test_request_context():
        from app.services.registration import registrations

        registration = registrations.register(_first_session_id(), {
            "name": "Ana", "email": "ana@example.org", "preferred_language": "vi"})
        assert registration.created
        ids = registrations.send_links_again(email="ANA@example.org")
        assert len(ids) == 1
        message = db.session.get(OutboxMessage, ids[0])
        assert message.kind == "link_again" and message.language == "vi" and message.status == "pending"
        assert outbox.PENDING in message.body  # rendered when sent, in the resident's language
        assert registrations.send_links_again(email="nobody@example.org") == []
        assert registrations.send_links_again() == []


def _first_session_id():
    from app.models import ListeningSession

    return db.session.scalar(select(ListeningSession.id).order_by(ListeningSession.id).limit(1))
