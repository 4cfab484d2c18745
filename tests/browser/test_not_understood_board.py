"""The theme board of a run that read notes with the encoder lists the notes the model does not
understand apart, flagged and counted, and stays axe-clean on a phone in English and Arabic."""
from datetime import timedelta

import pytest
from browser.a11y_support import AXE, run_axe, set_language
from support import PASSWORDS

from app.extensions import db
from app.models import (
    AnalysisRun,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Note,
    NoteTheme,
    SessionTable,
    SessionTranslation,
    Theme,
)
from app.models.types import utcnow

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")

HMONG = "Peb xav kom muaj teeb pom kev hauv tiaj ua si thaum tsaus ntuj"


def _run_with_a_note_not_understood(app):
    """A finished run that read notes by meaning (as theme_finding.perform_run records it): one
    theme, and a Hmong note without a translation left out of it."""
    with app.app_context():
        engagement = Engagement(slug="eng-meaning", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Meaning"))
        starts = utcnow() - timedelta(days=1)
        session = ListeningSession(engagement=engagement, slug="held", starts_at=starts,
                                   ends_at=starts + timedelta(hours=2), timezone="UTC", venue_name="Hall",
                                   venue_address="1 Main St", capacity=30, status="published")
        session.translations.append(SessionTranslation(language="en", title="Held"))
        session.tables.append(SessionTable(name="Table 1", position=1))
        db.session.add(session)
        db.session.flush()
        notes = [Note(session_id=session.id, table_id=session.tables[0].id, text=text, language=language)
                 for language, text in [("en", "The bus comes too late at night"),
                                        ("es", "El autobús pasa muy tarde por la noche"), ("hmn", HMONG)]]
        db.session.add_all(notes)
        db.session.flush()
        run = AnalysisRun(engagement_id=engagement.id, status="done", stage="done", progress=100, note_count=3,
                          params={"themes": "auto", "seed": 0, "encoder": "multilingual",
                                  "not_understood": [notes[2].id]})
        theme = Theme(run=run, key="t1", position=0, machine_label="Late buses", label="Late buses",
                      keywords=["bus"])
        theme.assignments.extend(NoteTheme(note_id=n.id, assigned_by="machine", representative=True)
                                 for n in notes[:2])
        db.session.add_all([run, theme])
        db.session.commit()
        return run.id


@pytest.mark.parametrize("code", ["en", "ar"])
def test_notes_not_understood_are_flagged_apart_and_the_board_passes_axe(app, make_user, live_server, page,
                                                                         context, code):
    run_id = _run_with_a_note_not_understood(app)
    _user_id, email = make_user("analyst")
    set_language(context, live_server.url, code)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["analyst"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    response = page.goto(f"{live_server.url}/review/runs/{run_id}")
    assert response.status == 200
    flagged = page.locator("ul.not-understood li")
    assert flagged.count() == 1 and HMONG in flagged.inner_text()
    assert page.locator("#not-understood .badge").inner_text() == "1"
    assert HMONG not in page.locator("li.theme-card").inner_text()
    if code == "en":
        assert "Not understood by the model" in page.locator("#not-understood").inner_text()
    assert page.locator("ul.not-understood li [lang=hmn]").count() == 1
    assert run_axe(page) == []
