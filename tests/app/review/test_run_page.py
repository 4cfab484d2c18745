"""The run page says one thing at a time: while the analysis runs, only its progress (no "Waiting
to start · 0 notes" beside "15 % done"), no themes, no report actions; when done, the notes in no
theme are a count with a link to their own list, not the whole list."""
import re
from datetime import timedelta

import pytest
from factories import make_session

from app.extensions import db
from app.models import AnalysisRun, ListeningSession, Note, NoteTheme, Theme


@pytest.fixture
def engagement(app, signed_in):
    signed_in("analyst")
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-2))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        notes = [Note(session_id=session.id, table_id=ids["tables"][0], prompt_id=ids["prompts"][1],
                      text=f"A thing people said, number {i}", language="en") for i in range(60)]
        db.session.add_all(notes)
        db.session.commit()
        return {"engagement": session.engagement_id, "notes": [n.id for n in notes]}


def _run(app, engagement, **fields):
    with app.app_context():
        run = AnalysisRun(engagement_id=engagement["engagement"], **fields)
        db.session.add(run)
        db.session.commit()
        return run.id


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(("fields", "says", "never"), [
    ({"status": "queued", "progress": 0, "stage": "queued"}, "Waiting to start", "% done"),
    ({"status": "queued", "progress": 15, "stage": "themes"}, "15% done: Finding themes", "Waiting to start"),
    ({"status": "running", "progress": 40, "stage": "tagging"}, "40% done: Tagging", "Waiting to start"),
])
def test_a_running_analysis_shows_one_state(app, client, engagement, fields, says, never):
    run_id = _run(app, engagement, note_count=0, **fields)
    page = _text(client.get(f"/review/runs/{run_id}").get_data(as_text=True))
    assert says in page and never not in page
    assert "0 notes" not in page
    for absent in ("Write the report", "Edit the report", "Notes in no theme", "A thing people said"):
        assert absent not in page


def test_a_finished_analysis_summarises_the_notes_in_no_theme(app, client, engagement):
    run_id = _run(app, engagement, status="done", stage="done", progress=100, note_count=60)
    with app.app_context():
        theme = Theme(run_id=run_id, key="t1", position=1, machine_label="x", label="Things", status="suggested")
        db.session.add(theme)
        db.session.flush()
        for note_id in engagement["notes"][:5]:
            db.session.add(NoteTheme(note_id=note_id, theme_id=theme.id, assigned_by="machine"))
        db.session.commit()
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "55 notes are in no theme." in _text(html) and f'href="/review/runs/{run_id}/unassigned"' in html
    assert html.count("A thing people said") <= 3  # a card's quotes at most, never the whole list
    assert "Write the report" in html
    listing = client.get(f"/review/runs/{run_id}/unassigned").get_data(as_text=True)
    assert listing.count('class="card" id="note-') == 50 and "Page 1 of 2" in listing
    assert "What should the city do?" in listing and "Pilot session" in listing
    rest = client.get(f"/review/runs/{run_id}/unassigned?page=2").get_data(as_text=True)
    assert rest.count('class="card" id="note-') == 5
    assert client.get("/review/runs/999999/unassigned").status_code == 404


def test_report_actions_wait_for_themes(app, client, engagement):
    run_id = _run(app, engagement, status="done", stage="done", progress=100, note_count=60)
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "Write the report" not in html and "No themes to review yet" in html
