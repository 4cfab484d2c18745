"""The organizers' session list in a browser: no status word is split across two lines
("Publishe/d"), on a desktop screen and on a phone, in languages with long status words; and
upcoming sessions are listed before past ones."""
from datetime import timedelta

import pytest
from browser.a11y_support import set_language
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import Engagement
from app.models.types import utcnow
from app.services.sessions import organize

# For each status cell, the words whose text is laid out on more than one line.
BROKEN_WORDS = """() => Array.from(document.querySelectorAll('td.cell-status')).map(cell => {
  const broken = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return {text: cell.innerText, broken: broken};
})"""


LONG_TITLE = "A session with a rather long title to squeeze the other columns of the table"


def _sessions_of_every_status(app):
    with app.app_context():
        engagement = db.session.scalar(select(Engagement).order_by(Engagement.id))
        for index, status in enumerate(("draft", "published", "closed", "cancelled")):
            starts = utcnow() + timedelta(days=10 + index)
            session = organize.create_session(None, engagement.id, dict(
                slug=f"status-{status}", starts_at=starts, ends_at=starts + timedelta(hours=2),
                timezone="America/Los_Angeles", venue_name="Hall", venue_address="1 Main St",
                capacity=20), {"en": {"title": LONG_TITLE}})
            if status != "draft":
                organize.publish(None, session.id)
            if status == "closed":
                organize.close(None, session.id)
            if status == "cancelled":
                organize.cancel(None, session.id)


@pytest.mark.parametrize("width", [1280, 360])
def test_status_words_are_never_split(app, demo, make_user, live_server, page, width):
    _sessions_of_every_status(app)
    _user_id, email = make_user("organizer")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["organizer"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    for code in ("en", "ru", "vi", "ar", "so"):
        set_language(page.context, live_server.url, code)
        page.goto(live_server.url + "/admin/")
        cells = page.evaluate(BROKEN_WORDS)
        assert len(cells) >= 8, cells  # the demo's sessions and one of each status
        broken = [cell for cell in cells if cell["broken"]]
        assert not broken, (code, width, broken)
        # Upcoming sessions come first, under their own heading.
        headings = page.locator("main h2").all_inner_texts()
        assert len(headings) == 2, headings
        upcoming = page.locator("section[aria-labelledby=sessions-upcoming] td.cell-status").count()
        assert upcoming >= 4


BOX_STYLE = """box => { const s = getComputedStyle(box);
  return {top: s.borderTopWidth, start: s.borderInlineStartWidth,
          role: box.getAttribute('role')}; }"""


@pytest.mark.parametrize("code", ["en", "ar"])
def test_an_error_message_stands_apart_from_a_success_and_passes_axe(app, demo, make_user,
                                                                     live_server, page, code):
    from browser.a11y_support import AXE, run_axe

    _sessions_of_every_status(app)
    _user_id, email = make_user("organizer")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORDS["organizer"])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    set_language(page.context, live_server.url, code)
    page.goto(live_server.url + "/admin/")
    page.locator("a", has_text=LONG_TITLE).first.click()  # the draft
    with page.expect_navigation():
        page.locator("form[action$='/publish'] button").click()
    success = page.locator(".flash-box")
    assert success.count() == 1 and success.first.is_visible()
    success_style = success.first.evaluate(BOX_STYLE)
    if AXE.exists():
        assert not run_axe(page), run_axe(page)
    # Sent without ticking the box (the browser's own check set aside): the server refuses it.
    cancel = page.locator("form[action$='/cancel']")
    cancel.locator("input[type=checkbox]").evaluate("box => { box.required = false; }")
    with page.expect_navigation():
        cancel.locator("button[type=submit]").click()
    error = page.locator(".flash-box")
    assert error.count() == 1 and error.first.is_visible()
    error_style = error.first.evaluate(BOX_STYLE)
    assert (success_style["role"], error_style["role"]) == ("status", "alert")
    # Not by colour alone: the error is framed on every side, the success only at its start.
    assert success_style["top"] == "0px" and error_style["top"] != "0px"
    kinds = page.locator(".flash-kind").all_inner_texts()
    assert kinds and kinds[0].strip().endswith(":") and len(kinds[0].strip()) > 2
    if AXE.exists():
        assert not run_axe(page), run_axe(page)
