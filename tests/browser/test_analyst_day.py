"""An analyst's day, in the browser: start an analysis of the demo engagement, rename a theme,
merge two themes, confirm a link with a stance, see it on the coverage matrix, publish the
report and read it as the public does. The review pages pass axe-core on the way."""
import re

from browser.a11y_support import AXE, run_axe
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import Theme, ThemeLink


def _no_axe_violations(page):
    if AXE.exists():  # make test restores axe-core; without it the day still runs
        violations = run_axe(page)
        assert not violations, violations


def test_analyst_runs_reviews_links_and_publishes(app, demo, make_user, live_server, page):
    _user_id, email = make_user("analyst")
    page.set_viewport_size({"width": 1024, "height": 900})
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["analyst"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # Start a run from the review home page (the test app runs jobs inline).
    page.goto(live_server.url + "/review/")
    page.fill("#themes", "5")
    page.get_by_role("button", name="Run the analysis").click()
    page.wait_for_url(re.compile(r"/review/runs/\d+$"))
    run_url = page.url
    cards = page.locator("li.theme-card")
    assert cards.count() >= 3
    assert "Notes" in cards.first.inner_text() and "Languages" in cards.first.inner_text()
    _no_axe_violations(page)

    # Rename the first theme and accept it.
    first, second = (int(cards.nth(i).get_attribute("id").removeprefix("theme-")) for i in (0, 1))
    cards.first.locator("h3 a").click()
    page.fill("#label", "Dark streets on the way home")
    page.select_option("#status", "accepted")
    page.get_by_role("button", name="Save the theme").click()
    assert page.locator("h1").inner_text() == "Dark streets on the way home"
    assert page.locator(".flash").inner_text() == "Theme saved."
    _no_axe_violations(page)

    # Back on the board: choose two themes and merge them into the renamed one.
    page.goto(run_url)
    page.check(f"#merge-{first}")
    page.check(f"#merge-{second}")
    page.select_option("#into", str(first))
    page.get_by_role("button", name="Merge the chosen themes").click()
    page.wait_for_url(re.compile(rf"/review/themes/{first}$"))
    assert "Themes merged into" in page.locator(".flash").inner_text()
    with app.app_context():
        db.session.expire_all()
        merged = db.session.get(Theme, second)
        assert (merged.status, merged.merged_into_id) == ("merged", first)

    # Confirm a link with a stance: a suggested one if there is one, else one added by hand.
    links = page.locator("#links ~ ul.cards > li")
    if links.count():
        link_card = links.first
        link_card.get_by_label("Raises a concern").check()
        link_card.get_by_role("button", name="Confirm").click()
    else:
        page.get_by_label("Raises a concern").last.check()
        page.get_by_role("button", name="Add the link").click()
    assert page.locator(".flash").inner_text() == "Link confirmed."
    assert "Confirmed · Raises a concern" in page.locator("#links ~ ul.cards").inner_text()
    with app.app_context():
        link = db.session.scalar(select(ThemeLink).where(ThemeLink.theme_id == first, ThemeLink.status == "confirmed"))
        assert link.stance == "concern"
        target_text = link.clause.text if link.clause_id else link.action_item.action_step

    # The coverage matrix shows the stance in words, and the theme is no longer a gap.
    page.goto(run_url + "/coverage")
    table = page.locator("table.coverage").first if link.clause_id else page.locator("table.coverage").last
    assert table.locator("caption").is_visible()
    assert "Raises a concern" in table.inner_text()
    _no_axe_violations(page)
    # On a phone the matrix scrolls inside its box; the page itself does not scroll sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _no_axe_violations(page)  # the scrolling tables are focusable regions
    page.set_viewport_size({"width": 1024, "height": 900})

    # Publish the report and read it as the public does.
    page.goto(run_url + "/report")
    page.fill("#title", "What We Heard on the way home")
    page.locator("button[name=publish]").click()
    # The preview of exactly what the public will see, then the confirmation naming the engagement.
    page.wait_for_url(re.compile(r"/report/publish$"))
    assert "Dark streets on the way home" in page.locator(".report-preview").inner_text()
    with app.app_context():
        from app.services.reports import publishing

        name = publishing.engagement_names(db.session.get(Theme, first).run.engagement_id)[0]
    page.get_by_label("Type the name of the listening process to confirm").fill(name)
    page.get_by_role("button", name="Publish this version").click()
    page.get_by_role("link", name="See the public report").first.click()
    page.wait_for_url(re.compile(r"/reports/\d+"))
    public = page.locator("main").inner_text()
    assert "What We Heard on the way home" in public
    assert "Dark streets on the way home" in public
    assert target_text[:40] in public
