"""Staff pages of the policy chain pass axe-core on a phone, in English and in Arabic:
engagements, resolutions and the plan import, the review home, codebook and tag review, run
comparison and the report page. (The theme board, theme and coverage pages are checked in
test_analyst_day.py; residents' and notetakers' pages in test_accessibility.py.)"""
import pytest
from browser.a11y_support import AXE, run_axe, set_language
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import Codebook, Engagement, Resolution, User
from app.services.insights import codebook as codebooks
from app.services.insights import runs

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")


def _pages(app):
    with app.app_context():
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        engagement = db.session.scalar(select(Engagement).order_by(Engagement.id))
        first = runs.start_run(admin, engagement.id, n_themes=4)
        second = runs.start_run(admin, engagement.id, n_themes=5)
        codebooks.import_shipped_codebook(admin, engagement)
        db.session.commit()
        codebook = db.session.scalar(select(Codebook).where(Codebook.engagement_id == engagement.id))
        resolution = db.session.scalar(select(Resolution).order_by(Resolution.id))
        assert first.id != second.id
        return [
            "/admin/", "/admin/engagements/", "/admin/engagements/new", f"/admin/engagements/{engagement.id}/edit",
            "/admin/policy", f"/admin/policy/resolutions/{resolution.id}", "/admin/policy/plans/import",
            "/review/", f"/review/codebook?engagement={engagement.id}", f"/review/codebook/{codebook.id}/tags",
            f"/review/runs/{second.id}/compare", f"/review/runs/{second.id}/report",
        ]


@pytest.mark.parametrize("code", ["en", "ar"])
def test_staff_pages_of_the_policy_chain_pass_axe(app, demo, make_user, live_server, page, context, code):
    paths = _pages(app)
    _user_id, email = make_user("admin")
    set_language(context, live_server.url, code)
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["admin"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    found = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == code
        violations = run_axe(page)
        if violations:
            found[path] = violations
    assert not found, found
