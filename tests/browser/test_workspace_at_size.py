"""The policy team's workspace in the browser (issue 15): an analyst moves five notes at once,
previews and confirms a second version of the report, and the public sees one report with its
two versions; the new and changed pages pass axe-core in English and Arabic on a 360 px phone."""
import re
from datetime import timedelta

import pytest
from browser.a11y_support import AXE, run_axe, set_language
from factories import make_session
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    ListeningSession,
    Note,
    NoteTheme,
    Report,
    Theme,
    ThemeLink,
    User,
)
from app.services.reports import snapshots


@pytest.fixture
def workspace(app):
    """A held session, 40 notes in three languages, a run with two accepted themes (one linked to
    an action) and version 1 of the report published."""
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        admin = User(email="boss@example.org", name="Admin", role="admin")
        admin.set_password(PASSWORDS["admin"])
        db.session.add(admin)
        languages = ("en", "es", "ar")
        notes = [Note(session_id=session.id, table_id=ids["tables"][i % 2], prompt_id=ids["prompts"][i % 2],
                      text=(f"شارع مظلم رقم {i}" if languages[i % 3] == "ar" else f"Dark street number {i}"),
                      language=languages[i % 3], is_quote=i % 4 == 0) for i in range(40)]
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", stage="done", progress=100,
                          note_count=40)
        db.session.add_all([*notes, run])
        db.session.flush()
        lights = Theme(run_id=run.id, key="t1", position=1, machine_label="lights", label="Dark streets",
                       summary="Streets are dark at night.", status="accepted")
        buses = Theme(run_id=run.id, key="t2", position=2, machine_label="buses", label="Late buses",
                      summary="Buses come late.", status="accepted")
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        plan.items.append(ActionItem(position=1, number="1.1", goal="Safer streets", action_step="Fix the lamps"))
        db.session.add_all([lights, buses, plan])
        db.session.flush()
        for index, note in enumerate(notes[:36]):
            db.session.add(NoteTheme(note_id=note.id, theme_id=(lights if index < 30 else buses).id,
                                     assigned_by="machine"))
        db.session.add(ThemeLink(theme_id=lights.id, action_item_id=plan.items[0].id, status="confirmed",
                                 stance="supports"))
        db.session.commit()
        snapshots.save_report(admin, run, title="What We Heard in the Pilot", introduction="Thank you.", publish=True)
        return {"run": run.id, "lights": lights.id, "buses": buses.id, "notes": [n.id for n in notes[:30]],
                "report": db.session.scalar(select(Report.id))}


def _sign_in(page, base, make_user):
    _user_id, email = make_user("analyst")
    page.goto(base + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["analyst"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_an_analyst_moves_five_notes_and_publishes_a_second_version(app, workspace, make_user, live_server, page):
    base = live_server.url
    _sign_in(page, base, make_user)
    page.goto(f"{base}/review/themes/{workspace['lights']}")
    chosen = workspace["notes"][:5]
    for note_id in chosen:
        page.check(f"#pick-{note_id}")
    page.select_option("#action", "move")
    page.select_option("#target", str(workspace["buses"]))
    page.get_by_role("button", name="Apply to the chosen notes").click()
    page.wait_for_load_state()
    assert "5 notes changed." in page.locator(".flash").inner_text()
    with app.app_context():
        moved = db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == workspace["buses"])).all()
        assert set(chosen) <= set(moved)

    page.goto(f"{base}/review/runs/{workspace['run']}/report")
    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/report/publish$"))
    changes = page.locator(".report-diff").inner_text()
    assert "Notes in Late buses" in changes and "Notes in Dark streets" in changes
    assert "Version 2" in page.locator(".report-preview").inner_text()
    page.get_by_label("Type the name of the listening process to confirm").fill("Pilot listening")
    page.get_by_role("button", name="Publish this version").click()
    page.wait_for_url(re.compile(rf"/review/runs/{workspace['run']}/report$"))
    assert "Version 2 of the report is published." in page.locator(".flash").inner_text()

    page.goto(f"{base}/reports/")
    entries = page.locator("main ul.report-list > li")
    assert entries.count() == 1 and "Version 2" in entries.first.inner_text()
    entries.first.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/reports/{workspace['report']}$"))
    versions = page.locator("#versions + ul > li")
    assert versions.count() == 2
    page.get_by_role("link", name="Version 1").click()
    assert "earlier version" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile("Read the current version")).click()
    page.wait_for_url(re.compile(rf"/reports/{workspace['report']}$"))


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")
@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_new_pages_pass_axe_on_a_phone(app, workspace, make_user, live_server, page, context, code):
    base = live_server.url
    set_language(context, base, code)
    _sign_in(page, base, make_user)
    page.goto(f"{base}/review/runs/{workspace['run']}/report")
    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/report/publish$"))
    run, theme = workspace["run"], workspace["lights"]
    paths = [
        f"/review/runs/{run}/report/publish", f"/review/themes/{theme}", f"/review/themes/{theme}?page=2&language=es",
        f"/review/runs/{run}", f"/review/runs/{run}/unassigned", f"/review/runs/{run}/coverage?gaps=y",
        "/reports/", f"/reports/{workspace['report']}",
    ]
    found = {}
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == code
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        violations = run_axe(page)
        if violations:
            found[path] = violations
    assert not found, found
