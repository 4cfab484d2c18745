"""While an analysis runs, its page follows the progress without a timed reload, and shows
the themes once the run is done."""
from playwright.sync_api import expect
from support import PASSWORDS

from app.extensions import db
from app.models import AnalysisRun, Engagement
from app.models.types import utcnow


def test_the_progress_bar_follows_the_run_and_the_themes_appear_at_the_end(app, make_user, live_server, page):
    with app.app_context():
        engagement = Engagement(slug="progress-city", default_language="en")
        db.session.add(engagement)
        db.session.flush()
        run = AnalysisRun(engagement_id=engagement.id, status="running", stage="themes", progress=15,
                          started_at=utcnow())
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    _user_id, email = make_user("analyst")
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["analyst"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/review/runs/{run_id}")
    expect(page.locator("#run-progress [role=status]")).to_contain_text("15% done")
    page.evaluate("window.__samePage = true")  # gone if the page reloads

    with app.app_context():
        row = db.session.get(AnalysisRun, run_id)
        row.stage, row.progress = "links", 75
        db.session.commit()
    expect(page.locator("#run-progress progress")).to_have_attribute("value", "75", timeout=15000)
    expect(page.locator("#run-progress [role=status]")).to_contain_text("75% done")
    assert page.evaluate("window.__samePage === true")  # updated in place, not reloaded

    with app.app_context():
        row = db.session.get(AnalysisRun, run_id)
        row.status, row.stage, row.progress, row.finished_at = "done", "done", 100, utcnow()
        db.session.commit()
    expect(page.locator("#run-progress")).to_have_count(0, timeout=15000)
    assert page.evaluate("window.__samePage === undefined")  # loaded once to show the themes
