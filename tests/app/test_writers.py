"""Every writer (XLSX and CSV exports, the report's DOCX and CSV files, calendar files, mail)
copes with whatever text is stored: rows written before text was cleaned where it enters
may hold control characters or noncharacters, and JSON snapshots may hold lone surrogates.
Such characters are dropped; the rest of the text is kept."""
import csv
import email
import email.policy
import io
import os
from datetime import timedelta

import docx
import pytest
from factories import make_session
from openpyxl import load_workbook
from sqlalchemy import select
from support import publish_report

from app.extensions import db
from app.models import (
    AnalysisRun,
    ListeningSession,
    Note,
    NoteTheme,
    Registration,
    Report,
    SessionTranslation,
    Theme,
    User,
)
from app.platform import exports
from app.services.reports import files

# C0 controls except tab, line feed and carriage return, and the two noncharacters. NUL only
# where the database stores it (PostgreSQL refuses it in text).
BAD = [chr(code) for code in range(1, 0x20) if chr(code) not in "\t\n\r"] + ["\ufffe", "\uffff"]


def _bad_characters(app):
    return BAD + (["\x00"] if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") else [])


def _clean(text):
    return "".join(char for char in text if char not in BAD + ["\x00"])


@pytest.fixture
def legacy(app):
    """A session whose notes, theme names and quotes each hold one bad character, stored
    directly (as rows from before entry cleaning would be), with an accepted theme per note."""
    ids = make_session(app, starts_in=timedelta(days=-1))
    bad = _bad_characters(app)
    with app.app_context():
        author = User(email="notes@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        session = db.session.get(ListeningSession, ids["session"])
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=len(bad))
        db.session.add_all([author, run])
        db.session.add(Registration(session_id=session.id, name="Ana\x0bLópez\x01", email="ana@example.org",
                                    preferred_language="es", status="confirmed", manage_token_hash="0" * 64))
        db.session.flush()
        texts = []
        for index, char in enumerate(bad):
            text = f"Lights{char} on Elm {index}"
            texts.append(text)
            note = Note(session_id=session.id, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                        author_id=author.id, text=text, language="en", is_quote=True,
                        translation_en=f"In{char} English {index}")
            theme = Theme(run_id=run.id, key=f"t{index}", position=index, machine_label="lights",
                          label=f"Dark{char}streets {index}", summary=f"Summary{char} {index}", status="accepted")
            db.session.add_all([note, theme])
            db.session.flush()
            db.session.add(NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine"))
        db.session.commit()
        return {"session": session.id, "run": run.id, "texts": texts}


def _assert_clean_and_kept(text, expected):
    for char in BAD + ["\x00"]:
        assert char not in text, repr(char)
    for value in expected:
        assert _clean(value) in text


def test_notes_and_roster_exports_drop_bad_characters(app, client, signed_in, legacy):
    signed_in("organizer")
    session_id = legacy["session"]
    response = client.get(f"/admin/sessions/{session_id}/notes.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    cells = "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None)
    _assert_clean_and_kept(cells, legacy["texts"])
    response = client.get(f"/admin/sessions/{session_id}/notes.csv")
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    _assert_clean_and_kept(text, legacy["texts"])
    assert len(list(csv.reader(io.StringIO(text)))) == len(legacy["texts"]) + 1
    for kind in ("xlsx", "csv"):
        response = client.get(f"/admin/sessions/{session_id}/roster.{kind}")
        assert response.status_code == 200
        body = response.data.decode("utf-8-sig") if kind == "csv" else "\n".join(
            str(v) for row in load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True) for v in row)
        assert "AnaLópez" in body


def _docx_text(data):
    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_report_files_drop_bad_characters(app, client, signed_in, legacy):
    signed_in("analyst")
    run_id = legacy["run"]
    labels = [f"Dark{char}streets {index}" for index, char in enumerate(_bad_characters(app))]
    draft = client.get(f"/review/runs/{run_id}/report.docx")
    assert draft.status_code == 200
    _assert_clean_and_kept(_docx_text(draft.data), labels + legacy["texts"])
    response = publish_report(client, run_id, {"title": "What we heard", "introduction": "Thank you."})
    assert response.status_code == 302
    with app.app_context():
        report_id = db.session.scalar(select(Report.id))
    public = app.test_client()
    response = public.get(f"/reports/{report_id}.docx")
    assert response.status_code == 200
    _assert_clean_and_kept(_docx_text(response.data), labels + legacy["texts"])
    for path in (f"/reports/{report_id}.csv", f"/reports/{report_id}/quotes.csv"):
        response = public.get(path)
        assert response.status_code == 200
        _assert_clean_and_kept(response.data.decode("utf-8-sig"), labels)


def test_a_snapshot_with_lone_surrogates_and_a_long_title_still_writes():
    """Snapshots are JSON, which can carry lone surrogates back from the database."""
    snapshot = {
        "title": "Report\ud800 " + "long " * 80, "introduction": "Intro\udfff\x0b text",
        "engagement": {"default_language": "en", "names": {"en": "Harbor\ufffe"}},
        "sessions": [], "totals": {"sessions": 0, "attendance": 0, "languages": []},
        "themes": [{"label": "Dark\ud83dstreets", "statement": "Stop\x0c", "counts": {
            "notes": 1, "tables": 1, "sessions": 1, "languages": {"en": 1}},
            "quotes": [{"text": "Lights\udc00 please", "language": "en", "translation_en": "x\x01"}],
            "clauses": [], "actions": []}],
    }
    from app import create_app

    with create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"}).test_request_context():
        text = _docx_text(files.to_docx(snapshot, "en"))
        assert "Darkstreets" in text and "Lights please" in text and "Intro text" in text
        for data in (files.themes_csv(snapshot), files.quotes_csv(snapshot)):
            assert "Darkstreets" in data.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(exports.to_xlsx(["a\ud800"], [["b\udfff\x0b", "=c\x01"]]))).active
    assert list(sheet.iter_rows(values_only=True)) == [("a", None), ("b", "'=c")]


def test_calendar_files_and_mail_drop_bad_characters(app, client):
    ids = make_session(app, starts_in=timedelta(days=5))
    title = "Pilot" + "".join(_bad_characters(app)) + "\x85\u2028 session"
    with app.app_context():
        translation = db.session.scalar(select(SessionTranslation).where(
            SessionTranslation.session_id == ids["session"]))
        translation.title = title
        translation.description = "Come\x0b and\x01 talk."
        db.session.get(ListeningSession, ids["session"]).venue_name = "Library\x0c"
        db.session.commit()
    calendar = client.get("/sessions/pilot/calendar.ics")
    assert calendar.status_code == 200
    ics_text = calendar.get_data(as_text=True)
    assert "SUMMARY:Pilot" in ics_text and "Come and talk." in ics_text
    _assert_clean_and_kept(ics_text, ["Library"])
    response = client.post("/sessions/pilot/register", data={"name": "Rosa", "email": "rosa@example.org"})
    response.close()  # messages go out once the response is done
    assert response.status_code in (302, 303)
    folder = app.config["OUTBOX_DIR"]
    [name] = [f for f in os.listdir(folder) if f.endswith(".eml")]
    with open(os.path.join(folder, name), "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert "Pilot session" in " ".join(message["Subject"].split())
    body = message.get_body(("plain",)).get_content()
    attachment = next(part for part in message.iter_attachments() if part.get_content_type() == "text/calendar")
    _assert_clean_and_kept(message["Subject"] + body + attachment.get_content(), ["Library"])
