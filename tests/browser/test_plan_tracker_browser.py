"""The public plan tracker on a 360 px phone, in English and in Arabic: axe-core finds no WCAG
A or AA violation, nothing scrolls sideways, each measure's chart mirrors in Arabic (time runs
from the right), its table is its text alternative, and the status history opens without
JavaScript. A screenshot is saved to test-results/."""
import pytest
from browser.a11y_support import AXE, RESULTS, axe_violations, start_axe
from sqlalchemy import select

from app.extensions import db
from app.models import ActionPlan

# Uses the live server on the test database like test_tracker_rtl.py; left out of the PostgreSQL pass.
pytestmark = pytest.mark.own_database

if not AXE.exists():
    pytest.skip("axe-core is missing: run `npm ci` at the repository root", allow_module_level=True)


@pytest.fixture
def plan_path(app, demo):
    with app.app_context():
        return f"/progress/plans/{db.session.scalar(select(ActionPlan.id))}"


def _open(page, live_server, path, language):
    page.context.add_cookies([{"name": "heard_lang", "value": language, "url": live_server.url}])
    page.goto(live_server.url + path)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_plan_tracker_is_axe_clean_and_fits_a_phone(live_server, plan_path, page, language):
    _open(page, live_server, plan_path, language)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.locator("details.status-history summary").first.click()  # opened, so axe checks its list too
    start_axe(page)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"plan-tracker-{language}-360.png"), full_page=True)


def test_the_chart_mirrors_in_arabic(live_server, plan_path, page):
    def first_points(language):
        _open(page, live_server, plan_path, language)
        figure = page.locator("figure.measure").first
        assert figure.locator("svg.measure-svg").get_attribute("aria-hidden") == "true"
        assert figure.locator("table caption").is_visible()
        dots = figure.locator("circle.measure-dot")
        return [dots.nth(i).bounding_box()["x"] for i in range(dots.count())]

    english, arabic = first_points("en"), first_points("ar")
    assert len(english) == len(arabic) >= 2
    assert english[0] < english[-1]  # later readings to the right
    assert arabic[0] > arabic[-1]  # and to the left in Arabic


def test_status_history_opens_without_javascript(browser, live_server, plan_path):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server.url + plan_path)
        history = page.locator("details.status-history").first
        assert not history.locator("ol").is_visible()
        history.locator("summary").click()
        assert history.locator("ol li").first.is_visible()
        assert page.locator("#reviews").is_visible()
    finally:
        context.close()
