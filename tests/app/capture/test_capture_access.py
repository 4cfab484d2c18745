"""Every role against every note endpoint, and no personal data next to notes."""
import io
import uuid

import pytest
from factories import make_session
from sqlalchemy import select
from support import PASSWORDS
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models import Note, NotetakerAssignment, Registration, User
from app.services.capture import notes

# A fast hash: this matrix signs in over a hundred times (scrypt takes 0.15 s each).
FAST = {role: generate_password_hash(password, "pbkdf2:sha256:1000") for role, password in PASSWORDS.items()}


def _user(app, role):
    with app.app_context():
        user = User(email=f"{role}-{uuid.uuid4().hex[:8]}@example.org", name=role.title(), role=role,
                    password_hash=FAST[role])
        db.session.add(user)
        db.session.commit()
        return user.id




ROLES = ["anonymous", "notetaker-assigned", "notetaker-unassigned", "analyst", "organizer", "admin"]

# (method, path template, kind, body builder). kind "capture": notetakers of the table,
# organizers and admins; "capture-home": every capture role; "admin": organizers and admins.
ENDPOINTS = [
    ("GET", "/capture/", "capture-home", None),
    ("GET", "/capture/tables/{table}", "capture", None),
    ("POST", "/capture/tables/{table}/prompts/{prompt}/notes", "capture",
     lambda d: {"data": {f"p{d['prompt']}-text": "A new point"}}),
    ("POST", "/capture/api/notes", "capture",
     lambda d: {"json": {"client_id": str(uuid.uuid4()), "user_id": d["me"], "table_id": d["table"],
                         "prompt_id": d["prompt"], "text": "A new point"}}),
    ("GET", "/capture/notes/{note}/edit", "capture", None),
    ("POST", "/capture/notes/{note}/edit", "capture", lambda d: {"data": {"text": "Edited", "version": "1"}}),
    ("POST", "/capture/notes/{note}/language", "capture", lambda d: {"data": {"language": "es"}}),
    ("POST", "/capture/notes/{note}/delete", "capture", lambda d: {"data": {"version": "1"}}),
    ("PUT", "/capture/api/notes/{note}", "capture", lambda d: {"json": {"text": "Edited", "version": 1}}),
    ("DELETE", "/capture/api/notes/{note}", "capture", lambda d: {"json": {"version": 1}}),
    ("GET", "/admin/sessions/{session}/notes", "admin", None),
    ("GET", "/admin/sessions/{session}/notes.csv", "admin", None),
    ("GET", "/admin/sessions/{session}/notes.xlsx", "admin", None),
    ("GET", "/admin/sessions/{session}/notetakers", "admin", None),
    ("POST", "/admin/sessions/{session}/notetakers", "admin",
     lambda d: {"data": {"user_id": d["other_notetaker"], "table_id": d["table"]}}),
    ("POST", "/admin/assignments/{assignment}/delete", "admin", None),
    ("GET", "/admin/notes/import", "admin", None),
    ("POST", "/admin/notes/import", "admin",
     lambda d: {"data": {"file": (io.BytesIO(b"session,table,prompt,text\npilot,Table 1,1,Paper\n"), "p.csv")},
                "content_type": "multipart/form-data"}),
    ("POST", "/admin/notes/import/commit", "admin", lambda d: {"data": {"token": "0" * 32}}),
]

ALLOWED = {
    "capture-home": {"notetaker-assigned", "notetaker-unassigned", "organizer", "admin"},
    "capture": {"notetaker-assigned", "organizer", "admin"},
    "admin": {"organizer", "admin"},
}


@pytest.fixture
def world(app, client):
    ids = make_session(app)
    author_id = _user(app, "notetaker")
    other_id = _user(app, "notetaker")
    with app.app_context():
        db.session.add(NotetakerAssignment(user_id=author_id, table_id=ids["tables"][0]))
        db.session.commit()
    with app.test_request_context():
        author = db.session.get(User, author_id)
        note, _created = notes.create_note(author, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                                           text="The note everyone tries to reach")
        assignment = db.session.scalar(select(NotetakerAssignment.id))
        return {"session": ids["session"], "table": ids["tables"][0], "prompt": ids["prompts"][0],
                "note": note.id, "author": author_id, "other_notetaker": other_id, "assignment": assignment}


def _sign_in(client, app, world, role):
    if role == "anonymous":
        return None
    if role == "notetaker-assigned":
        user_id = world["author"]
    else:
        user_id = _user(app, role.split("-")[0])
    with app.app_context():
        email = db.session.get(User, user_id).email
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS[role.split("-")[0]]})
    assert response.status_code == 302
    return user_id


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method,path,kind,body", ENDPOINTS, ids=[f"{m} {p}" for m, p, _k, _b in ENDPOINTS])
def test_role_against_note_endpoint(app, client, world, role, method, path, kind, body):
    me = _sign_in(client, app, world, role)
    values = {**world, "me": me or 0}
    kwargs = body(values) if body else {}
    response = client.open(path.format(**values), method=method, **kwargs)
    if role == "anonymous":
        assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]
    elif role in ALLOWED[kind]:
        assert response.status_code in (200, 201, 303), (response.status_code, response.get_data(as_text=True)[:300])
    else:
        assert response.status_code == 403
    if role not in ALLOWED[kind]:
        with app.app_context():
            note = db.session.get(Note, world["note"])
            assert (note.text, note.deleted_at, note.language) == ("The note everyone tries to reach", None, "en")
            assert db.session.scalar(select(Note.id).where(Note.id != world["note"])) is None


def test_notetaker_sees_only_notes_of_assigned_tables(app, client, world, make_user):
    with app.test_request_context():
        organizer = db.session.get(User, _user(app, "organizer"))
        table_two = db.session.get(Note, world["note"]).session.tables[1].id
        notes.create_note(organizer, table_id=table_two, prompt_id=world["prompt"], text="Other table's secret")
    _sign_in(client, app, world, "notetaker-assigned")
    assert client.get(f"/capture/tables/{table_two}").status_code == 403
    home = client.get("/capture/").get_data(as_text=True)
    assert f"/capture/tables/{table_two}\"" not in home
    assert "Other table's secret" not in client.get(f"/capture/tables/{world['table']}").get_data(as_text=True)


def test_another_notetaker_at_the_same_table_cannot_change_my_note(app, client, world):
    _sign_in(client, app, world, "notetaker-unassigned")
    with app.app_context():
        me = db.session.scalar(select(User.id).where(User.role == "notetaker", User.id.notin_(
            [world["author"], world["other_notetaker"]])))
        db.session.add(NotetakerAssignment(user_id=me, table_id=world["table"]))
        db.session.commit()
    assert client.get(f"/capture/tables/{world['table']}").status_code == 200
    assert client.put(f"/capture/api/notes/{world['note']}", json={"text": "Hijacked", "version": 1}).status_code == 403
    assert client.post(f"/capture/notes/{world['note']}/delete", data={"version": "1"}).status_code == 403


def test_note_pages_and_exports_hold_no_registrant_personal_data(app, client, world):
    with app.app_context():
        db.session.add(Registration(session_id=world["session"], name="Rosa Registrant", email="rosa@example.org",
                                    phone="555-0100", preferred_language="es", status="confirmed",
                                    manage_token_hash="a" * 64))
        db.session.commit()
    _sign_in(client, app, world, "organizer")
    for path in (f"/admin/sessions/{world['session']}/notes", f"/admin/sessions/{world['session']}/notes.csv",
                 f"/capture/tables/{world['table']}"):
        body = client.get(path).get_data(as_text=True)
        assert "The note everyone tries to reach" in body
        for personal in ("Rosa Registrant", "rosa@example.org", "555-0100"):
            assert personal not in body
