"""A theme's page at size: controls before the notes, notes a page at a time with filters, each
note with its session, table and prompt, and several notes moved, excluded or quoted at once
(one transaction, an audit entry per note, sensitive notes refused as quotes and named)."""
import re
from datetime import timedelta

import pytest
from factories import make_session
from sqlalchemy import select

from app.extensions import db
from app.models import AnalysisRun, AuditEntry, Code, Codebook, ListeningSession, Note, NoteTag, NoteTheme, Theme, User
from app.services.insights import theme_notes


@pytest.fixture
def big_theme(app):
    """A theme of 60 notes (two tables, two prompts, en and es, a "safety" tag on every third,
    the 7th sensitive) and a second theme."""
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-2))
    with app.app_context():
        author = User(email="n@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        run = AnalysisRun(engagement_id=db.session.get(ListeningSession, ids["session"])
                          .engagement_id, status="done", note_count=61)
        db.session.add(run)
        db.session.flush()
        big = Theme(run_id=run.id, key="t1", position=1, machine_label="streets", label="Dark streets",
                    status="suggested")
        other = Theme(run_id=run.id, key="t2", position=2, machine_label="buses", label="Buses", status="suggested")
        codebook = Codebook(engagement_id=run.engagement_id, name="City codes")
        codebook.codes.append(Code(key="safety", position=1, translations={"en": {"name": "Safety"}}))
        db.session.add_all([big, other, codebook])
        db.session.flush()
        notes = []
        for index in range(60):
            note = Note(session_id=ids["session"], table_id=ids["tables"][index % 2],
                        prompt_id=ids["prompts"][index % 2], author_id=author.id,
                        text=f"Street note number {index:02d}", language="es" if index % 5 == 0 else "en",
                        is_sensitive=index == 7)
            db.session.add(note)
            notes.append(note)
        db.session.flush()
        for index, note in enumerate(notes):
            db.session.add(NoteTheme(note_id=note.id, theme_id=big.id, assigned_by="machine"))
            if index % 3 == 0:
                db.session.add(NoteTag(note_id=note.id, code_id=codebook.codes[0].id, assigned_by="machine"))
        db.session.commit()
        return {"theme": big.id, "other": other.id, "notes": [n.id for n in notes], "tables": ids["tables"],
                "prompts": ids["prompts"], "session": ids["session"], "code": codebook.codes[0].id}


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _shown(page):
    return [int(n) for n in re.findall(r'<li class="card theme-note[^"]*" id="note-(\d+)"', page)]


def test_controls_come_first_and_notes_come_a_page_at_a_time(client, big_theme, analyst):
    page = _page(client, f"/review/themes/{big_theme['theme']}")
    assert page.index('id="bulk-form"') < page.index('id="links"') < page.index('id="notes"')
    assert page.count('id="note-') == 25
    assert "60 notes in this theme" in page and "Page 1 of 3" in page
    # One list of themes for the whole page, not one per note.
    assert page.count("No theme (unassigned)") == 1
    # Each note says where it was said: session, table, prompt.
    first = page[page.index(f'id="note-{big_theme["notes"][0]}"'):]
    first = first[:first.index("</li>")]
    assert "Pilot session" in first and "Table 1" in first and "Where do you feel safe?" in first
    last = _page(client, f"/review/themes/{big_theme['theme']}?page=3")
    assert len(_shown(last)) == 10 and 'rel="prev"' in last and 'rel="next"' not in last
    # A page beyond the end shows the last one; nonsense shows the first.
    assert _shown(_page(client, f"/review/themes/{big_theme['theme']}?page=99")) == _shown(last)
    assert len(_shown(_page(client, f"/review/themes/{big_theme['theme']}?page=x%00"))) == 25


@pytest.mark.parametrize(("query", "expected"), [
    ("table={t1}", lambda i: i % 2 == 1),
    ("prompt={p0}", lambda i: i % 2 == 0),
    ("language=es", lambda i: i % 5 == 0),
    ("tag={code}", lambda i: i % 3 == 0),
    ("language=es&tag={code}", lambda i: i % 15 == 0),
    ("session={session}&language=zz&table=999999999999", lambda i: True),  # unknown values are ignored
])
def test_filters_keep_the_notes_asked_for(client, big_theme, analyst, query, expected):
    query = query.format(t1=big_theme["tables"][1], p0=big_theme["prompts"][0], code=big_theme["code"],
                         session=big_theme["session"])
    wanted = [n for i, n in enumerate(big_theme["notes"]) if expected(i)]
    shown = []
    for number in range(1, 4):
        shown += _shown(_page(client, f"/review/themes/{big_theme['theme']}?{query}&page={number}"))
    assert sorted(set(shown)) == sorted(wanted)
    if len(wanted) < 25:
        page = _page(client, f"/review/themes/{big_theme['theme']}?{query}")
        assert f"{len(wanted)} note" in page and "Page 1 of" not in page


def test_moving_five_notes_at_once_is_one_change_with_an_entry_per_note(app, client, big_theme, analyst):
    chosen = big_theme["notes"][:5]
    response = client.post(f"/review/themes/{big_theme['theme']}/bulk", data={
        "note_ids": chosen, "action": "move", "target": big_theme["other"], "back": "language=en&page=2&evil=1"})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert "language=en" in location and "page=2" in location and "evil" not in location
    with app.app_context():
        moved = db.session.scalars(select(NoteTheme).where(NoteTheme.theme_id == big_theme["other"])).all()
        assert sorted(a.note_id for a in moved) == sorted(chosen)
        assert all(a.assigned_by == "person" for a in moved)
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "theme.move_note")).all()
        assert sorted(e.details["note_id"] for e in entries) == sorted(chosen)
    assert "5 notes changed." in _page(client, f"/review/themes/{big_theme['theme']}")


def test_quoting_several_refuses_the_sensitive_one_and_says_which(app, client, big_theme, analyst):
    chosen = big_theme["notes"][5:10]  # the 7th note (index 7) is sensitive
    client.post(f"/review/themes/{big_theme['theme']}/bulk", data={"note_ids": chosen, "action": "quote"})
    page = _page(client, f"/review/themes/{big_theme['theme']}")
    assert "4 notes changed." in page
    assert f"#{big_theme['notes'][7]} “Street note number 07”" in page
    with app.app_context():
        quoted = db.session.scalars(select(Note.id).where(Note.is_quote.is_(True))).all()
        assert sorted(quoted) == sorted(set(chosen) - {big_theme["notes"][7]})


def test_excluding_and_including_several(app, client, big_theme, analyst):
    chosen = big_theme["notes"][10:13]
    client.post(f"/review/themes/{big_theme['theme']}/bulk", data={"note_ids": chosen, "action": "exclude"})
    with app.app_context():
        excluded = db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.excluded.is_(True))).all()
        assert sorted(excluded) == sorted(chosen)
    assert "3 notes are excluded" in _page(client, f"/review/themes/{big_theme['theme']}")
    client.post(f"/review/themes/{big_theme['theme']}/bulk", data={"note_ids": chosen, "action": "include"})
    with app.app_context():
        assert not db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.excluded.is_(True))).all()


@pytest.mark.parametrize("data", [
    {"action": "move", "target": "none"},  # no note chosen
    {"note_ids": ["{n}"], "action": "shred"},
    {"note_ids": ["{n}"], "action": ""},
    {"note_ids": ["{n}"], "action": "move", "target": ""},
    {"note_ids": ["{n}"], "action": "move", "target": "{theme}"},  # into itself
    {"note_ids": ["{n}"], "action": "move", "target": "999999999999999999999"},
    {"note_ids": ["999999"], "action": "exclude"},
])
def test_bad_bulk_requests_change_nothing(app, client, big_theme, analyst, data):
    data = {key: ([v.format(n=big_theme["notes"][0]) for v in value] if isinstance(value, list)
                  else value.format(theme=big_theme["theme"]))
            for key, value in data.items()}
    response = client.post(f"/review/themes/{big_theme['theme']}/bulk", data=data)
    assert response.status_code in (302, 400)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(NoteTheme.id)).where(
            NoteTheme.theme_id == big_theme["theme"], NoteTheme.excluded.is_(False))) == 60
        assert not db.session.scalars(select(AuditEntry.id).where(AuditEntry.action.like("theme.%"))).all()


def test_bulk_change_service_skips_notes_of_other_themes(app, big_theme):
    with app.app_context():
        theme = db.session.get(Theme, big_theme["theme"])
        user = User(email="a@example.org", name="Analyst", role="analyst")
        user.set_password("analyst-password-1")
        db.session.add(user)
        db.session.commit()
        result = theme_notes.bulk_change(user, theme, [big_theme["notes"][0], 10**9], "exclude")
        assert result.changed == [big_theme["notes"][0]] and result.refused == []


def test_split_from_the_bulk_form(app, client, big_theme, analyst):
    chosen = big_theme["notes"][20:23]
    response = client.post(f"/review/themes/{big_theme['theme']}/bulk", data={
        "note_ids": chosen, "action": "split", "label": "Underpasses"})
    with app.app_context():
        new = db.session.scalar(select(Theme).where(Theme.label == "Underpasses"))
        assert sorted(a.note_id for a in new.assignments) == sorted(chosen)
    assert response.headers["Location"].endswith(f"/review/themes/{new.id}")
