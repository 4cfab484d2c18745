""""You said, we did": one message per consenting resident per period, in their language, none
for those who did not consent, were erased or unsubscribed; one-click unsubscribe; the trail on
the resident's private page."""
from datetime import date, timedelta

import pytest
from loop_data import build_loop
from sqlalchemy import select
from support import publish_report

from app.extensions import db
from app.models import ActionItem, AuditEntry, OutboxMessage, Registration, Theme, User
from app.models.types import utcnow
from app.platform import outbox
from app.services.policy import digests, responses
from app.services.registration import erasure
from app.services.registration.registrations import hash_token

PEOPLE = {  # name: (language, consent, email)
    "ana": ("es", True, "ana@example.org"),
    "li": ("zh", True, None),
    "sam": ("en", False, "sam@example.org"),
    "omar": ("ar", True, "omar@example.org"),
}


@pytest.fixture
def loop(app):
    data = build_loop(app)
    with app.app_context():
        people, tokens = {}, {}
        for name, (language, consent, email) in PEOPLE.items():
            seed = outbox.new_link_seed()
            tokens[name] = outbox.manage_token(seed)
            registration = Registration(
                session_id=data["session"], name=name.title(), email=email, email_key=email,
                phone=None if email else "+15550100", phone_key=None if email else "15550100",
                preferred_language=language, consent_followup=consent, status="attended",
                manage_token_hash=hash_token(tokens[name]), manage_link_seed=seed)
            db.session.add(registration)
            db.session.flush()
            people[name] = registration.id
        db.session.commit()
    return {**data, "people": people, "tokens": tokens}


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _digests(app):
    with app.app_context():
        return {m.registration_id: m for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "digest").order_by(OutboxMessage.id))}


def _answer(app, loop, analyst):
    with app.test_request_context():
        theme = db.session.get(Theme, loop["themes"]["Dark streets"])
        responses.save_response(db.session.get(User, analyst), theme, state="adopted", reason="Lamps fixed.",
                                answered_by="Public Works")


def test_publishing_sends_one_digest_to_each_consenting_resident_in_their_language(app, client, loop, analyst):
    _answer(app, loop, analyst)
    with app.test_request_context():
        erasure.erase_registrations([loop["people"]["omar"]], reason="request")
        db.session.commit()
    assert publish_report(client, loop["run"], {"title": "Heard"}).status_code == 302
    sent = _digests(app)
    people = loop["people"]
    assert set(sent) == {people["ana"], people["li"]}  # not Sam (no consent), not Omar (erased)
    ana, li = sent[people["ana"]], sent[people["li"]]
    assert ana.status == "sent" and ana.channel == "email" and ana.language == "es"
    assert ana.body.startswith("Hola, Ana:")  # in her language
    assert "Lamps fixed." in ana.body and "Dark streets" in ana.body and "/unsubscribe/" in ana.body
    assert "/r/[removed]" in ana.body and "Sam" not in ana.body
    assert li.channel == "sms" and len(li.body) < 400 and "/unsubscribe/" in li.body
    # A second run in the same period sends nothing new.
    with app.test_request_context():
        assert digests.queue_digests() == []


def test_later_changes_wait_two_weeks_then_send_one_more(app, client, loop, analyst):
    publish_report(client, loop["run"], {"title": "Heard"})
    first = _digests(app)
    assert len(first) == 3  # Ana, Li, Omar: Sam did not consent
    _answer(app, loop, analyst)
    with app.test_request_context():
        assert digests.queue_digests() == []  # changed, but within two weeks of the last message
        assert digests.queue_digests(now=utcnow() + timedelta(days=15)) and len(_digests_all(app)) == 6
        assert digests.queue_digests(now=utcnow() + timedelta(days=15)) == []  # once per change
        # Nothing changed since: no message even after another period.
        assert digests.queue_digests(now=utcnow() + timedelta(days=40)) == []
        item = db.session.get(ActionItem, loop["item"])
        item.status = "complete"
        db.session.commit()
        assert len(digests.queue_digests(now=utcnow() + timedelta(days=40))) == 3


def _digests_all(app):
    with app.app_context():
        return db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()


def test_one_click_unsubscribe_needs_no_account(app, client, loop):
    ana = loop["people"]["ana"]
    with app.test_request_context():
        url = digests.unsubscribe_url(ana)
    path = url[url.index("/unsubscribe/"):]
    public = app.test_client()
    page = public.get(path)
    assert page.status_code == 200 and b"<form method=\"post\"" in page.data
    assert page.headers["Cache-Control"] == "no-store"
    with app.app_context():
        assert db.session.get(Registration, ana).consent_followup  # GET changes nothing
    # RFC 8058: the mail program posts List-Unsubscribe=One-Click, with no CSRF token.
    done = public.post(path, data={"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    with app.app_context():
        assert not db.session.get(Registration, ana).consent_followup
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.unsubscribe"))
    for bad in (path[:-2] + "xx", f"/unsubscribe/{loop['people']['li']}/" + path.rsplit("/", 1)[1]):
        assert public.get(bad).status_code == 404 and public.post(bad).status_code == 404


def test_unsubscribed_residents_get_nothing_and_mail_carries_the_headers(app, client, loop, analyst):
    public = app.test_client()
    with app.test_request_context():
        url = digests.unsubscribe_url(loop["people"]["ana"])
    public.post(url[url.index("/unsubscribe/"):])
    publish_report(client, loop["run"], {"title": "Heard"})
    assert set(_digests(app)) == {loop["people"]["li"], loop["people"]["omar"]}
    with app.test_request_context():
        registration = db.session.get(Registration, loop["people"]["li"])
        registration.email, registration.consent_followup = "li@example.org", True
        message = outbox.queue("digest", registration, dedupe_key="digest:test", link_seed=None)
        db.session.commit()
        rendered = outbox.render(db.session.get(OutboxMessage, message.id))
        email = outbox.build_email(rendered, app.config)
        assert email["List-Unsubscribe"].startswith("<http") and "/unsubscribe/" in email["List-Unsubscribe"]
        assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_private_link_shows_the_trail_after_the_session(app, client, loop, analyst):
    public = app.test_client()
    token = loop["tokens"]["ana"]
    assert "What came of your session" not in public.get(f"/r/{token}").get_data(as_text=True)
    _answer(app, loop, analyst)
    with app.test_request_context():
        theme = db.session.get(Theme, loop["themes"]["Buses late"])
        responses.save_response(db.session.get(User, analyst), theme, state="under_consideration",
                                reason="Studying the route.", decision_due=date.today() + timedelta(days=30))
    publish_report(client, loop["run"], {"title": "Heard"})
    page = public.get(f"/r/{token}").get_data(as_text=True)
    assert "What came of your session" in page
    assert "Lamps fixed." in page and "Studying the route." in page and "Fix the lamps" in page
    assert "In progress" in page or "En curso" in page or "in_progress" not in page
    # Nothing about other residents.
    assert "Sam" not in page and "Omar" not in page and "li@example.org" not in page


def test_a_digest_queued_before_unsubscribing_is_not_sent(app, client, loop):
    with app.test_request_context():
        registration = db.session.get(Registration, loop["people"]["ana"])
        reports_published = publish_report(client, loop["run"], {"title": "Heard"})
        assert reports_published.status_code == 302
        message = outbox.queue("digest", registration, dedupe_key="digest:late", link_seed=None)
        db.session.commit()
        assert digests.unsubscribe(registration.id, digests.unsubscribe_token(registration.id))
        outbox.send_pending(ids=[message.id])
        assert db.session.get(OutboxMessage, message.id).status != "sent"
