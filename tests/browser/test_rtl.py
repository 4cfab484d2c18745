"""Arabic mirrors: the brand sits on the right, labels and fields line up on the right, dates
are formatted by the Arabic locale, and contact details and links stay left to right inside the
Arabic text. A screenshot of the Arabic registration page at 360 px is saved to test-results/."""
import re

import pytest
from babel.dates import format_date
from browser.a11y_support import RESULTS

# Builds its own SQLite city: the PostgreSQL pass of make test leaves it out.
pytestmark = pytest.mark.own_database

ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture
def arabic(live_server, demo, page):
    page.context.add_cookies([{"name": "heard_lang", "value": "ar", "url": live_server.url}])
    return page


def _box(page, selector):
    return page.locator(selector).first.bounding_box()


def _text_box(page, selector):
    """Where the text of an element is drawn (a block label is as wide as the form)."""
    return page.locator(selector).first.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); const b = r.getBoundingClientRect();"
        " return {x: b.x, width: b.width}; }")


def test_header_and_form_mirror_in_arabic(live_server, arabic):
    page = arabic
    page.goto(live_server.url + "/sessions/library-evening/register")
    assert page.locator("html").get_attribute("dir") == "rtl"
    width = page.viewport_size["width"]
    brand, nav = _box(page, ".brand"), _box(page, ".staff-nav")
    # The brand starts the header: on the right in Arabic, the staff link to its left.
    assert brand["x"] + brand["width"] > width - 40
    assert nav["x"] < brand["x"]
    # Labels and fields start on the right edge of the form.
    label, field = _text_box(page, "label[for=name]"), _box(page, "#name")
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) <= 2
    assert label["x"] > field["x"] + 10  # the label's text is shorter than the field
    assert page.locator("label[for=name]").evaluate("e => getComputedStyle(e).direction") == "rtl"
    # A checkbox sits to the right of its label.
    box, box_label = _box(page, "#childcare_needed"), _box(page, "label[for=childcare_needed]")
    assert box["x"] > box_label["x"]

    # The same page in English keeps the usual order.
    page.context.add_cookies([{"name": "heard_lang", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/sessions/library-evening/register")
    brand, nav = _box(page, ".brand"), _box(page, ".staff-nav")
    assert brand["x"] < 40 and nav["x"] > brand["x"]
    label, field = _text_box(page, "label[for=name]"), _box(page, "#name")
    assert abs(label["x"] - field["x"]) <= 2


def test_arabic_registration_page_screenshot(live_server, arabic):
    page = arabic
    page.goto(live_server.url + "/sessions/library-evening/register")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # Arabic interface text, not English (the form's labels come from the catalogue).
    assert ARABIC.search(page.locator("h1").inner_text())
    assert ARABIC.search(page.locator("label[for=name]").inner_text())
    assert ARABIC.search(page.locator("form.registration button[type=submit]").inner_text())
    RESULTS.mkdir(exist_ok=True)
    shot = RESULTS / "rtl-register-ar-360.png"
    png = page.screenshot(path=str(shot), full_page=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000


def test_dates_and_contact_details_read_correctly_in_arabic(app, live_server, arabic):
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from app.extensions import db
    from app.models import ListeningSession

    page = arabic
    with app.app_context():
        session = db.session.scalar(select(ListeningSession).where(ListeningSession.slug == "library-evening"))
        day = session.starts_at.astimezone(ZoneInfo(session.timezone)).date()
    page.goto(live_server.url + "/sessions/library-evening")
    when = page.locator(".facts dd").first.inner_text()
    # The Arabic locale's own day and month names, e.g. "الأربعاء، 2 ديسمبر 2026".
    assert format_date(day, "full", locale="ar") in when

    page.goto(live_server.url + "/sessions/library-evening/register")
    page.fill("#name", "سلمى")
    page.fill("#email", "salma@example.org")
    page.fill("#phone", "+1 206 555 0199")
    page.locator("form.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/"))
    # Phone numbers, addresses and the private link keep their left-to-right order.
    assert page.locator("bdi[dir=ltr]", has_text="+1 206 555 0199").count() == 1
    assert page.locator("bdi[dir=ltr]", has_text="salma@example.org").count() == 1
    assert page.locator("#manage-link").get_attribute("dir") == "ltr"
    # The "+" stays in front of the number: isolated LTR text is laid out left to right.
    phone = page.locator("bdi[dir=ltr]", has_text="+1 206 555 0199")
    assert phone.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
