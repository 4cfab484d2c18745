"""Editing, deleting, conflicts, language, and the organizers' note pages."""
import csv
import io
import threading
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from factories import assign, make_session
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEntry, Note, NoteRevision, User
from app.services.capture import notes


def _post_note(client, user_id, ids, text, **extra):
    body = {"client_id": str(uuid.uuid4()), "user_id": user_id, "table_id": ids["tables"][0],
            "prompt_id": ids["prompts"][0], "text": text}
    body.update(extra)
    response = client.post("/capture/api/notes", json=body)
    assert response.status_code == 201, response.json
    return response.json["note"]


def _setup(app, client, signed_in, **session_args):
    ids = make_session(app, **session_args)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    return ids, user_id


def test_edit_keeps_history_and_bumps_version(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "Dark streets near the park")
    response = client.post(f"/capture/notes/{note['id']}/edit", data={
        "text": "Dark streets near the river park", "version": "1", "is_sensitive": "y"})
    assert response.status_code == 303
    with app.app_context():
        stored = db.session.get(Note, note["id"])
        assert (stored.text, stored.version, stored.is_sensitive) == ("Dark streets near the river park", 2, True)
        assert [(r.version, r.text) for r in stored.revisions] == [(1, "Dark streets near the park")]
    page = client.get(f"/capture/notes/{note['id']}/edit").get_data(as_text=True)
    assert "Earlier versions" in page and "Dark streets near the park" in page


def test_second_save_from_a_stale_version_sees_both_texts(app, client, signed_in, make_user, auth):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "Bus 7 is always late")
    # Someone (an organizer, on another phone) saves first.
    organizer_id, _email = make_user("organizer")
    with app.app_context():
        organizer = db.session.get(User, organizer_id)
        notes.update_note(organizer, note["id"], version=1, text="Bus 7 is late every morning")
    response = client.post(f"/capture/notes/{note['id']}/edit", data={"text": "Bus 7 is late at night", "version": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Bus 7 is late every morning" in page and "Bus 7 is late at night" in page
    with app.app_context():
        assert db.session.get(Note, note["id"]).text == "Bus 7 is late every morning"
    # Saving again from the page is a deliberate choice, and now succeeds.
    assert 'name="version" type="hidden" value="2"' in page
    again = client.post(f"/capture/notes/{note['id']}/edit", data={"text": "Bus 7 is late at night", "version": "2"})
    assert again.status_code == 303
    with app.app_context():
        stored = db.session.get(Note, note["id"])
        assert stored.text == "Bus 7 is late at night"
        assert [r.text for r in stored.revisions] == ["Bus 7 is always late", "Bus 7 is late every morning"]


def test_json_edit_conflict_returns_current_text(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "Parks close too early")
    ok = client.put(f"/capture/api/notes/{note['id']}", json={"text": "Parks close at 8", "version": 1})
    assert ok.status_code == 200 and ok.json["note"]["version"] == 2
    stale = client.put(f"/capture/api/notes/{note['id']}", json={"text": "Parks close at 9", "version": 1})
    assert stale.status_code == 409
    assert stale.json["current"]["text"] == "Parks close at 8"


def test_concurrent_edits_from_the_same_version_one_wins(app, make_user):
    ids = make_session(app)
    user_id, _ = make_user("organizer")
    with app.app_context():
        user = db.session.get(User, user_id)
        note, _created = notes.create_note(user, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                                           text="Original text of the note")
        note_id = note.id
    results = []

    def edit(text):
        with app.test_request_context():
            actor = db.session.get(User, user_id)
            try:
                notes.update_note(actor, note_id, version=1, text=text)
                results.append("saved")
            except notes.NoteConflict:
                results.append("conflict")

    threads = [threading.Thread(target=edit, args=(f"Edit number {i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict"] * 5 + ["saved"]
    with app.app_context():
        assert db.session.get(Note, note_id).version == 2
        assert db.session.scalar(select(func.count()).select_from(NoteRevision)) == 1


def test_concurrent_retries_with_one_client_id_store_one_note(app, live_server, make_user):
    import http.cookiejar
    import json
    import urllib.parse
    import urllib.request

    ids = make_session(app)
    user_id, email = make_user("notetaker")
    assign(app, user_id, ids["tables"][0])
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form = urllib.parse.urlencode({"email": email, "password": "notetaker-pass-1"}).encode()
    try:
        opener.open(live_server.url + "/auth/sign-in", form)
    except urllib.error.HTTPError as redirect:
        assert redirect.code == 302
    body = json.dumps({"client_id": str(uuid.uuid4()), "user_id": user_id, "table_id": ids["tables"][0],
                       "prompt_id": ids["prompts"][0], "text": "Sent from a flaky connection"}).encode()
    statuses = []

    def send():
        request = urllib.request.Request(live_server.url + "/capture/api/notes", data=body,
                                         headers={"Content-Type": "application/json"})
        with opener.open(request) as response:
            statuses.append(response.status)

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [200] * 7 + [201]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 1


def test_delete_hides_note_and_keeps_its_text(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "Remove this duplicate point")
    response = client.post(f"/capture/notes/{note['id']}/delete", data={"version": "1"})
    assert response.status_code == 303
    page = client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True)
    assert "Remove this duplicate point" not in page
    with app.app_context():
        stored = db.session.get(Note, note["id"])
        assert stored.deleted_at is not None
        assert [r.text for r in stored.revisions] == ["Remove this duplicate point"]


def test_closed_session_refuses_new_notes_and_edits(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in, starts_in=timedelta(hours=-3))
    note = _post_note(client, user_id, ids, "Written while the session was open")
    with app.app_context():
        from app.models import ListeningSession

        session = db.session.get(ListeningSession, ids["session"])
        session.starts_at -= notes.EDIT_GRACE + timedelta(hours=1)
        session.ends_at -= notes.EDIT_GRACE + timedelta(hours=1)
        db.session.commit()
    refused = client.post("/capture/api/notes", json={
        "client_id": str(uuid.uuid4()), "user_id": user_id, "table_id": ids["tables"][0],
        "prompt_id": ids["prompts"][0], "text": "Too late"})
    assert refused.status_code == 403 and "closed" in refused.json["error"]
    edit = client.put(f"/capture/api/notes/{note['id']}", json={"text": "Changed later", "version": 1})
    assert edit.status_code == 403
    page = client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True)
    assert "closed for notes" in page and "data-capture-form" not in page


def test_session_open_rule():
    from datetime import UTC, datetime

    class S:
        status = "published"
        ends_at = datetime(2026, 5, 1, 20, tzinfo=UTC)

    assert notes.is_open(S, now=S.ends_at + notes.EDIT_GRACE)
    assert not notes.is_open(S, now=S.ends_at + notes.EDIT_GRACE + timedelta(seconds=1))
    S.status = "closed"
    assert not notes.is_open(S, now=S.ends_at)


def test_language_is_detected_and_overridden_in_one_tap(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "La parada del autobús está muy oscura por la noche")
    assert (note["language"], note["language_detected"]) == ("es", True)
    page = client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True)
    assert f'/capture/notes/{note["id"]}/language' in page
    response = client.post(f"/capture/notes/{note['id']}/language", data={"language": "en"})
    assert response.status_code == 303
    with app.app_context():
        stored = db.session.get(Note, note["id"])
        assert (stored.language, stored.language_detected) == ("en", False)


def test_translation_and_flags_are_stored(app, client, signed_in):
    ids, user_id = _setup(app, client, signed_in)
    note = _post_note(client, user_id, ids, "Cần thêm đèn đường", translation_en="More street lights needed",
                      is_quote=True, is_sensitive=True)
    assert note["translation_en"] == "More street lights needed"
    assert note["is_quote"] and note["is_sensitive"] and note["language"] == "vi"


# -- organizers --------------------------------------------------------------------------

def _seed_notes(app, ids):
    with app.app_context():
        organizer = User(email="org-seed@example.org", name="Org", role="organizer")
        organizer.set_password("organizer-pass-1")
        db.session.add(organizer)
        db.session.commit()
        notes.create_note(organizer, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                          text="=HYPERLINK(\"http://evil.example\") lights please")
        notes.create_note(organizer, table_id=ids["tables"][0], prompt_id=ids["prompts"][1],
                          text="Someone at home is unsafe", is_sensitive=True)
        notes.create_note(organizer, table_id=ids["tables"][1], prompt_id=ids["prompts"][0],
                          text="More buses on Sunday")


def test_organizer_sees_notes_by_table_and_prompt_with_counts_and_search(app, client, signed_in):
    ids = make_session(app)
    _seed_notes(app, ids)
    signed_in("organizer")
    page = client.get(f"/admin/sessions/{ids['session']}/notes").get_data(as_text=True)
    assert "3 notes" in page and "2 notes" in page and "1 note" in page
    assert page.index("Table 1") < page.index("Someone at home is unsafe") < page.index("Table 2")
    assert "Sensitive: never published" in page
    found = client.get(f"/admin/sessions/{ids['session']}/notes?q=BUSES").get_data(as_text=True)
    assert "More buses on Sunday" in found and "Someone at home is unsafe" not in found


def test_exports_are_formula_safe_and_complete(app, client, signed_in):
    ids = make_session(app)
    _seed_notes(app, ids)
    signed_in("organizer")
    response = client.get(f"/admin/sessions/{ids['session']}/notes.csv")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["session", "table", "prompt"] and len(rows) == 4
    texts = [row[5] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\") lights please" in texts
    sensitive = [row for row in rows[1:] if row[5] == "Someone at home is unsafe"][0]
    assert sensitive[9] == "yes"
    xlsx = client.get(f"/admin/sessions/{ids['session']}/notes.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert all(not (isinstance(v, str) and v.startswith("=")) for v in cells)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_organizer_assigns_and_removes_a_notetaker(app, client, signed_in, make_user):
    ids = make_session(app)
    notetaker_id, email = make_user("notetaker")
    signed_in("organizer")
    page = client.get(f"/admin/sessions/{ids['session']}/notetakers").get_data(as_text=True)
    assert email in page
    response = client.post(f"/admin/sessions/{ids['session']}/notetakers",
                           data={"user_id": notetaker_id, "table_id": ids["tables"][1]})
    assert response.status_code == 303
    with app.app_context():
        from app.models import NotetakerAssignment

        [assignment] = db.session.scalars(select(NotetakerAssignment)).all()
        assert (assignment.user_id, assignment.table_id) == (notetaker_id, ids["tables"][1])
        assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "notetaker.assign"))
        assignment_id = assignment.id
    assert client.post(f"/admin/assignments/{assignment_id}/delete").status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(NotetakerAssignment)) == 0


def test_assigning_a_non_notetaker_is_refused(app, client, signed_in, make_user):
    ids = make_session(app)
    analyst_id, _ = make_user("analyst")
    signed_in("organizer")
    response = client.post(f"/admin/sessions/{ids['session']}/notetakers",
                           data={"user_id": analyst_id, "table_id": ids["tables"][0]})
    assert response.status_code == 422


def _later_today(zone="America/Los_Angeles"):
    """A start still on today's date at the venue (make_session's time zone), whatever the
    hour the test runs at: 30 minutes from now, or an hour ago in the venue's last hour."""
    now = datetime.now(ZoneInfo(zone))
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=now.tzinfo)
    return timedelta(minutes=30) if midnight - now > timedelta(hours=1) else timedelta(hours=-1)


def test_home_lists_todays_tables(app, client, signed_in):
    ids = make_session(app, starts_in=_later_today())
    later = make_session(app, slug="later", starts_in=timedelta(days=5))
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    assign(app, user_id, later["tables"][1])
    page = client.get("/capture/").get_data(as_text=True)
    assert "Today" in page and "Other sessions" in page
    assert f"/capture/tables/{ids['tables'][0]}" in page and f"/capture/tables/{later['tables'][1]}" in page
    assert f"/capture/tables/{ids['tables'][1]}" not in page
