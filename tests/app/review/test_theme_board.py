"""The theme board and theme editing: counts, quotes and filters on the run page; rename,
merge, split, move, quote, exclude, mark reviewed, each recorded with who did it."""
import html as htmllib
import re

import pytest
import theme_board_data
from sqlalchemy import event, select

from app.extensions import db
from app.models import AuditEntry, Note, NoteTheme, Theme, ThemeLink


@pytest.fixture
def data(app, client, signed_in):
    ids = theme_board_data.build(app)
    ids["user"] = signed_in("analyst")
    return ids


def board(client, ids, **query):
    response = client.get(f"/review/runs/{ids['run']}", query_string=query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def card(page, theme_id):
    """The board card of one theme, as text with tags kept."""
    match = re.search(rf'<li class="card theme-card" id="theme-{theme_id}">(.*?)</li>\s*(?=<li class="card|</ul>)',
                      page, re.S)
    assert match, f"no card for theme {theme_id}"
    return htmllib.unescape(match.group(1))


def facts(card_html):
    """{"Notes": "4", ...} from the card's definition list."""
    return {dt: re.sub(r"<[^>]+>", "", dd).strip()
            for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", card_html, re.S)}


def flashes(client, url):
    page = client.get(url).get_data(as_text=True)
    return htmllib.unescape(" ".join(re.findall(r'<p class="flash[^"]*">(.*?)</p>', page, re.S)))


def audit_actions(app, **where):
    with app.app_context():
        query = select(AuditEntry)
        for key, value in where.items():
            query = query.where(getattr(AuditEntry, key) == value)
        return [(e.action, e.user_id, e.details) for e in db.session.scalars(query.order_by(AuditEntry.id))
                if not e.action.startswith("auth.")]


# --- The board -------------------------------------------------------------------------

def test_board_counts_leave_out_excluded_and_deleted_notes(client, data):
    a = card(board(client, data), data["a"])
    # n1, n2, n3, n5: n4 is excluded from the theme and n6 was deleted.
    assert facts(a)["Notes"] == "4"
    assert facts(a)["Tables"] == "3"
    assert facts(a)["Sessions"] == "2"
    assert facts(a)["Languages"].startswith("3")
    assert "English" in a and "Español" in a and "Tiếng Việt" in a
    assert "1 new" in a
    assert "lights, street, dark" in a
    assert facts(card(board(client, data), data["b"]))["Notes"] == "2"


def test_board_quotes_are_quotes_then_typical_notes_never_sensitive(client, data):
    a = card(board(client, data), data["a"])
    assert "The streetlights on Elm go dark every night." in a  # flagged quote
    assert "Faltan luces en el parque." in a  # representative: the fallback
    assert "Typical note (not marked as a quote)" in a
    assert "Tôi bị theo dõi" not in a  # a sensitive quote never shows
    assert "the bus is the problem" not in a  # excluded
    assert a.index("The streetlights on Elm") < a.index("Faltan luces")
    c = card(board(client, data), data["c"])
    assert "No quote among these notes yet." in c


@pytest.mark.parametrize("query, expected_a, expected_b", [
    ({"session": "s2"}, {"Notes": "2", "Tables": "1", "Sessions": "1"}, {"Notes": "1"}),
    ({"table": "t1"}, {"Notes": "1", "Tables": "1"}, {"Notes": "1"}),
    ({"prompt": "p1"}, {"Notes": "2", "Tables": "2", "Sessions": "1"}, {"Notes": "1"}),
    ({"language": "es"}, {"Notes": "1"}, {"Notes": "1"}),
])
def test_filters_change_counts_and_quotes(client, data, query, expected_a, expected_b):
    query = {key: (value if key == "language" else data[value]) for key, value in query.items()}
    page = board(client, data, **query)
    assert "Counts and quotes show only the notes that match the filter." in page
    a, b = facts(card(page, data["a"])), facts(card(page, data["b"]))
    assert {k: a[k] for k in expected_a} == expected_a
    assert {k: b[k] for k in expected_b} == expected_b
    # The form keeps the choice, so the filter is visible and can be changed without JavaScript.
    name, value = next(iter(query.items()))
    assert re.search(rf'<select[^>]*name="{name}"', page)
    assert f'<option selected value="{value}">' in page


def test_filter_by_session_drops_quotes_from_elsewhere(client, data):
    a = card(board(client, data, session=data["s2"]), data["a"])
    assert "Elm" not in a and "Faltan luces" not in a
    assert "No quote among these notes yet." in a
    assert "1 new" in a  # n5 came from the school day


def test_unknown_filter_values_are_ignored(client, data):
    page = board(client, data, session="nonsense", table="999999", language="xx")
    assert "match the filter" not in page
    assert facts(card(page, data["a"]))["Notes"] == "4"


def test_board_uses_a_few_queries_whatever_the_number_of_themes(app, data):
    from app.models import AnalysisRun
    from app.services.insights import theme_review

    with app.app_context():
        run = db.session.get(AnalysisRun, data["run"])
        assert len(run.themes) == 3
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            cards = theme_review.board(run, theme_review.BoardFilter(language="en"))
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert len(statements) <= 3
        assert [c.notes for c in cards] == [2, 1, 0]


def test_board_lists_filter_choices_by_name(client, data):
    page = board(client, data)
    for text in ("Library night: Blue table", "School day: Gym table", "Library night: What makes you feel safe?",
                 "简体中文", "All languages"):
        assert text in htmllib.unescape(page)


# --- Rename ----------------------------------------------------------------------------

def test_rename_shows_the_machine_label_and_is_recorded(app, client, data):
    response = client.post(f"/review/themes/{data['a']}", data={"label": "Dark streets", "summary": "",
                                                                "status": "accepted"})
    assert response.status_code == 302
    a = card(board(client, data), data["a"])
    assert "Dark streets" in a and "Suggested name: lights / street / dark" in a and "Accepted" in a
    action, user_id, details = audit_actions(app, action="theme.update")[-1]
    assert user_id == data["user"] and details["old_label"] == "lights / street / dark"


# --- Merge -----------------------------------------------------------------------------

def test_merge_chosen_themes_on_the_board(app, client, data):
    page = board(client, data)
    assert 'form="merge-form"' in page and 'id="merge-form"' in page
    response = client.post(f"/review/runs/{data['run']}/merge",
                           data={"themes": [data["a"], data["b"]], "into": "", "label": "Getting home safely"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/review/themes/{data['a']}")
    with app.app_context():
        a, b = db.session.get(Theme, data["a"]), db.session.get(Theme, data["b"])
        assert (b.status, b.merged_into_id) == ("merged", a.id)
        assert a.label == "Getting home safely"
        moved = db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == data["n7"]))
        assert (moved.theme_id, moved.assigned_by, moved.user_id) == (a.id, "person", data["user"])
        # The bus theme's suggested link came along.
        assert db.session.get(ThemeLink, data["link_b"]).theme_id == a.id
    page = board(client, data)
    assert facts(card(page, data["a"]))["Notes"] == "6"
    assert f'id="theme-{data["b"]}"' not in page
    assert "Merged and rejected themes" in page
    actions = [action for action, _u, _d in audit_actions(app, user_id=data["user"])]
    assert "theme.merge" in actions and "theme.merged_into" in actions
    # The merged theme's page says where it went and offers no editing.
    theme_page = client.get(f"/review/themes/{data['b']}").get_data(as_text=True)
    assert "This theme was merged into another one:" in theme_page and "Getting home safely" in theme_page
    assert "Save the theme" not in theme_page


def test_merge_into_a_chosen_theme_keeps_its_name(app, client, data):
    client.post(f"/review/runs/{data['run']}/merge",
                data={"themes": [data["a"], data["c"]], "into": str(data["c"])})
    with app.app_context():
        assert db.session.get(Theme, data["a"]).merged_into_id == data["c"]
        assert db.session.get(Theme, data["c"]).label == "park / bench"


def test_merge_needs_two_themes(app, client, data):
    client.post(f"/review/runs/{data['run']}/merge", data={"themes": [data["a"]], "into": ""})
    assert "Choose at least two themes to merge." in flashes(client, f"/review/runs/{data['run']}")
    with app.app_context():
        assert db.session.get(Theme, data["a"]).status == "suggested"


def test_merge_into_from_the_theme_page(app, client, data):
    page = client.get(f"/review/themes/{data['c']}").get_data(as_text=True)
    assert "Merge this theme into" in page
    response = client.post(f"/review/themes/{data['c']}/merge", data={"into": data["b"]})
    assert response.headers["Location"].endswith(f"/review/themes/{data['b']}")
    with app.app_context():
        assert db.session.get(Theme, data["c"]).status == "merged"
        assert db.session.scalar(select(NoteTheme.theme_id).where(NoteTheme.note_id == data["n9"])) == data["b"]
    # A merged theme cannot take more merges or notes.
    client.post(f"/review/themes/{data['a']}/merge", data={"into": data["c"]})
    with app.app_context():
        assert db.session.get(Theme, data["a"]).status == "suggested"


# --- Split -----------------------------------------------------------------------------

def test_split_chosen_notes_into_a_new_theme(app, client, data):
    page = client.get(f"/review/themes/{data['a']}").get_data(as_text=True)
    assert f'name="note_ids" value="{data["n5"]}" form="bulk-form"' in page
    response = client.post(f"/review/themes/{data['a']}/split",
                           data={"note_ids": [data["n5"], data["n2"]], "label": "Lights near schools"})
    assert response.status_code == 302
    with app.app_context():
        new = db.session.scalar(select(Theme).where(Theme.label == "Lights near schools"))
        assert new.run_id == data["run"] and new.id != data["a"]
        assignments = db.session.scalars(select(NoteTheme).where(NoteTheme.theme_id == new.id)).all()
        assert sorted(a.note_id for a in assignments) == sorted([data["n5"], data["n2"]])
        assert all(a.assigned_by == "person" and a.user_id == data["user"] for a in assignments)
        new_id = new.id
    assert response.headers["Location"].endswith(f"/review/themes/{new_id}")
    page = board(client, data)
    assert facts(card(page, new_id))["Notes"] == "2"
    assert facts(card(page, data["a"]))["Notes"] == "2"
    assert "theme.split" in [a for a, _u, _d in audit_actions(app)]


def test_split_needs_notes_and_a_name(app, client, data):
    client.post(f"/review/themes/{data['a']}/split", data={"label": "Nothing chosen"})
    assert "Choose the notes that go into the new theme." in flashes(client, f"/review/themes/{data['a']}")
    client.post(f"/review/themes/{data['a']}/split", data={"note_ids": [data["n1"]], "label": "  "})
    assert "Give the new theme a name." in flashes(client, f"/review/themes/{data['a']}")
    with app.app_context():
        assert len(db.session.scalars(select(Theme).where(Theme.run_id == data["run"])).all()) == 3


# --- Notes: move, quote, exclude, reviewed ---------------------------------------------

def test_theme_page_tells_machine_and_person_placements_apart(client, data):
    client.post(f"/review/themes/{data['b']}/move", data={"note_id": data["n7"], "theme": data["a"]})
    page = client.get(f"/review/themes/{data['a']}").get_data(as_text=True)
    moved = page[page.index(f'id="note-{data["n7"]}"'):]
    assert "Placed here by a person" in moved[:moved.index("</li>")]
    machine = page[page.index(f'id="note-{data["n1"]}"'):]
    assert "Placed here by the analysis" in machine[:machine.index("</li>")]


def test_mark_and_unmark_a_quote(app, client, data):
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n2"], "change": "quote"})
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n1"], "change": "unquote"})
    with app.app_context():
        assert db.session.get(Note, data["n2"]).is_quote is True
        assert db.session.get(Note, data["n1"]).is_quote is False
    assert [a for a, _u, _d in audit_actions(app, user_id=data["user"])] == ["note.quote", "note.unquote"]
    a = card(board(client, data), data["a"])
    assert "Faltan luces" in a and "Typical note" not in a  # a quote now
    assert "Elm" not in a  # neither a quote nor typical any more


def test_a_sensitive_note_cannot_be_a_quote(app, client, data):
    with app.app_context():
        db.session.get(Note, data["n3"]).is_quote = False
        db.session.commit()
    page = client.get(f"/review/themes/{data['a']}").get_data(as_text=True)
    note = page[page.index(f'id="note-{data["n3"]}"'):]
    note = note[:note.index("</li>")]
    assert "A sensitive note cannot be a quote." in note and 'value="quote"' not in note
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n3"], "change": "quote"})
    assert "cannot be a quote" in flashes(client, f"/review/themes/{data['a']}")
    with app.app_context():
        assert db.session.get(Note, data["n3"]).is_quote is False


def test_exclude_and_include_a_note(app, client, data):
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n1"], "change": "exclude"})
    a = card(board(client, data), data["a"])
    assert facts(a)["Notes"] == "3" and "Elm" not in a
    page = client.get(f"/review/themes/{data['a']}").get_data(as_text=True)
    assert "2 notes are excluded" in page and "Include again" in page
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n1"], "change": "include"})
    assert facts(card(board(client, data), data["a"]))["Notes"] == "4"
    assert [a for a, _u, _d in audit_actions(app, user_id=data["user"])] == ["theme.exclude_note", "theme.include_note"]


def test_mark_a_new_note_reviewed(app, client, data):
    page = client.get(f"/review/themes/{data['a']}").get_data(as_text=True)
    assert "1 note came in after the review began." in page
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n5"], "change": "reviewed"})
    with app.app_context():
        assert db.session.scalar(select(NoteTheme.is_new).where(NoteTheme.note_id == data["n5"])) is False
    assert " new</span>" not in card(board(client, data), data["a"])
    assert audit_actions(app, action="theme.reviewed")[0][2] == {"note_ids": [data["n5"]]}


def test_mark_all_new_notes_reviewed(app, client, data):
    with app.app_context():
        for assignment in db.session.scalars(select(NoteTheme).where(NoteTheme.theme_id == data["b"])):
            assignment.is_new = True
        db.session.commit()
    assert "2 new" in card(board(client, data), data["b"])
    client.post(f"/review/themes/{data['b']}/reviewed")
    assert "2 notes marked as reviewed." in flashes(client, f"/review/themes/{data['b']}")
    assert "new</span>" not in card(board(client, data), data["b"])


def test_a_note_of_another_theme_is_refused(app, client, data):
    client.post(f"/review/themes/{data['a']}/notes", data={"note_id": data["n7"], "change": "exclude"})
    assert "That note is not in this theme any more." in flashes(client, f"/review/themes/{data['a']}")
    with app.app_context():
        assert db.session.scalar(select(NoteTheme.excluded).where(NoteTheme.note_id == data["n7"])) is False


def test_move_to_a_merged_theme_is_refused(app, client, data):
    client.post(f"/review/themes/{data['c']}/merge", data={"into": data["b"]})
    client.post(f"/review/themes/{data['a']}/move", data={"note_id": data["n1"], "theme": data["c"]})
    with app.app_context():
        assert db.session.scalar(select(NoteTheme.theme_id).where(NoteTheme.note_id == data["n1"])) == data["a"]
