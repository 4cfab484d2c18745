"""The door on the day, on a 360-px phone and a tablet: the check-in list shows each person's
needs in words without sideways scrolling, and it, the walk-in form of a full session and the
beyond-capacity question pass axe-core (in English and in Arabic)."""
from datetime import timedelta

import pytest
from browser.a11y_support import AXE, run_axe, set_language
from support import PASSWORDS

from app.models.types import utcnow
from app.services.registration import registrations
from app.services.sessions import organize

pytestmark = pytest.mark.skipif(not AXE.exists(), reason="axe-core is installed by make test (npm ci)")

LONG_WORD = "Gluten-free-dairy-free-nut-free-and-no-sesame-please-thank-you-very-much"
PEOPLE = [
    dict(name="Ana López", email="ana@example.org", interpretation_language="es", childcare_needed=True,
         children_count=2, children_ages=[1, 4], access_needs=["asl"], dietary=LONG_WORD),
    dict(name="ليلى حسن", email="layla@example.org", interpretation_language="ar",
         access_needs=["wheelchair", "cart", "large_print", "other"],
         access_other="يرجى حجز مقعد قريب من الباب ومن المترجم"),
    # The room is full now: the next one waits.
    dict(name="Faadumo Cali", phone="+1 612 555 0101", interpretation_language="so", childcare_needed=True,
         children_count=3, children_ages=[2, 6, 11], dietary="Halal"),
]


def _full_session(app):
    with app.app_context():
        engagement = organize.create_engagement(None, "door", "en", {"en": "At the door"})
        starts = utcnow() + timedelta(days=3)
        session = organize.create_session(None, engagement.id, dict(
            slug="door", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Community Room", venue_address="1 Main St", capacity=2,
            interpretation_languages=["es", "ar", "so"], childcare_offered=True,
        ), {"en": {"title": "Evening at the Community Room"}})
        organize.publish(None, session.id)
        ids = [registrations.register(session.id, dict(person, preferred_language="en")).registration_id
               for person in PEOPLE]
        return session.id, ids


def _sign_in(page, url, email):
    page.goto(url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["organizer"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _fits(page):
    """No sideways scrolling, and every need sits inside the window."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    width = page.evaluate("window.innerWidth")
    for need in page.locator(".need").all():
        box = need.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, (need.inner_text(), box, width)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_check_in_list_shows_needs_on_a_phone_and_a_tablet_and_passes_axe(
        app, make_user, live_server, page, context, code):
    session_id, (ana, layla, faadumo) = _full_session(app)
    _user_id, email = make_user("organizer")
    set_language(context, live_server.url, code)
    _sign_in(page, live_server.url, email)
    checkin = f"{live_server.url}/admin/sessions/{session_id}/checkin"
    found = {}
    for width, height in ((360, 740), (768, 1024)):
        page.set_viewport_size({"width": width, "height": height})
        assert page.goto(checkin).status == 200
        assert page.locator("html").get_attribute("lang") == code
        rows = {person["name"]: page.locator(".checkin-row", has_text=person["name"]) for person in PEOPLE}
        assert all(row.count() == 1 for row in rows.values())
        needs = {name: row.locator(".need").all_inner_texts() for name, row in rows.items()}
        if code == "en":
            assert needs["Ana López"] == ["Interpreter: Español", "ASL interpreter",
                                          "Childcare: 2 children (Ages: 1, 4)", f"Food: {LONG_WORD}"]
            assert needs["ليلى حسن"][:4] == ["Interpreter: العربية", "Live captioning (CART)", "Wheelchair access",
                                             "Large print"]
            assert needs["Faadumo Cali"] == ["Interpreter: Soomaali", "Childcare: 3 children (Ages: 2, 6, 11)",
                                             "Food: Halal"]
        else:
            assert [len(n) for n in needs.values()] == [4, 5, 3]
        arabic = rows["ليلى حسن"].locator("bdi[lang=ar]")
        assert arabic.get_attribute("dir") == "rtl" and arabic.inner_text() == "العربية"
        assert rows["Ana López"].locator("bdi[lang=es]").get_attribute("dir") == "ltr"
        for row in rows.values():
            assert row.locator(".need").first.is_visible()
        _fits(page)
        # The session is full: the walk-in form says so and asks for the box.
        assert page.locator(".capacity-warning input[type=checkbox]").count() == 1
        violations = run_axe(page)
        if violations:
            found[(width, "list")] = violations
        if width == 360:
            # A walk-in without the box: refused, the error by the box, the name kept.
            page.fill("#walkin-name", "Wanda")
            page.locator("form:has(#walkin-name) button[type=submit]").click()
            assert page.locator("#walkin-beyond_capacity-error").is_visible()
            assert page.locator("#walkin-name").input_value() == "Wanda"
            _fits(page)
            violations = run_axe(page)
            if violations:
                found[(width, "walk-in refused")] = violations
            # Faadumo waits; at the door the organizer is asked first, then seats her.
            page.goto(checkin)
            rows["Faadumo Cali"].locator("button[type=submit]").click()
            assert "/beyond-capacity" in page.url
            assert page.locator(".need").count() == 3
            _fits(page)
            violations = run_axe(page)
            if violations:
                found[(width, "beyond capacity")] = violations
            page.locator("main form button[type=submit]").click()  # without the box: refused
            assert "/beyond-capacity" in page.url and page.locator(".error-summary").is_visible()
            violations = run_axe(page)
            if violations:
                found[(width, "beyond capacity refused")] = violations
            page.check("#confirm")
            page.locator("main form button[type=submit]").click()
            assert page.url.startswith(checkin)
            assert page.locator(".checkin-row", has_text="Faadumo Cali").locator("button").count() == 1
    assert not found, found
