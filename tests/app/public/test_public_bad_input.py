"""Every field of every public form, sent every class of bad value: too long, the wrong type,
odd Unicode, bytes that are not UTF-8. Never a 5xx; an invalid value gets a message next to its
field, in the visitor's language, and the rest of what was typed is kept.

The fields come from the form classes themselves, so a new field is posted the bad values
too (and must at least never give a 5xx); ``VALID`` pins what each known field accepts."""
import inspect
import pathlib
import re
from datetime import timedelta
from urllib.parse import quote, quote_from_bytes

import pytest
from babel.messages.pofile import read_po
from wtforms.fields.core import UnboundField

import app.public  # noqa: F401  (loads the public blueprint's modules, and with them its forms)
from app.extensions import db
from app.forms import BaseForm, FilterForm
from app.models import QUESTION_KINDS
from app.models.types import utcnow
from app.services.equity import setup as equity_setup
from app.services.equity.view import FormQuestion
from app.services.registration import registrations
from app.services.sessions import organize

# Each class of bad value, as the bytes a browser (or anyone) can put in a form post.
BAD = {
    "too_long": b"x" * 5000,
    "digits_5000": b"9" * 5000,
    "huge_number": b"99999999999999999999",
    "negative": b"-1",
    "decimal": b"1.5",
    "letters": b"abc",
    "fullwidth_digit": "３".encode(),
    "arabic_indic_digit": "٣".encode(),
    "rtl_marks": "\u200f3\u200e".encode(),
    "zero_width": "\u200b".encode(),
    "combining_marks": "\u0301\u0301".encode(),
    "emoji": "😀".encode(),
    "surrogate": b"\xed\xa0\x80",  # U+D800 in UTF-8 form: %ED%A0%80
    "not_utf8": b"\xff",  # %FF
    "controls": b"\x00\x01\x0b",
}

EVERYTHING = set(BAD)
# What each known field accepts; every other class must get a message next to the field.
VALID = {
    "RegistrationForm": {
        "name": EVERYTHING - {"too_long", "digits_5000", "zero_width", "combining_marks", "controls"},
        "email": {"zero_width", "controls"},  # nothing left: there is a phone number too
        "phone": {"zero_width", "controls"},
        "preferred_language": EVERYTHING,  # a changed page's value falls back to the page language
        "interpretation_language": {"controls"},  # nothing left: "No, thank you"
        "childcare_needed": EVERYTHING,  # any value ticks a checkbox
        "children_count": {"fullwidth_digit", "arabic_indic_digit", "rtl_marks", "controls"},
        "children_ages": {"fullwidth_digit", "arabic_indic_digit", "rtl_marks", "zero_width", "controls"},
        "access_needs": EVERYTHING,  # values that are no option are dropped
        "access_other": EVERYTHING - {"too_long", "digits_5000"},
        "dietary": EVERYTHING - {"too_long", "digits_5000"},
        "heard_from": {"controls"},
        "consent_followup": EVERYTHING,
        "website": {"controls"},  # the honeypot: anything left in it is refused
    },
    "RegistrationForm /r/{token}/change": {"website": EVERYTHING},  # a private link: no honeypot
    "CancelForm": {"confirm": EVERYTHING - {"controls"}},
}

NAME, DIETARY = "Amina Warsame", "No peanuts please"


def _registration_data():
    return {"name": NAME, "email": "amina@example.org", "phone": "+1 206 555 0142", "preferred_language": "en",
            "interpretation_language": "es", "childcare_needed": "y", "children_count": "2",
            "children_ages": "3, 5", "access_needs": "wheelchair", "dietary": DIETARY, "heard_from": "flyer",
            "consent_followup": "y"}


def _fields(form_class):
    """(name, field class) of every field the form class declares, inherited ones too; for
    the registration form, with every equity question asked (the session below asks them)."""
    if hasattr(form_class, "asking"):
        form_class = form_class.asking([FormQuestion(kind) for kind in QUESTION_KINDS])
    return sorted((name, value.field_class) for name, value in inspect.getmembers(form_class)
                  if isinstance(value, UnboundField))


def _public_forms():
    found, todo = [], [BaseForm, FilterForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("app.public"):
                found.append(sub)
    return sorted(found, key=lambda f: f.__name__)


# How each public form is sent. A new public form needs a line here (the test below says so).
SUBMITS = {
    "RegistrationForm": [("POST", "/sessions/{slug}/register"), ("POST", "/r/{token}/change")],
    "CancelForm": [("POST", "/r/{token}/cancel")],
    "EraseForm": [("POST", "/r/{token}/erase")],
    "LinkAgainForm": [("POST", "/private-link")],
    "TrackerFilterForm": [("GET", "/progress")],
}


def test_every_public_form_is_sent_bad_values():
    names = [form.__name__ for form in _public_forms()]
    assert {"RegistrationForm", "CancelForm", "TrackerFilterForm"} <= set(names)
    assert [n for n in names if n not in SUBMITS] == [], "add how to send this form to SUBMITS"


CASES = [(form.__name__, method, url, name) for form in _public_forms()
         for method, url in SUBMITS.get(form.__name__, []) for name, _field_class in _fields(form)]


def make_open_session(app):
    with app.app_context():
        engagement = organize.create_engagement(None, "east-side", "en", {"en": "East side listening"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug="park-talk", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="America/Los_Angeles",
            venue_name="Park Hall", venue_address="5 Elm Road", capacity=50, interpretation_languages=["es", "ar"],
            childcare_offered=True), {"en": {"title": "Talk in the park", "description": "Bring a friend."}},
            tables=["Table 1"], prompts=[{"en": "What matters?"}])
        organize.publish(None, session.id)
        equity_setup.set_questions(None, engagement.id, QUESTION_KINDS, ("North", "South"))
        session_id = session.id
        db.session.remove()
        return session_id


def new_registration(app, session_id, email):
    """A resident's registration; returns the secret of their manage link."""
    with app.app_context():
        outcome = registrations.register(session_id, {"name": "Rosa Díaz", "email": email,
                                                      "preferred_language": "en"})
        db.session.remove()
        return outcome.token


def _body(data, name, raw):
    """A form-urlencoded body with ``name`` set to the exact bytes ``raw``."""
    pairs = [(k, v.encode()) for k, v in data.items() if k != name] + [(name, raw)]
    return "&".join(f"{quote(k)}={quote_from_bytes(v)}" for k, v in pairs)


def _send(client, method, url, data, name, raw, headers=None):
    body = _body(data, name, raw)
    if method == "GET":
        return client.get(f"{url}?{body}", headers=headers)
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded", headers=headers)


def _has_error(html, name):
    if name == "website":  # the honeypot's message has no id, so screen readers do not point at it
        return "Please leave this field empty." in html
    return f'id="{name}-error"' in html


@pytest.mark.parametrize(("form_name", "method", "url", "name"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{c[3]}" for c in CASES])
def test_every_class_of_bad_value_in_every_field(app, form_name, method, url, name):
    session_id = make_open_session(app)
    valid = VALID.get(f"{form_name} {url}", {}).get(name) or VALID.get(form_name, {}).get(name)
    problems = []
    for number, (kind, raw) in enumerate(BAD.items()):
        # Each value is sent by another resident (a valid one registers, changes or cancels), from
        # a fresh client: no cookie, no rate limit carried over, no address already taken.
        email = f"amina.{kind}@example.org"
        data = dict(_registration_data(), email=email, phone=f"+1 206 555 01{number:02d}") \
            if form_name == "RegistrationForm" else {}
        token = new_registration(app, session_id, f"rosa.{kind}@example.org") if "{token}" in url else None
        client = app.test_client()
        response = _send(client, method, url.format(slug="park-talk", token=token), data, name, raw)
        html = response.get_data(as_text=True)
        if response.status_code >= 500:
            problems.append(f"{kind}: {response.status_code}")
            continue
        if valid is None:  # a field this test does not know yet: never a 5xx, nothing else asked
            continue
        if kind in valid:
            if response.status_code >= 400 and _has_error(html, name):
                problems.append(f"{kind}: refused, but it is valid here")
        elif response.status_code < 400 or not _has_error(html, name):
            problems.append(f"{kind}: {response.status_code} without a message next to the field")
        elif form_name == "RegistrationForm":
            kept = [v for field, v in (("name", NAME), ("email", email), ("dietary", DIETARY)) if field != name]
            if not all(v in html for v in kept):
                problems.append(f"{kind}: what was typed in the other fields is lost")
    assert problems == []


def _catalogue(language):
    path = pathlib.Path(__file__).resolve().parents[3] / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


@pytest.mark.parametrize(("name", "kind", "msgid"), [
    ("children_count", "digits_5000", "Please enter a number from 0 to 12."),
    ("children_ages", "digits_5000", "Please write ages as numbers from 0 to 17, separated by commas."),
    ("phone", "emoji", "Please check this phone number."),
    ("name", "zero_width", "Please tell us your name."),
    ("heard_from", "surrogate", None),  # a new message: served through gettext, translated centrally
])
def test_bad_value_in_arabic_gets_the_arabic_page_with_its_message(app, name, kind, msgid):
    make_open_session(app)
    client = app.test_client()
    client.set_cookie("heard_lang", "ar")
    response = _send(client, "POST", "/sessions/park-talk/register", _registration_data(), name, BAD[kind])
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'<html lang="ar" dir="rtl"', html)
    assert _has_error(html, name) and DIETARY in html
    if msgid:
        assert _catalogue("ar")[msgid] in html


@pytest.mark.parametrize("kind", sorted(BAD))
def test_query_strings_and_addresses_of_public_pages_never_give_a_5xx(app, kind):
    ids = {"slug": "park-talk", "token": new_registration(app, make_open_session(app), "rosa@example.org")}
    client = app.test_client()
    pages = ["/", "/sessions", "/sessions/{slug}", "/sessions/{slug}/register", "/sessions/{slug}/calendar.ics",
             "/r/{token}", "/r/{token}/change", "/r/{token}/cancel", "/progress", "/reports/", "/privacy",
             "/language/ar", "/language/{bad}", "/sessions/{bad}", "/sessions/{bad}/register",
             "/sessions/{bad}/calendar.ics", "/r/{bad}", "/r/{bad}/change", "/r/{bad}/cancel"]
    raw = BAD[kind]
    query = "&".join(f"{arg}={quote_from_bytes(raw)}" for arg in (
        "past", "new", "next", "engagement", "department", "status", "page", "q", "lang"))
    for page in pages:
        url = page.format(bad=quote_from_bytes(raw), **ids)
        response = client.get(f"{url}?{query}")
        assert response.status_code < 500, (url, kind)
