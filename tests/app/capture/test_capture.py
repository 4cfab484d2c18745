"""The capture screen and the note endpoints, as a notetaker meets them."""
import uuid

from factories import assign, make_session
from sqlalchemy import select

from app.extensions import db
from app.models import Note


def _notes(app):
    with app.app_context():
        return list(db.session.scalars(select(Note).order_by(Note.id)))


def _payload(user_id, ids, text="The bus stop is dark at night", **extra):
    body = {"client_id": str(uuid.uuid4()), "user_id": user_id, "table_id": ids["tables"][0],
            "prompt_id": ids["prompts"][0], "text": text, "is_quote": False, "is_sensitive": False}
    body.update(extra)
    return body


def test_capture_page_shows_prompts_in_notetaker_language_with_default_beside(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    client.get("/language/es")
    page = client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True)
    assert page.index("¿Dónde se siente seguro?") < page.index("¿Qué debe hacer la ciudad?")
    assert "Where do you feel safe?" in page  # the default-language text beside it
    assert 'data-user-id="%d"' % user_id in page
    assert "capture.js" in page


def test_plain_form_post_saves_once_and_redirects(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    client_id = str(uuid.uuid4())
    url = f"/capture/tables/{ids['tables'][0]}/prompts/{ids['prompts'][1]}/notes"
    data = {"p%d-text" % ids["prompts"][1]: "Más luz en el parque por la noche",
            "p%d-client_id" % ids["prompts"][1]: client_id, "p%d-is_quote" % ids["prompts"][1]: "y"}
    first = client.post(url, data=data)
    assert first.status_code == 303
    assert client.post(url, data=data).status_code == 303  # a double tap stores nothing new
    [note] = _notes(app)
    assert (note.text, note.prompt_id, note.is_quote, note.author_id) == (
        "Más luz en el parque por la noche", ids["prompts"][1], True, user_id)
    assert note.language == "es" and note.language_detected
    page = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Más luz en el parque por la noche" in page


def test_empty_note_shows_error_next_to_field(app, client, signed_in):
    ids = make_session(app)
    signed_in("organizer")
    pid = ids["prompts"][0]
    response = client.post(f"/capture/tables/{ids['tables'][0]}/prompts/{pid}/notes", data={f"p{pid}-text": "  "})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Write the note first." in page and f'aria-describedby="p{pid}-text-hint p{pid}-text-error"' in page
    assert _notes(app) == []


def test_json_note_is_stored_once_and_retry_returns_original(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    body = _payload(user_id, ids)
    first = client.post("/capture/api/notes", json=body)
    assert first.status_code == 201 and first.json["created"] is True
    again = client.post("/capture/api/notes", json=body)
    assert again.status_code == 200 and again.json["created"] is False
    assert again.json["note"]["id"] == first.json["note"]["id"]
    assert len(_notes(app)) == 1


def test_same_client_id_with_other_text_is_refused(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    body = _payload(user_id, ids)
    assert client.post("/capture/api/notes", json=body).status_code == 201
    response = client.post("/capture/api/notes", json={**body, "text": "Something else entirely"})
    assert response.status_code == 409
    assert response.json["error"]
    assert [n.text for n in _notes(app)] == [body["text"]]


def test_json_errors_are_translated(app, client, signed_in):
    ids = make_session(app, status="closed")
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    response = client.post("/capture/api/notes", json=_payload(user_id, ids),
                           headers={"Cookie": "heard_lang=es"})
    assert response.status_code == 403
    assert response.json["ok"] is False and response.json["error"]
    assert _notes(app) == []


def test_note_typed_under_another_account_is_never_sent_as_this_one(app, client, signed_in):
    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    response = client.post("/capture/api/notes", json=_payload(user_id + 1000, ids))
    assert response.status_code == 403
    assert _notes(app) == []


def test_json_endpoint_needs_csrf_header(make_app, signed_in_csrf):
    app, client, user_id, ids = signed_in_csrf
    body = _payload(user_id, ids)
    assert client.post("/capture/api/notes", json=body).status_code == 400
    page = client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True)
    import re
    token = re.search(r'data-csrf="([^"]+)"', page).group(1)
    response = client.post("/capture/api/notes", json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 201


import pytest  # noqa: E402
from support import PASSWORDS  # noqa: E402


@pytest.fixture
def signed_in_csrf(make_app):
    from support import empty_tables

    from app.extensions import db as _db
    from app.models import User

    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        empty_tables()
        user = User(email="nt-csrf@example.org", name="NT", role="notetaker")
        user.set_password(PASSWORDS["notetaker"])
        _db.session.add(user)
        _db.session.commit()
        user_id = user.id
    ids = make_session(app)
    assign(app, user_id, ids["tables"][0])
    client = app.test_client()
    import re
    page = client.get("/auth/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/auth/sign-in", data={"email": "nt-csrf@example.org", "password": PASSWORDS["notetaker"],
                                                  "csrf_token": token})
    assert response.status_code == 302
    return app, client, user_id, ids
