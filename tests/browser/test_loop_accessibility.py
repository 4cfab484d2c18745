"""Closing the loop in the browser: the public report with the city's responses, the tracker with
the themes each action answers, a resident's private page with what came of their session, the
unsubscribe page, and the staff's response form pass axe-core in English and Arabic on a 360 px
phone, with nothing wider than the screen."""
import re
from datetime import date, timedelta

import pytest
from browser.a11y_support import AXE, run_axe, set_language
from loop_data import build_loop
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import Registration, Report, Theme, User
from app.platform import outbox
from app.services.policy import digests, responses
from app.services.registration.registrations import hash_token
from app.services.reports import snapshots


@pytest.fixture
def closed_loop(app):
    data = build_loop(app)
    with app.test_request_context():
        admin = User(email="boss@example.org", name="Admin", role="admin")
        admin.set_password(PASSWORDS["admin"])
        db.session.add(admin)
        db.session.commit()
        dark = db.session.get(Theme, data["themes"]["Dark streets"])
        buses = db.session.get(Theme, data["themes"]["Buses late"])
        responses.save_response(admin, dark, state="partly_adopted", reason="Lamps on Elm are fixed first.",
                                answered_by="Public Works")
        responses.save_response(admin, buses, state="under_consideration", reason="Studying later buses.",
                                decision_due=date.today() - timedelta(days=1))
        seed = outbox.new_link_seed()
        token = outbox.manage_token(seed)
        registration = Registration(session_id=data["session"], name="Amina", email="amina@example.org",
                                    email_key="amina@example.org", preferred_language="ar", consent_followup=True,
                                    status="attended", manage_token_hash=hash_token(token), manage_link_seed=seed)
        db.session.add(registration)
        db.session.commit()
        run = db.session.get(type(dark.run), data["run"])
        snapshots.save_report(admin, run, title="What We Heard", introduction="Thank you.", publish=True)
        unsubscribe = digests.unsubscribe_url(registration.id)
        return {**data, "token": token, "report": db.session.scalar(select(Report.id)),
                "unsubscribe": unsubscribe[unsubscribe.index("/unsubscribe/"):]}


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")
@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_loop_pages_pass_axe_on_a_phone(app, closed_loop, make_user, live_server, page, context, code):
    base = live_server.url
    set_language(context, base, code)
    paths = [f"/reports/{closed_loop['report']}", "/progress", f"/r/{closed_loop['token']}",
             closed_loop["unsubscribe"]]
    found = {}

    def check(path):
        response = page.goto(base + path)
        assert response.status == 200, (path, response.status)
        assert page.locator("html").get_attribute("lang") == code
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path
        violations = run_axe(page)
        if violations:
            found[path] = violations

    for path in paths:
        check(path)
    page.goto(base + f"/r/{closed_loop['token']}")
    assert page.locator("section.trail .response").count() == 2
    # The staff's response form on the theme page.
    _user_id, email = make_user("analyst")
    page.goto(base + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["analyst"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"^(?!.*sign-in)"))
    check(f"/review/themes/{closed_loop['themes']['Dark streets']}")
    assert not found, found
