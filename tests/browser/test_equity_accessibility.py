"""The equity view passes axe-core on a phone (360 px), in English and in Arabic: the staff
page (funnel tables with their SVG bars, baselines, questions) and the public report's "who
took part" section; the registration form with its optional questions too."""
import pytest
from browser.a11y_support import AXE, run_axe, set_language
from sqlalchemy import update
from support import PASSWORDS

from app.demo import equity
from app.extensions import db
from app.models import Engagement, ListeningSession
from app.services.registration import roster

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")


def _setup(app):
    from tests.app.admin.test_equity_pages import _publish
    from tests.app.public.test_equity_questions import make_equity_session
    from tests.app.services.equity.test_equity_privacy import _add_tables

    engagement_id, session_id = make_equity_session(app, kinds=())
    _add_tables(app, session_id, 3)
    _e, upcoming = make_equity_session(app, slug="west-hall")  # every question on its form
    with app.app_context():
        for n in range(40):
            roster.add_walk_in(None, session_id, f"Walk {n}", beyond_capacity=True)
        db.session.execute(update(ListeningSession).where(ListeningSession.id == upcoming)
                           .values(status="published"))
        db.session.commit()
        equity.load(None, db.session.get(Engagement, engagement_id), with_no_shows=False)
    report_id = _publish(app, engagement_id)
    return engagement_id, report_id


@pytest.mark.parametrize("code", ["en", "ar"])
def test_equity_pages_pass_axe(app, make_user, live_server, page, context, code):
    engagement_id, report_id = _setup(app)
    set_language(context, live_server.url, code)
    found = {}
    for path in (f"/reports/{report_id}", "/sessions/west-hall/register"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == code
        if path.startswith("/reports/"):
            assert page.locator("#who-took-part").count() == 1
        found[path] = run_axe(page)
        # Nothing sticks out of a 360 px screen but the scrolling tables, which scroll themselves.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    _user_id, email = make_user("organizer")
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["organizer"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    path = f"/admin/engagements/{engagement_id}/equity"
    response = page.goto(live_server.url + path)
    assert response.status == 200
    page.locator("details summary").first.click()  # the baseline form, opened
    found[path] = run_axe(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not any(found.values()), found
