"""Adding a note to a theme by hand: only a note the analysis covers, and in none of its themes."""
import pytest
import theme_board_data
from factories import make_session
from sqlalchemy import select

from app.extensions import db
from app.models import AnalysisRun, Note, NoteTheme, Theme


@pytest.fixture
def board(app, client, signed_in):
    ids = theme_board_data.build(app)
    other = make_session(app, slug="other-engagement")  # another engagement, with its own notes
    with app.app_context():
        def note(text, session_id, table_id, prompt_id):
            n = Note(session_id=session_id, table_id=table_id, prompt_id=prompt_id, text=text, language="en")
            db.session.add(n)
            db.session.flush()
            return n.id

        ids["free_s1"] = note("A free note of the library night.", ids["s1"], ids["t1"], ids["p1"])
        ids["free_s2"] = note("A free note of the school day.", ids["s2"], ids["t3"], ids["p3"])
        ids["foreign"] = note("A note of another engagement.", other["session"], other["tables"][0],
                              other["prompts"][0])
        # A second analysis of the library night only, with one theme.
        narrow = AnalysisRun(engagement_id=ids["engagement"], status="done", note_count=4,
                             params={"session_ids": [ids["s1"]]})
        db.session.add(narrow)
        db.session.flush()
        theme = Theme(run_id=narrow.id, key="t0", position=0, machine_label="x", label="Library only", keywords=[])
        db.session.add(theme)
        db.session.commit()
        ids["narrow_theme"] = theme.id
    signed_in("analyst")
    return ids


def _in_theme(app, theme_id):
    with app.app_context():
        return set(db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == theme_id)))


@pytest.mark.parametrize("theme, note", [
    ("narrow_theme", "free_s2"),  # a session the analysis does not cover
    ("narrow_theme", "foreign"),  # another engagement
    ("a", "foreign"),
    ("a", "n6"),  # deleted
    ("b", "n1"),  # already in another theme of the analysis
    ("c", "n7"),
])
def test_a_note_the_analysis_does_not_offer_is_refused(app, client, board, theme, note):
    before = _in_theme(app, board[theme])
    response = client.post(f"/review/themes/{board[theme]}/add-note", data={"note_id": board[note]})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'class="flash flash-error"' in page
    assert _in_theme(app, board[theme]) == before


@pytest.mark.parametrize("theme, note", [("narrow_theme", "free_s1"), ("a", "free_s2"), ("b", "free_s1")])
def test_a_note_of_the_analysis_in_no_theme_is_added(app, client, board, theme, note):
    response = client.post(f"/review/themes/{board[theme]}/add-note", data={"note_id": board[note]})
    assert response.status_code == 302
    assert board[note] in _in_theme(app, board[theme])
