"""Registering, the waitlist, duplicates, the manage link, cancelling and promotion."""
import email
import email.policy
import os
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.extensions import db
from app.models import ListeningSession, OutboxMessage, Registration
from app.models.types import utcnow
from app.services.sessions import organize


def make_session(app, capacity=2, status="published", starts_in=timedelta(days=5), slug="park-talk", **extra):
    with app.app_context():
        engagement = organize.engagements()
        engagement = engagement[0] if engagement else organize.create_engagement(
            None, "east-side", "en", {"en": "East side listening", "es": "Escuchar al este"})
        starts = utcnow() + starts_in
        values = dict(slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2),
                      timezone="America/Los_Angeles", venue_name="Park Hall", venue_address="5 Elm Road",
                      capacity=capacity, interpretation_languages=["es", "ar"], childcare_offered=True)
        values.update(extra)
        session = organize.create_session(None, engagement.id, values, {
            "en": {"title": "Talk in the park", "description": "Bring a friend."},
            "es": {"title": "Charla en el parque", "description": "Traiga a un amigo."},
        }, tables=["Table 1"], prompts=[{"en": "What matters?", "es": "¿Qué importa?"}])
        if status != "draft":
            organize.publish(None, session.id)
        if status in ("cancelled", "closed"):
            (organize.cancel if status == "cancelled" else organize.close)(None, session.id)
        return session.id


def form(name="Rosa Díaz", email=None, phone=None, **extra):
    data = {"name": name, "preferred_language": "es"}
    if email:
        data["email"] = email
    if phone:
        data["phone"] = phone
    data.update(extra)
    return data


def register(client, data, slug="park-talk", **kwargs):
    return client.post(f"/sessions/{slug}/register", data=data, **kwargs)


def token_of(response):
    match = re.search(r"/r/([A-Za-z0-9_-]{43})", response.headers.get("Location", ""))
    assert match, response.data[:2000]
    return match.group(1)


def counts(app, session_id):
    with app.app_context():
        rows = db.session.execute(select(Registration.status, func.count()).where(
            Registration.session_id == session_id).group_by(Registration.status)).all()
        taken = db.session.get(ListeningSession, session_id).seats_taken
        return dict(rows), taken


def test_confirmed_then_waitlisted_with_position(app, client):
    session_id = make_session(app, capacity=1)
    first = register(client, form(email="a@example.org"))
    assert first.status_code == 303
    page = client.get(first.headers["Location"])
    assert "Your seat is confirmed." in page.text
    second = register(client, form(name="Li", email="b@example.org"))
    third = register(client, form(name="Mo", phone="+1 206 555 0199"))
    assert "Your place in line: 1." in client.get(second.headers["Location"]).text
    assert "Your place in line: 2." in client.get(third.headers["Location"]).text
    assert counts(app, session_id) == ({"confirmed": 1, "waitlisted": 2}, 1)


def test_form_errors_keep_what_was_typed_in_the_page_language(app, client):
    make_session(app)
    response = register(client, {"name": "", "dietary": "no nuts", "access_other": "quiet room",
                                 "preferred_language": "es", "children_ages": "two"})
    assert response.status_code == 400
    html = response.text
    assert 'id="name-error"' in html and 'aria-describedby="name-error"' in html
    assert "Please give an email address or a phone number" in html
    assert "no nuts" in html and "quiet room" in html and 'value="two"' in html
    assert "error-summary" in html


def test_preferred_language_defaults_to_the_page_language(app, client):
    make_session(app)
    client.get("/language/ar")
    html = client.get("/sessions/park-talk/register").text
    assert re.search(r'<option selected value="ar">|<option value="ar" selected>', html)


def test_same_contact_is_not_registered_twice_and_gets_its_link_again(app, client):
    session_id = make_session(app, capacity=5)
    assert register(client, form(email="Same@Example.org ")).status_code == 303
    again = register(client, form(name="Other name", email="same@example.org"))
    assert again.status_code == 200
    assert "Check your messages" in again.text and "Your seat is confirmed" not in again.text
    by_phone = register(client, form(phone="206-555-0100"))
    assert by_phone.status_code == 303
    assert register(client, form(phone="(206) 555 0100")).status_code == 200
    assert counts(app, session_id) == ({"confirmed": 2}, 2)
    with app.app_context():  # just registered: the confirmation carrying the link is on its way
        assert sorted(db.session.scalars(select(OutboxMessage.kind))) == ["confirmation", "confirmation"]
        db.session.execute(update(Registration).values(created_at=utcnow() - timedelta(days=1)))
        db.session.commit()
    assert register(client, form(email="same@example.org")).status_code == 200
    assert register(client, form(phone="206 555 0100")).status_code == 200
    with app.app_context():
        kinds = sorted(db.session.scalars(select(OutboxMessage.kind)))
        assert kinds == ["confirmation", "confirmation", "link_again", "link_again"]


@pytest.mark.parametrize("status", ["draft", "cancelled", "closed"])
def test_direct_post_to_a_session_not_open_is_refused(app, client, status):
    session_id = make_session(app, status=status)
    response = register(client, form(email="x@example.org"))
    assert response.status_code in (404, 409)
    assert counts(app, session_id) == ({}, 0)


def test_direct_post_to_a_past_or_not_yet_open_session_is_refused(app, client):
    past = make_session(app, slug="gone", starts_in=timedelta(days=-2))
    later = make_session(app, slug="later", registration_opens_at=utcnow() + timedelta(days=1))
    closed = make_session(app, slug="shut", registration_closes_at=utcnow() - timedelta(hours=1))
    for slug, session_id in (("gone", past), ("later", later), ("shut", closed)):
        response = register(client, form(email="x@example.org"), slug=slug)
        assert response.status_code == 409, slug
        assert "Nothing was saved." in response.text
        assert counts(app, session_id) == ({}, 0)


def test_honeypot_stores_nothing(app, client):
    session_id = make_session(app)
    response = register(client, form(email="bot@example.org", website="http://spam.example"))
    assert response.status_code == 400
    assert counts(app, session_id) == ({}, 0)


def test_manage_link_is_long_random_and_only_shows_its_own_registration(app, client):
    make_session(app, capacity=5)
    token_a = token_of(register(client, form(name="Alma Secret", email="alma@example.org")))
    token_b = token_of(register(client, form(name="Bea Private", email="bea@example.org")))
    assert len(token_a) >= 43 and token_a != token_b  # 32 random bytes, base64url
    page_a = client.get(f"/r/{token_a}")
    assert "Alma Secret" in page_a.text and "Bea Private" not in page_a.text
    assert page_a.headers["Cache-Control"] == "no-store"
    assert client.get(f"/r/{token_a[:-1]}x").status_code == 404
    assert client.get("/r/not-a-token").status_code == 404
    with app.app_context():
        stored = db.session.scalars(select(Registration.manage_token_hash)).all()
        assert token_a not in stored and token_b not in stored and all(len(h) == 64 for h in stored)


def test_change_needs_through_the_manage_link(app, client):
    make_session(app, capacity=5)
    token = token_of(register(client, form(email="c@example.org")))
    page = client.get(f"/r/{token}/change")
    assert 'value="c@example.org"' in page.text
    response = client.post(f"/r/{token}/change", data=form(
        email="c@example.org", interpretation_language="es", access_needs=["asl", "large_print"],
        childcare_needed="y", children_ages="3, 9", dietary="halal"))
    assert response.status_code == 303
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert registration.access_needs == ["asl", "large_print"]
        assert registration.children_ages == [3, 9] and registration.children_count == 2
        assert registration.interpretation_language == "es" and registration.dietary == "halal"


def test_cancel_frees_the_seat_and_promotes_the_first_waitlisted_once(app, client):
    session_id = make_session(app, capacity=1)
    seated = token_of(register(client, form(email="first@example.org")))
    token_of(register(client, form(name="Second", email="second@example.org")))
    token_of(register(client, form(name="Third", email="third@example.org")))
    assert client.post(f"/r/{seated}/cancel", data={}).status_code == 400  # must tick the box
    assert client.post(f"/r/{seated}/cancel", data={"confirm": "y"}).status_code == 303
    assert client.post(f"/r/{seated}/cancel", data={"confirm": "y"}).status_code == 303  # twice: no-op
    assert counts(app, session_id) == ({"cancelled": 1, "confirmed": 1, "waitlisted": 1}, 1)
    with app.app_context():
        second = db.session.scalar(select(Registration).where(Registration.email_key == "second@example.org"))
        assert second.status == "confirmed"
        promoted = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "promoted")).all()
        assert [m.registration_id for m in promoted] == [second.id]
    assert "Your registration is cancelled" in client.get(f"/r/{seated}").text


def test_cancelling_a_waitlisted_registration_keeps_the_seat_count(app, client):
    session_id = make_session(app, capacity=1)
    register(client, form(email="first@example.org"))
    waiting = token_of(register(client, form(name="W", email="w@example.org")))
    client.post(f"/r/{waiting}/cancel", data={"confirm": "y"})
    assert counts(app, session_id) == ({"cancelled": 1, "confirmed": 1}, 1)


def test_csrf_is_required_when_enabled(app, make_app):  # app: empties the tables
    app = make_app(WTF_CSRF_ENABLED=True)  # noqa: F811
    client = app.test_client()
    make_session(app)
    response = register(client, form(email="csrf@example.org"))
    assert response.status_code == 400
    from support import csrf_token

    token = csrf_token(client.get("/sessions/park-talk/register").text)
    response = register(client, {**form(email="csrf@example.org"), "csrf_token": token})
    assert response.status_code == 303


def _csrf(html):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_the_shared_empty_form_gives_each_visitor_a_working_token_and_shows_a_full_session(make_app):
    """The empty form is rendered once per session and language and shared; each visitor still
    gets their own CSRF token, and a registration that fills the session shows at once."""
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        from support import empty_tables

        empty_tables()
    make_session(app, capacity=1)
    first, second = app.test_client(), app.test_client()
    page_one = first.get("/sessions/park-talk/register").text
    page_two = second.get("/sessions/park-talk/register").text
    assert "heard-csrf-token-placeholder" not in page_two and "Join the waitlist" not in page_two
    token_one, token_two = _csrf(page_one), _csrf(page_two)
    assert token_one != token_two
    assert register(second, form(email="two@example.org", csrf_token=token_one)).status_code == 400  # not theirs
    response = register(second, form(email="two@example.org", csrf_token=token_two))
    assert response.status_code == 303
    page_three = app.test_client().get("/sessions/park-talk/register").text
    assert "Join the waitlist" in page_three  # the seat just taken shows, in this process at once
    assert register(first, form(email="one@example.org", csrf_token=token_one)).status_code == 303
    with app.app_context():
        assert sorted(db.session.scalars(select(Registration.status)).all()) == ["confirmed", "waitlisted"]


def test_messages_are_rendered_when_sent_and_the_row_never_holds_a_working_link(make_app):
    """The request stores what to write; the send job writes it in the resident's language,
    with a manage link that opens their registration."""
    app = make_app(HEARD_QUEUE="db")
    with app.app_context():
        from support import empty_tables

        empty_tables()
    make_session(app, capacity=1)
    client = app.test_client()
    token = token_of(register(client, form(email="rosa@example.org")))
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "pending" and message.subject == "" and token not in message.body
        from app.platform import jobs, outbox

        assert jobs.work(once=True) == 1  # the send job committed with the registration
        sent = db.session.scalar(select(OutboxMessage))
        assert sent.status == "sent" and "Charla en el parque" in sent.subject
        assert token not in sent.body and "/r/[removed]" in sent.body and "BEGIN:VCALENDAR" in sent.attachment
        assert outbox.PENDING not in sent.body
    folder = app.config["OUTBOX_DIR"]
    [eml] = [name for name in os.listdir(folder) if name.endswith(".eml")]
    with open(os.path.join(folder, eml), "rb") as handle:
        body = email.message_from_binary_file(handle, policy=email.policy.default).get_body(("plain",)).get_content()
    assert f"/r/{token}" in body
    assert client.get(f"/r/{token}").status_code == 200


# --- The calendar entry on the manage page ------------------------------------------------

def _cancel_by(how, app, client, token):
    if how == "resident":
        assert client.post(f"/r/{token}/cancel", data={"confirm": "y"}).status_code == 303
    else:  # an organizer cancels it from the roster
        from app.services.registration import registrations

        with app.app_context():
            registration = registrations.find_by_token(token)
            registrations.cancel(registration.id)


@pytest.mark.parametrize("how", ["resident", "organizer"])
def test_a_cancelled_registration_offers_no_calendar_entry(app, client, how):
    make_session(app, capacity=1)
    seated = token_of(register(client, form(email="seated@example.org")))
    waiting = token_of(register(client, form(name="Waits", email="waits@example.org")))
    for token in (seated, waiting):  # confirmed and waitlisted people may add it
        assert f"/r/{token}/calendar.ics" in client.get(f"/r/{token}").text
        calendar = client.get(f"/r/{token}/calendar.ics")
        assert calendar.status_code == 200 and calendar.mimetype == "text/calendar"
        assert "BEGIN:VEVENT" in calendar.text and "STATUS:CONFIRMED" in calendar.text
        assert calendar.headers["Cache-Control"] == "no-store"
        assert calendar.headers["Referrer-Policy"] == "same-origin"  # as the manage page
    _cancel_by(how, app, client, seated)
    page = client.get(f"/r/{seated}").text
    assert "calendar.ics" not in page and "Add to my calendar" not in page
    refused = client.get(f"/r/{seated}/calendar.ics")
    assert refused.status_code == 404 and "BEGIN:VCALENDAR" not in refused.text
    assert "nothing to add to your calendar" in refused.text
    assert refused.headers["Cache-Control"] == "no-store"


def test_a_cancelled_session_offers_no_calendar_entry_on_the_manage_page(app, client):
    session_id = make_session(app, capacity=3)
    token = token_of(register(client, form(email="rosa@example.org")))
    with app.app_context():
        organize.cancel(None, session_id)
    assert "calendar.ics" not in client.get(f"/r/{token}").text
    # The file itself still says CANCELLED, so a calendar that has it can update it.
    assert "STATUS:CANCELLED" in client.get(f"/r/{token}/calendar.ics").text


# --- Changing one's details sends the "updated" message ------------------------------------

def _messages(app, kind="updated"):
    with app.app_context():
        return db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                  .order_by(OutboxMessage.id)).all()


def test_changing_ones_details_sends_a_message_in_the_residents_language(app, client):
    make_session(app, capacity=5)
    token = token_of(register(client, form(email="rosa@example.org")))  # messages in Spanish
    assert _messages(app) == []
    response = client.post(f"/r/{token}/change", data=form(
        email="rosa@example.org", preferred_language="ar", access_needs=["wheelchair"]))
    assert response.status_code == 303
    [message] = _messages(app)
    assert message.status == "sent" and message.recipient == "rosa@example.org"
    assert message.language == "ar"  # the language just chosen
    assert message.subject.startswith("حُدِّث تسجيلك")
    assert "/r/[removed]" in message.body  # it carried the private link to check the change
    # Saving the same details again changes nothing and sends nothing.
    client.post(f"/r/{token}/change", data=form(
        email="rosa@example.org", preferred_language="ar", access_needs=["wheelchair"]))
    assert len(_messages(app)) == 1
    # A phone-only resident gets it as a text message.
    client.post(f"/r/{token}/change", data=form(phone="+1 206 555 0101", preferred_language="ar"))
    assert [m.channel for m in _messages(app)] == ["email", "sms"]


def test_the_updated_message_is_queued_with_the_change_and_not_without_it(make_app):
    """Queued in the change's transaction, with its send job: a refused change queues nothing."""
    app = make_app(HEARD_QUEUE="db")
    with app.app_context():
        from support import empty_tables

        empty_tables()
    make_session(app, capacity=5)
    client = app.test_client()
    token = token_of(register(client, form(email="rosa@example.org")))
    register(client, form(name="Other", email="other@example.org"))
    from app.models import Job
    from app.platform import jobs

    with app.app_context():
        jobs.work(once=True)
        jobs_before = db.session.scalar(select(func.count(Job.id)))
    # Taking another registration's address is refused: no message, no job.
    refused = client.post(f"/r/{token}/change", data=form(email="other@example.org"))
    assert refused.status_code == 400 and _messages(app) == []
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id))) == jobs_before
    client.post(f"/r/{token}/change", data=form(email="rosa@example.org", dietary="vegetarian"))
    [message] = _messages(app)
    assert message.status == "pending"
    with app.app_context():
        assert db.session.scalar(select(func.count(Job.id))) == jobs_before + 1
        assert jobs.work(once=True) == 1
    [message] = _messages(app)
    assert message.status == "sent" and message.language == "es"
    assert message.subject.startswith("Se actualizó su inscripción")


def test_an_organizers_correction_tells_the_resident_too(app, client, signed_in):
    make_session(app, capacity=5)
    token = token_of(register(client, form(email="rosa@example.org")))
    with app.app_context():
        from app.services.registration import registrations

        registration_id = registrations.find_by_token(token).id
    signed_in("organizer")
    response = client.post(f"/admin/registrations/{registration_id}", data={
        "name": "Rosa Díaz", "email": "rosa.diaz@example.org", "phone": "",
        "preferred_language": "es", "access_other": "", "dietary": ""})
    assert response.status_code == 303, response.text[:500]
    [message] = _messages(app)
    assert message.status == "sent" and message.recipient == "rosa.diaz@example.org"
