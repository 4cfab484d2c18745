"""Odd text at the notes API: cleaned once where it enters, keys refused, bodies that are not
JSON answered in JSON. Never a 500, never a dropped connection."""
import json
import uuid

import pytest
from factories import assign, make_session
from sqlalchemy import select

from app.extensions import db
from app.models import Note

API = "/capture/api/notes"

# (as sent, as stored): every class of character that cleaning at entry removes or changes.
ODD_TEXT = [
    ("Parks \ud800close early", "Parks close early"),  # lone high surrogate
    ("Parks \udfffclose early", "Parks close early"),  # lone low surrogate
    ("Parks \x00close early", "Parks close early"),  # NUL (PostgreSQL refuses it in text)
    ("Parks\x01 close\x0b early\x0c", "Parks close early"),  # C0 controls (XLSX writers refuse them)
    ("Parks\x7f close\x85 early\x9f", "Parks close early"),  # DEL and C1 controls
    ("Parks \ufffeclose\uffff early", "Parks close early"),  # non-characters
    ("Parks\r\nclose\rearly", "Parks\nclose\nearly"),  # line ends
    ("Cafe\u0301 closes early", "Café closes early"),  # decomposed: stored composed (NFC)
]


@pytest.fixture
def notetaker(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    return user_id, ids


def _body(notetaker, **extra):
    user_id, ids = notetaker
    body = {"client_id": str(uuid.uuid4()), "user_id": user_id, "table_id": ids["tables"][0],
            "prompt_id": ids["prompts"][0], "text": "The bus stop is dark at night"}
    body.update(extra)
    return body


def _post_raw(client, raw, content_type="application/json"):
    """Send bytes as they are: a lone surrogate escape (``"\\ud800"``) cannot be built with
    the test client's ``json=`` (it would escape it the same way), raw bytes must be exact."""
    return client.post(API, data=raw, content_type=content_type, headers={"Accept": "application/json"})


def _stored(app):
    with app.app_context():
        return [(n.text, n.translation_en, n.client_id) for n in db.session.scalars(select(Note).order_by(Note.id))]


@pytest.mark.parametrize(("sent", "stored"), ODD_TEXT, ids=range(len(ODD_TEXT)))
def test_odd_characters_in_a_note_are_cleaned_once_where_it_enters(app, client, notetaker, sent, stored):
    body = _body(notetaker, text=sent, translation_en=sent)
    raw = json.dumps(body)  # ensure_ascii: a lone surrogate travels as the escape "\ud800"
    first = _post_raw(client, raw)
    assert first.status_code == 201, first.get_data(as_text=True)
    assert first.json["note"]["text"] == stored
    retry = _post_raw(client, raw)  # the phone sends again: the same note comes back
    assert retry.status_code == 200 and retry.json["created"] is False
    assert retry.json["note"]["id"] == first.json["note"]["id"]
    assert _stored(app) == [(stored, stored, body["client_id"])]


def test_surrogate_as_raw_bytes_in_a_note_is_cleaned(app, client, notetaker):
    raw = json.dumps(_body(notetaker, text="Dark stop XX here")).encode().replace(b"XX", b"\xed\xa0\x80")
    response = _post_raw(client, raw)
    assert response.status_code == 201
    assert _stored(app)[0][0] == "Dark stop  here"


@pytest.mark.parametrize("client_id", [
    "abc\x00def", "abc\ud800def", "abc\udc00", "abc\x01def", "abc\x85", "abc\u200fdef", "abc\u200bdef",
    "abc\ndef", "\ufeffabc",
], ids=lambda v: repr(v))
def test_note_id_with_characters_that_are_not_printable_is_refused(app, client, notetaker, client_id):
    response = _post_raw(client, json.dumps(_body(notetaker, client_id=client_id)))
    assert response.status_code == 422
    assert response.json["ok"] is False
    assert response.json["errors"]["client_id"] == [response.json["error"]]
    assert "note id" in response.json["error"]
    assert _stored(app) == []


@pytest.mark.parametrize("raw", [
    b'{"text": "\xff"}',  # not UTF-8
    b'{"text": "Bus \xc0\x80"}',  # overlong NUL: not UTF-8 either
    b'{"text": ',  # cut off
    b"",  # empty
    b"[1, 2]", b'"a note"', b"null", b"42",  # JSON, but not an object
    b'{"text": {"nested": "object"}}', b'{"text": [["nested"]]}',  # values that are not plain
    b'{"table_id": ' + b"9" * 5000 + b"}",  # a number longer than Python reads from JSON
], ids=lambda v: repr(v[:30]))
def test_body_that_is_not_a_json_object_of_plain_values_gets_a_json_400(app, client, notetaker, raw):
    response = _post_raw(client, raw)
    assert response.status_code == 400
    assert response.is_json and response.json["ok"] is False and response.json["error"]
    assert _stored(app) == []


@pytest.mark.parametrize("table_id", ["abc", "1.5", 1.5, [], {"id": 1}], ids=repr)
def test_table_id_that_is_not_a_number_is_refused_without_error(app, client, notetaker, table_id):
    response = _post_raw(client, json.dumps(_body(notetaker, table_id=table_id)))
    assert response.status_code in (400, 422)  # a nested object is no form value at all: 400
    assert response.json["ok"] is False
    assert _stored(app) == []


@pytest.mark.parametrize("version", ["abc", "9" * 5000, [[1]], "1\x00x", "\u00b2"], ids=lambda v: repr(v)[:12])
def test_delete_with_a_version_that_is_not_a_number_is_refused(app, client, notetaker, version):
    note = _post_raw(client, json.dumps(_body(notetaker))).json["note"]
    response = client.delete(f"{API}/{note['id']}", data=json.dumps({"version": version}),
                             content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json["ok"] is False
    assert len(_stored(app)) == 1


def test_edit_through_the_api_is_cleaned_too(app, client, notetaker):
    note = _post_raw(client, json.dumps(_body(notetaker))).json["note"]
    response = client.put(f"{API}/{note['id']}", data=json.dumps({"text": "Dark\x00 stop\ud800", "version": 1}),
                          content_type="application/json")
    assert response.status_code == 200
    assert response.json["note"]["text"] == "Dark stop"


def test_plain_form_note_is_cleaned_and_a_bad_note_id_is_refused(app, client, notetaker):
    _user_id, ids = notetaker
    pid = ids["prompts"][0]
    url = f"/capture/tables/{ids['tables'][0]}/prompts/{pid}/notes"
    refused = client.post(url, data={f"p{pid}-text": "Kept as typed", f"p{pid}-client_id": "a\x00b"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "This note id contains characters that are not allowed." in page  # in the error summary
    assert "Kept as typed" in page  # and what was typed is still there
    saved = client.post(url, data={f"p{pid}-text": "Swings\x0b broken\x00", f"p{pid}-client_id": "ok-1"})
    assert saved.status_code == 303
    assert _stored(app) == [("Swings broken", None, "ok-1")]
