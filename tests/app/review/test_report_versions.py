"""One report per engagement: a later run's themes publish the next version of the same report,
after a preview of what the public will see, the changes since the public version, and a
confirmation that names the engagement. Nothing public changes before the confirmation."""
import re
from datetime import timedelta

import flask_migrate
import pytest
from factories import make_session
from sqlalchemy import select, text
from support import publish_report

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    AuditEntry,
    ListeningSession,
    Note,
    NoteTheme,
    Report,
    ReportVersion,
    Theme,
    ThemeLink,
    User,
)

TEXTS = {
    "dark": "The streets are dark on the way home.",
    "lamps": "Half the lamps on Elm are out.",
    "fear": "I am afraid walking at night.",
    "bus": "The 7 bus never comes on time.",
    "park": "The park needs benches.",
    "kids": "Kids cross the dark underpass to school.",
    "secret": "My neighbour at 14 Elm Street threatens us.",
}


def _run(engagement_id, themes, notes):
    """A finished run with accepted themes {label: [note keys]}, the first note of each a quote."""
    run = AnalysisRun(engagement_id=engagement_id, status="done", note_count=len(notes))
    db.session.add(run)
    db.session.flush()
    ids = {}
    for position, (label, keys) in enumerate(themes.items(), start=1):
        theme = Theme(run_id=run.id, key=f"t{position}", position=position, machine_label=label, label=label,
                      status="accepted")
        db.session.add(theme)
        db.session.flush()
        ids[label] = theme.id
        for key in keys:
            db.session.add(NoteTheme(note_id=notes[key].id, theme_id=theme.id, assigned_by="machine"))
    db.session.commit()
    return run.id, ids


@pytest.fixture
def engagement(app):
    """A held session with notes and a first run (themes "Dark streets" and "Buses late")."""
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        author = User(email="n@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        db.session.flush()
        notes = {}
        for index, (key, words) in enumerate(TEXTS.items()):
            notes[key] = Note(session_id=session.id, table_id=ids["tables"][index % 2], prompt_id=ids["prompts"][0],
                              author_id=author.id, text=words, language="en",
                              is_quote=key in ("dark", "bus", "kids", "park", "secret"),
                              is_sensitive=key == "secret")
        db.session.add_all(notes.values())
        db.session.flush()
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        item = ActionItem(position=1, number="1.1", goal="Safer streets", action_step="Fix the lamps",
                          departments="Public Works", status="in_progress")
        plan.items.append(item)
        db.session.add(plan)
        run1, themes1 = _run(session.engagement_id, {"Dark streets": ["dark", "lamps", "fear"],
                                                     "Buses late": ["bus"]}, notes)
        db.session.add(ThemeLink(theme_id=themes1["Dark streets"], action_item_id=item.id, status="confirmed"))
        db.session.commit()
        return {"engagement": session.engagement_id, "run1": run1, "themes1": themes1, "item": item.id,
                "notes": {k: n.id for k, n in notes.items()}}


def _second_run(app, engagement):
    """A later run: "Dark streets" comes back as "Streets without light" with one more note (and
    quote), "Buses late" is gone, "Parks" is new; the action is linked to the renamed theme."""
    with app.app_context():
        notes = {key: db.session.get(Note, note_id) for key, note_id in engagement["notes"].items()}
        run2, themes2 = _run(engagement["engagement"], {"Streets without light": ["dark", "lamps", "fear", "kids"],
                                                        "Parks": ["park", "secret"]}, notes)
        db.session.add(ThemeLink(theme_id=themes2["Streets without light"], action_item_id=engagement["item"],
                                 status="confirmed"))
        db.session.commit()
        return run2, themes2


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _page(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_a_later_run_publishes_the_next_version_of_the_one_report(app, client, engagement, analyst):
    response = publish_report(client, engagement["run1"], {"title": "What We Heard", "introduction": "Thanks."})
    assert response.status_code == 302
    run2, themes2 = _second_run(app, engagement)
    # The second run's report page already holds the engagement's report text.
    assert 'value="What We Heard"' in _page(client.get(f"/review/runs/{run2}/report"))
    response = publish_report(client, run2, {"title": "What We Heard", "introduction": "Thanks again."})
    assert response.status_code == 302
    with app.app_context():
        report = db.session.scalar(select(Report))
        assert db.session.scalar(select(db.func.count(Report.id))) == 1
        assert [v.number for v in report.versions] == [1, 2]
        assert report.run_id == run2
        report_id = report.id
    public = app.test_client()
    index = _page(public.get("/reports/"))
    assert index.count(f'href="/reports/{report_id}"') == 1 and "Version 2" in index
    current = _page(public.get(f"/reports/{report_id}"))
    assert "Streets without light" in current and "Buses late" not in current
    old = _page(public.get(f"/reports/{report_id}/v/1"))
    assert "Buses late" in old and "earlier version" in old and f'href="/reports/{report_id}"' in old
    # The tracker links the action to the current version's theme only.
    tracker = _page(public.get("/progress"))
    assert "Streets without light" in tracker and "Dark streets" not in tracker


def test_the_preview_shows_the_changes_and_the_public_page_as_it_will_be(app, client, engagement, analyst):
    publish_report(client, engagement["run1"], {"title": "What We Heard"})
    run2, _themes2 = _second_run(app, engagement)
    response = client.post(f"/review/runs/{run2}/report", data={"title": "What We Heard", "publish": "y"})
    assert response.headers["Location"].endswith(f"/review/runs/{run2}/report/publish")
    page = _page(client.get(f"/review/runs/{run2}/report/publish"))
    changes = page[page.index('id="changes"'):page.index('id="preview-heading"')]
    assert re.search(r'class="diff-added">.*Parks', changes, re.S)
    assert re.search(r'class="diff-removed">.*Buses late', changes, re.S)
    assert "Dark streets is now Streets without light" in changes
    assert TEXTS["kids"] in changes[changes.index("diff-quotes-in"):]
    assert TEXTS["bus"] in changes[changes.index("diff-quotes-out"):]
    assert TEXTS["secret"] not in page  # a sensitive note is never a quote, in the preview either
    counts = changes[changes.index('class="diff-counts"'):]
    assert re.search(r"Notes in Streets without light</th><td>3</td><td>4</td>", counts)
    # The preview is the public page's own article.
    preview = page[page.index('<article class="report">'):page.index("</article>")]
    assert "Streets without light" in preview and "Version 2" in preview
    assert "Pilot listening" in page[page.index('id="confirm-heading"'):]


def test_nothing_is_public_before_the_engagement_is_named(app, client, engagement, analyst):
    response = client.post(f"/review/runs/{engagement['run1']}/report", data={"title": "What We Heard",
                                                                            "publish": "y"})
    assert response.status_code == 302
    page = _page(client.get(f"/review/runs/{engagement['run1']}/report/publish"))
    seen = re.search(r'name="seen" type="hidden" value="([^"]+)"', page).group(1)
    url = f"/review/runs/{engagement['run1']}/report/publish"
    for wrong in ("", "yes", "Pilot", "eng-pilot-x"):
        response = client.post(url, data={"confirmation": wrong, "seen": seen, "publish": "y"})
        assert response.status_code == 200 and b'aria-invalid="true"' in response.data, wrong
    with app.app_context():
        assert db.session.scalar(select(ReportVersion.id)) is None
        assert db.session.scalar(select(Report.status)) == "draft"
    assert "No report has been published yet" in _page(app.test_client().get("/reports/"))
    # Typed in another case with extra spaces, the name is accepted.
    response = client.post(url, data={"confirmation": "  pilot   LISTENING ", "seen": seen, "publish": "y"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ReportVersion.id))) == 1
        assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.action == "report.publish"))


def test_a_change_after_the_preview_is_refused_until_seen(app, client, engagement, analyst):
    client.post(f"/review/runs/{engagement['run1']}/report", data={"title": "What We Heard", "publish": "y"})
    url = f"/review/runs/{engagement['run1']}/report/publish"
    seen = re.search(r'name="seen" type="hidden" value="([^"]+)"', _page(client.get(url))).group(1)
    with app.app_context():  # someone renames a theme meanwhile
        db.session.get(Theme, engagement["themes1"]["Dark streets"]).label = "Lamps out"
        db.session.commit()
    response = client.post(url, data={"confirmation": "Pilot listening", "seen": seen, "publish": "y"})
    page = _page(response)
    assert "changed since this preview" in page and "Lamps out" in page
    with app.app_context():
        assert db.session.scalar(select(ReportVersion.id)) is None
    fresh = re.search(r'name="seen" type="hidden" value="([^"]+)"', page).group(1)
    assert fresh != seen
    response = client.post(url, data={"confirmation": "Pilot listening", "seen": fresh, "publish": "y"})
    assert response.status_code == 302


def test_publish_page_needs_a_saved_report_and_an_accepted_theme(app, client, engagement, analyst):
    url = f"/review/runs/{engagement['run1']}/report/publish"
    assert client.get(url).status_code == 302  # nothing saved yet: back to the report page
    with app.app_context():
        for theme in db.session.scalars(select(Theme)):
            theme.status = "suggested"
        db.session.commit()
    response = client.post(f"/review/runs/{engagement['run1']}/report", data={"title": "T", "publish": "y"})
    assert response.status_code == 200 and b"Accept at least one theme" in response.data
    assert client.get("/review/runs/999999/report/publish").status_code == 404


def test_the_migration_folds_an_engagements_reports_into_one(make_app, tmp_path):
    """Before a15b0c0de5a1 a run had its report; after it the engagement has one, its versions
    in publication order, and the old addresses lead to the moved versions."""
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/fold.sqlite3")
    with app.app_context():
        flask_migrate.upgrade(revision="da8ca0fa9149")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO engagements (id, slug, default_language, organization) "
                              "VALUES (1, 'e', 'en', '')"))
            for report_id, status, created in ((1, "published", "2026-10-01"), (2, "published", "2026-11-01"),
                                               (3, "draft", "2026-11-15")):
                conn.execute(text(
                    "INSERT INTO reports (id, engagement_id, title, introduction, status, published_at, created_at) "
                    "VALUES (:i, 1, :t, '', :s, :c, :c)"), {"i": report_id, "t": f"Report {report_id}", "s": status,
                                                             "c": created})
            for version_id, report_id, number, published in ((1, 1, 1, "2026-10-02"), (2, 2, 1, "2026-11-02"),
                                                             (3, 1, 2, "2026-11-20")):
                conn.execute(text(
                    "INSERT INTO report_versions (id, report_id, number, published_at, snapshot) "
                    "VALUES (:i, :r, :n, :p, :s)"),
                    {"i": version_id, "r": report_id, "n": number, "p": published,
                     "s": f'{{"title": "v{version_id}", "themes": [], "sessions": [], "totals": {{}}}}'})
            conn.execute(text("INSERT INTO content_translations (kind, object_id, language, text, source_hash, "
                              "origin) VALUES ('report.title', 3, 'es', 'Informe 3', '', 'person')"))
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id, title, status FROM reports")).all() == [(1, "Report 3", "published")]
            rows = conn.execute(text("SELECT id, report_id, number, legacy_report_id, legacy_number "
                                     "FROM report_versions ORDER BY number")).all()
            assert rows == [(1, 1, 1, None, None), (2, 1, 2, 2, 1), (3, 1, 3, None, None)]
            assert conn.execute(text("SELECT object_id FROM content_translations")).scalars().all() == [1]
        client = app.test_client()
        response = client.get("/reports/2")
        assert response.status_code == 301 and response.headers["Location"].endswith("/reports/1/v/2")
        response = client.get("/reports/2/v/1.csv")
        assert response.status_code == 301 and response.headers["Location"].endswith("/reports/1/v/2.csv")
        assert client.get("/reports/2/v/5").status_code == 404
        flask_migrate.downgrade(revision="da8ca0fa9149")
        flask_migrate.upgrade()
