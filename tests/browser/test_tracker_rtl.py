"""The public action tracker in Arabic on a 360 px phone: the page reads right to left, nothing
scrolls sideways, each chart has its data table as text alternative, and the bars grow from the
right edge (from the left in English). The filters work with JavaScript switched off. A
screenshot is saved to test-results/."""
from datetime import date, timedelta

import pytest
from browser.a11y_support import RESULTS
from factories import make_session

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    ListeningSession,
    Note,
    NoteTheme,
    Theme,
    ThemeLink,
    User,
)

# Uses the live server on the test database like test_rtl.py; left out of the PostgreSQL pass.
pytestmark = pytest.mark.own_database

QUOTE = "نحتاج إلى إنارة أفضل في الطريق إلى المدرسة"


@pytest.fixture
def tracker(app):
    """Four actions in three departments, one overdue, and a published report behind one."""
    from app.services.reports import snapshots

    ids = make_session(app, slug="tracker", starts_in=timedelta(days=-2))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        admin = User(email="admin-tracker@example.org", name="Admin", role="admin")
        admin.set_password("admin-password-1")
        db.session.add(admin)
        note = Note(session_id=session.id, table_id=ids["tables"][0], text=QUOTE, language="ar", is_quote=True)
        run = AnalysisRun(engagement_id=session.engagement_id, status="done")
        db.session.add_all([note, run])
        db.session.flush()
        theme = Theme(run_id=run.id, key="t1", position=1, machine_label="light", label="Safe walk to school",
                      status="accepted")
        db.session.add(theme)
        db.session.flush()
        db.session.add(NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine"))
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        today = date.today()
        plan.items.extend([
            ActionItem(position=1, number="1.1", goal="Safer streets", action_step="Fix street lights near schools",
                       departments="Public Works; Schools", status="in_progress", deadline=today - timedelta(days=5)),
            ActionItem(position=2, number="1.2", goal="Safer streets", action_step="Paint crosswalks",
                       departments="Public Works", status="in_progress", deadline=today + timedelta(days=50)),
            ActionItem(position=3, number="2.1", goal="Belonging", action_step="Welcome packs in nine languages",
                       departments="Communications", status="complete"),
            ActionItem(position=4, number="2.2", goal="Belonging", action_step="Neighbour dinners",
                       departments="Communications", status="not_started"),
        ])
        db.session.add(plan)
        db.session.flush()
        db.session.add(ThemeLink(theme_id=theme.id, action_item_id=plan.items[0].id, status="confirmed",
                                 stance="supports"))
        db.session.commit()
        snapshots.save_report(admin, run, title="What We Heard", introduction="", publish=True)
        return {"first": plan.items[0].id}


def _bar_geometry(page, row_selector):
    """The bar's and its track's boxes in one chart row."""
    row = page.locator(row_selector).first
    return (row.locator("svg.bar").bounding_box(), row.locator("rect.bar-fill").bounding_box(),
            row.locator("th").bounding_box())


def test_tracker_in_arabic_mirrors_and_fits_a_phone(live_server, tracker, page):
    page.context.add_cookies([{"name": "heard_lang", "value": "ar", "url": live_server.url}])
    page.goto(live_server.url + "/progress")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Each chart is a captioned data table: the numbers are text, the bars are decoration.
    chart = page.locator("figure.chart").first
    assert chart.locator("figcaption").is_visible()
    assert chart.get_attribute("aria-labelledby") == chart.locator("figcaption").get_attribute("id")
    rows = page.locator("#status-chart tbody tr")
    assert rows.count() == 6
    numbers = [int(t) for t in page.locator("#status-chart tbody td.num").all_inner_texts()]
    assert sorted(numbers, reverse=True)[:3] == [2, 1, 1] and sum(numbers) == 4
    assert page.locator("#status-chart svg.bar").first.get_attribute("aria-hidden") == "true"
    assert page.locator("#department-chart tbody th").count() == 3

    # The bar starts at the right edge, and the row's label sits to its right.
    svg, bar, label = _bar_geometry(page, "#status-chart tr.status-in_progress")
    assert abs((bar["x"] + bar["width"]) - (svg["x"] + svg["width"])) <= 1
    assert bar["x"] > svg["x"] + 1  # two of four: about half the track
    assert label["x"] > svg["x"] + svg["width"] - 1

    # The action behind the published theme shows it, with the quote in Arabic.
    card = page.locator(f"#action-{tracker['first']}")
    assert card.get_by_text("Safe walk to school").is_visible()
    assert card.locator("blockquote p[lang=ar]").inner_text().strip("“”") == QUOTE
    assert card.locator(".badge-overdue").is_visible()

    RESULTS.mkdir(exist_ok=True)
    png = page.screenshot(path=str(RESULTS / "rtl-tracker-ar-360.png"), full_page=True)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000

    # In English the same bar grows from the left edge.
    page.context.add_cookies([{"name": "heard_lang", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/progress")
    assert page.locator("html").get_attribute("dir") == "ltr"
    svg, bar, label = _bar_geometry(page, "#status-chart tr.status-in_progress")
    assert abs(bar["x"] - svg["x"]) <= 1 and bar["x"] + bar["width"] < svg["x"] + svg["width"] - 1
    assert label["x"] < svg["x"]


def test_tracker_filters_without_javascript(browser, live_server, tracker):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(live_server.url + "/progress")
        assert page.locator(".action-card").count() == 4
        page.select_option("#department", "Communications")
        page.select_option("#status", "complete")
        page.locator("form.tracker-filters button[type=submit]").click()
        page.wait_for_url("**/progress?*status=complete*")
        assert page.locator(".action-card").count() == 1
        assert page.locator(".action-card h3").inner_text().endswith("Belonging")
        assert page.locator("#status").input_value() == "complete"  # the choice is kept
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
