"""Every CSV download, found in the URL map rather than listed by hand, says what it is
once: ``Content-Type: text/csv; charset=utf-8`` (a second ``charset`` made some clients
refuse it), and starts with the byte-order mark that lets Excel read non-Latin text."""
import re
import secrets
from datetime import timedelta

import pytest
from factories import make_session
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
    Theme,
    User,
)

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
ARGUMENT = re.compile(r"<(?:[^>]*:)?(\w+)>")


@pytest.fixture
def published(app, client, signed_in):
    """A past session with a registration and a note, a run with an accepted theme, and its
    report published. Returns the values that fill the download routes' arguments."""
    ids = make_session(app, starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        author = User(email="csv-notes@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        db.session.add(Registration(
            session_id=session.id, name="Лейла Ахмед", email="leila@example.org",
            preferred_language="ru", status="attended", manage_token_hash=secrets.token_hex(32)))
        db.session.flush()
        note = Note(session_id=session.id, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                    author_id=author.id, text="الشوارع مظلمة جدا في الليل", language="ar",
                    is_quote=True)
        db.session.add(note)
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=1)
        db.session.add(run)
        db.session.flush()
        theme = Theme(run_id=run.id, key="t1", position=1, machine_label="street light",
                      label="Dark streets", summary="Streets are dark.", status="accepted")
        db.session.add(theme)
        db.session.flush()
        db.session.add(NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine"))
        db.session.commit()
        run_id = run.id
    signed_in("admin")
    response = publish_report(client, run_id, {"title": "What we heard"})
    assert response.status_code == 302, response.data
    with app.app_context():
        report_id = db.session.scalar(select(Report.id))
    return {"session_id": ids["session"], "run_id": run_id, "report_id": report_id, "number": 1}


def _csv_urls(app, values):
    """One URL per route that can answer with a CSV file."""
    urls = []
    for rule in app.url_map.iter_rules():
        if "csv" not in rule.rule:
            continue

        def fill(match, rule=rule):
            name = match.group(1)
            if name in (rule.defaults or {}):
                return str(rule.defaults[name])
            if name in ("kind", "fmt"):
                return "csv"
            assert name in values, f"{rule.rule}: the test has no value for <{name}>"
            return str(values[name])

        urls.append(ARGUMENT.sub(fill, rule.rule))
    return urls


def test_every_csv_download_names_its_charset_once(app, client, published):
    urls = _csv_urls(app, published)
    # The organizers' roster, needs and notes, the draft report of a run, and the public report
    # (latest and numbered version, themes and quotes).
    assert len(urls) >= 9, urls
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        content_type = response.headers["Content-Type"]
        assert content_type == CSV_CONTENT_TYPE, (url, content_type)
        assert response.headers["Content-Type"].count("charset") == 1, url
        assert response.data.startswith("\ufeff".encode("utf-8")), url
        assert "attachment" in response.headers["Content-Disposition"], url
