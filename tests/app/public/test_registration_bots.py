"""Bots on the registration form: a form sent faster than any person fills it in comes back
(everything typed kept) and is logged; a filled-in hidden field is refused and logged. The
minimum is REGISTRATION_MIN_FILL_SECONDS (0 in the other tests); no test here sleeps: the
signed time the form was loaded is made with a chosen clock."""
import logging
import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from support import empty_tables

from app.extensions import db
from app.models import Registration
from app.models.types import utcnow
from app.public import forms
from app.services.sessions import organize

MINIMUM = 3


@pytest.fixture
def bot_app(make_app):
    app = make_app(REGISTRATION_MIN_FILL_SECONDS=MINIMUM)
    with app.app_context():
        empty_tables()
        engagement = organize.create_engagement(None, "north", "en", {"en": "North"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug="north-hall", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="North Hall", venue_address="1 Oak St", capacity=10, childcare_offered=True,
        ), {"en": {"title": "North Hall"}})
        organize.publish(None, session.id)
    return app


def _stamp(app, seconds_ago):
    with app.app_context():
        return forms.loaded_stamp(now=time.time() - seconds_ago)


def _loaded(html):
    match = re.search(r'id="loaded" name="loaded" type="hidden" value="([^"]*)"', html) or re.search(
        r'name="loaded" type="hidden" value="([^"]*)"', html)
    assert match, "no loaded time in the form"
    return match.group(1)


DETAILS = {"name": "Rosa Díaz", "email": "rosa@example.org", "phone": "206 555 0100", "preferred_language": "es",
           "childcare_needed": "y", "children_count": "2", "children_ages": "3, 7", "access_needs": ["asl", "other"],
           "access_other": "a quiet corner", "dietary": "no peanuts", "heard_from": "library",
           "consent_followup": "y", "website": ""}


def _registrations(app):
    with app.app_context():
        return db.session.scalar(select(func.count(Registration.id)))


def test_a_form_sent_at_once_comes_back_with_everything_typed(bot_app, caplog):
    client = bot_app.test_client()
    loaded = _loaded(client.get("/sessions/north-hall/register").text)
    with caplog.at_level(logging.WARNING):
        response = client.post("/sessions/north-hall/register", data={**DETAILS, "loaded": loaded})
    assert response.status_code == 400
    html = response.text
    assert "Please check your details once more, then send the form again." in html
    assert 'role="alert"' in html
    for kept in ('value="Rosa Díaz"', 'value="rosa@example.org"', 'value="206 555 0100"', 'value="3, 7"',
                 "a quiet corner", "no peanuts", 'value="asl"', '<option selected value="library">'):
        assert kept in html, kept
    assert _registrations(bot_app) == 0
    # Logged, without anything the person typed.
    [line] = [r.getMessage() for r in caplog.records if "registration refused" in r.getMessage()]
    assert "after the form was loaded" in line and "minimum 3" in line
    for personal in ("Rosa", "rosa@example.org", "0100", "peanuts", "127.0.0.1"):
        assert personal not in line
    # The form given back carries a fresh, valid loaded time: sending it later is stored.
    fresh = _loaded(html)
    with bot_app.app_context():
        assert forms.seconds_since_loaded(fresh) is not None
    later = client.post("/sessions/north-hall/register", data={**DETAILS, "loaded": _stamp(bot_app, MINIMUM + 1)})
    assert later.status_code == 303 and _registrations(bot_app) == 1


def test_a_form_filled_in_at_a_persons_pace_is_stored(bot_app):
    client = bot_app.test_client()
    response = client.post("/sessions/north-hall/register", data={**DETAILS, "loaded": _stamp(bot_app, MINIMUM + 0.5)})
    assert response.status_code == 303
    long_ago = client.post("/sessions/north-hall/register", data={
        "name": "Li", "email": "li@example.org", "preferred_language": "en", "loaded": _stamp(bot_app, 6 * 3600)})
    assert long_ago.status_code == 303  # a form left open for an evening still goes through
    assert _registrations(bot_app) == 2


def _other_key_stamp(make_app):
    other = make_app(SECRET_KEY="a-different-secret-key-entirely")
    with other.app_context():
        return forms.loaded_stamp(now=time.time() - 60)


@pytest.mark.parametrize("loaded", [
    None, "", "garbage", "1700000000000", "1700000000000.", ".abc", "abc.def", "-5.xyz",
    "9" * 40 + ".x", "1700000000000.\u202e\x00", "١٧٠٠٠٠٠٠٠٠٠٠٠.abc", "²³.abc", "1700000000000.é",
    "other-key", "future", "just-now", "tampered",
])
def test_a_missing_forged_or_too_recent_loaded_time_is_given_back(bot_app, make_app, caplog, loaded):
    if loaded == "other-key":
        loaded = _other_key_stamp(make_app)
    elif loaded == "future":
        loaded = _stamp(bot_app, -3600)
    elif loaded == "just-now":
        loaded = _stamp(bot_app, MINIMUM - 0.5)
    elif loaded == "tampered":  # an old time with the signature of a recent one
        loaded = _stamp(bot_app, 60).split(".")[0] + "." + _stamp(bot_app, 0).split(".")[1]
    data = dict(DETAILS) if loaded is None else {**DETAILS, "loaded": loaded}
    with caplog.at_level(logging.WARNING):
        response = bot_app.test_client().post("/sessions/north-hall/register", data=data)
    assert response.status_code == 400
    assert "send the form again" in response.text and 'value="rosa@example.org"' in response.text
    assert _registrations(bot_app) == 0
    assert any("registration refused" in r.getMessage() for r in caplog.records)


def test_the_shared_form_gives_each_visitor_their_own_loaded_time(bot_app, monkeypatch):
    clock = iter(range(1_800_000_000, 1_800_000_100))
    monkeypatch.setattr(forms.time, "time", lambda: next(clock))
    stamps = [_loaded(bot_app.test_client().get("/sessions/north-hall/register").text) for _ in range(3)]
    assert len(set(stamps)) == 3  # the page is shared (cached); its loaded time is not
    assert "heard-form-loaded-placeholder" not in "".join(stamps)


def test_the_gentle_message_is_in_the_visitors_language(bot_app):
    client = bot_app.test_client()
    response = client.post("/sessions/north-hall/register", data={**DETAILS, "loaded": _stamp(bot_app, 0)},
                           headers={"Accept-Language": "ar"})
    assert response.status_code == 400 and 'lang="ar"' in response.text and 'dir="rtl"' in response.text


def test_a_filled_in_hidden_field_is_refused_and_logged(bot_app, caplog):
    client = bot_app.test_client()
    with caplog.at_level(logging.WARNING):
        response = client.post("/sessions/north-hall/register", data={
            **DETAILS, "website": "http://spam.example", "loaded": _stamp(bot_app, 60)})
        invalid_too = client.post("/sessions/north-hall/register", data={
            "name": "", "website": "http://spam.example", "loaded": _stamp(bot_app, 60)})
    assert response.status_code == invalid_too.status_code == 400
    assert _registrations(bot_app) == 0
    lines = [r.getMessage() for r in caplog.records if "registration refused" in r.getMessage()]
    assert len(lines) == 2 and all("hidden field for bots" in line for line in lines)
    assert not any(word in " ".join(lines) for word in ("Rosa", "rosa@example.org", "spam.example"))


def test_the_default_minimum_is_a_few_seconds():
    from app.config import Defaults

    assert 1 <= Defaults.REGISTRATION_MIN_FILL_SECONDS <= 3
