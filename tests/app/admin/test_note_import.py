"""Importing transcribed paper notes: preview, all or nothing, and refused files."""
import io
import re

from factories import make_session
from openpyxl import Workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models import Note


def _upload(client, name, data):
    return client.post("/admin/notes/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Note))


GOOD = ("session,table,prompt,text,language,translation\n"
        "pilot,Table 1,1,Más luz en la calle,,More light on the street\n"
        "pilot,Table 2,2,Buses on Sunday please,en,\n")


def test_csv_preview_then_commit_stores_every_row_once(app, client, signed_in):
    make_session(app)
    signed_in("organizer")
    preview = _upload(client, "paper.csv", GOOD.encode())
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "Más luz en la calle" in page and "Import all 2 notes" in page
    assert _count(app) == 0  # nothing stored before the commit
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)
    assert client.post("/admin/notes/import/commit", data={"token": token}).status_code == 303
    assert client.post("/admin/notes/import/commit", data={"token": token}).status_code == 303  # twice: no-op
    with app.app_context():
        stored = list(db.session.scalars(select(Note).order_by(Note.id)))
        assert [(n.text, n.language, n.language_detected, n.source) for n in stored] == [
            ("Más luz en la calle", "es", True, "import"), ("Buses on Sunday please", "en", False, "import")]
        assert stored[0].translation_en == "More light on the street"


def test_rows_with_errors_are_listed_and_nothing_can_be_committed(app, client, signed_in):
    make_session(app)
    signed_in("organizer")
    data = ("session,table,prompt,text\n"
            "pilot,Table 1,1,Fine row\n"
            "nowhere,Table 1,1,Unknown session\n"
            "pilot,Table 9,7,Bad table and prompt\n"
            "pilot,Table 1,1,\n")
    page = _upload(client, "paper.csv", data.encode()).get_data(as_text=True)
    assert "3 rows have errors" in page
    assert "No session" in page and "No table" in page and "No prompt 7" in page and "text is empty" in page
    assert 'name="token"' not in page
    assert _count(app) == 0


def test_commit_checks_again_and_stores_none_if_anything_changed(app, client, signed_in):
    ids = make_session(app)
    signed_in("organizer")
    page = _upload(client, "paper.csv", GOOD.encode()).get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)
    with app.app_context():
        from app.models import SessionTable

        db.session.get(SessionTable, ids["tables"][1]).name = "Renamed"
        db.session.commit()
    response = client.post("/admin/notes/import/commit", data={"token": token}, follow_redirects=True)
    assert "nothing was stored" in response.get_data(as_text=True)
    assert _count(app) == 0


def test_xlsx_import_works(app, client, signed_in):
    make_session(app)
    signed_in("organizer")
    book = Workbook()
    sheet = book.active
    sheet.append(["Session", "Table", "Prompt", "Text"])
    sheet.append(["pilot", "Table 1", 2, "Youth programs in the evening"])
    buffer = io.BytesIO()
    book.save(buffer)
    page = _upload(client, "paper.xlsx", buffer.getvalue()).get_data(as_text=True)
    assert "Import all 1 notes" in page or "Import 1 note" in page


def _refused(client, name, data):
    response = _upload(client, name, data)
    assert response.status_code == 422
    return response.get_data(as_text=True)


def test_bad_files_are_refused_with_a_clear_message(app, client, signed_in, make_app):
    make_session(app)
    signed_in("organizer")
    assert "Upload a .csv or .xlsx file." in _refused(client, "notes.pdf", b"%PDF-1.4")
    assert "not in UTF-8" in _refused(client, "latin.csv", "session,table,prompt,text\npilot,Table 1,1,café\n".encode("latin-1"))
    page = _refused(client, "evil.csv", b"session,table,prompt,text\npilot,Table 1,1,=1+1\n")
    assert "Row 2, column D" in page and "formula" in page
    assert "@" in _refused(client, "at.csv", b"session,table,prompt,text\npilot,Table 1,1,@SUM(A1)\n")
    assert "not a real .xlsx" in _refused(client, "fake.xlsx", b"session,table,prompt,text\n")
    assert "Missing: prompt" in _refused(client, "cols.csv", b"session,table,text\npilot,Table 1,x\n")
    book = Workbook()
    book.active.append(["session", "table", "prompt", "text"])
    book.active.append(["pilot", "Table 1", 1, "=HYPERLINK(\"http://x\")"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert "column D" in _refused(client, "formula.xlsx", buffer.getvalue())
    assert _count(app) == 0


def test_too_large_file_is_refused(make_app, signed_in, client, app):
    app.config["NOTE_IMPORT_MAX_BYTES"] = 100
    signed_in("organizer")
    page = _refused(client, "big.csv", b"session,table,prompt,text\n" + b"pilot,Table 1,1,words\n" * 20)
    assert "too large" in page


def test_preview_belongs_to_the_organizer_who_uploaded_it(app, client, signed_in, make_user, auth):
    make_session(app)
    signed_in("organizer")
    page = _upload(client, "paper.csv", GOOD.encode()).get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)
    auth.logout()
    signed_in("admin")
    response = client.post("/admin/notes/import/commit", data={"token": token}, follow_redirects=True)
    assert "expired" in response.get_data(as_text=True)
    assert _count(app) == 0
