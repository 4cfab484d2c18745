"""The public report and the tracker on a 360 px phone, in each of the nine languages: the page
never scrolls sideways (a wide table scrolls in its own labelled region) and no word in a table
cell is split across two lines ("Nove/mber", "Españo/l", "Sooma/ali"). In Arabic, numbers and
English keep their visual order: an action's number sits at the start (the right) of its title,
"Resolution 2026-41" keeps "2026-41" as one left-to-right run, and an English sentence shown on
an Arabic page ends with its own full stop at its end. Positions are measured (boxes of words and
characters via Range), not attributes. Measurements run in page.evaluate (the CSP forbids eval,
so never page.wait_for_function with a string)."""
from datetime import UTC, date, datetime, timedelta

import pytest
from factories import make_session

from app.config import ALL_LANGUAGES
from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    ListeningSession,
    Note,
    NoteTheme,
    Resolution,
    ResolutionClause,
    Theme,
    ThemeLink,
    User,
)

pytestmark = pytest.mark.own_database

STATEMENT = "People want light on the walk to school, and safety."
ACTION = "Survey lighting on the ten darkest streets"


@pytest.fixture
def published(app):
    """A report of a November session whose notes are in all nine languages, with a resolution
    clause (2026-41) and an action (1.1) linked to its theme."""
    from app.services.reports import snapshots

    ids = make_session(app, slug="november", starts_in=timedelta(days=-2))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        november = datetime(date.today().year - 1, 11, 18, 18, tzinfo=UTC)
        session.starts_at, session.ends_at = november, november + timedelta(hours=2)
        admin = User(email="admin-phone@example.org", name="Admin", role="admin")
        admin.set_password("admin-password-1")
        notes = [Note(session_id=session.id, table_id=ids["tables"][0], text=f"note {code}", language=code)
                 for code in ALL_LANGUAGES]
        run = AnalysisRun(engagement_id=session.engagement_id, status="done")
        db.session.add_all([admin, run, *notes])
        db.session.flush()
        theme = Theme(run_id=run.id, key="t1", position=1, machine_label="light", label="Safe walk to school",
                      summary=STATEMENT, status="accepted")
        db.session.add(theme)
        db.session.flush()
        db.session.add_all([NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine") for note in notes])
        resolution = Resolution(engagement_id=session.engagement_id, number="2026-41", title="Street lighting")
        resolution.clauses.append(ResolutionClause(position=1, label="Section 2", kind="section",
                                                   text="The city lights every route to school."))
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        plan.items.append(ActionItem(position=1, number="1.1", goal="Safer streets", action_step=ACTION,
                                     departments="Public Works", status="in_progress"))
        db.session.add_all([resolution, plan])
        db.session.flush()
        db.session.add_all([
            ThemeLink(theme_id=theme.id, clause_id=resolution.clauses[0].id, status="confirmed", stance="supports"),
            ThemeLink(theme_id=theme.id, action_item_id=plan.items[0].id, status="confirmed", stance="supports"),
        ])
        db.session.commit()
        report = snapshots.save_report(admin, run, title="What We Heard", introduction="", publish=True)
        return {"report": report.id}


# Words (Intl.Segmenter) in table cells whose boxes lie on more than one line. Chinese may break
# between any two characters, so Han words are left out.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('main td, main th')) {
    const lang = cell.closest('[lang]').getAttribute('lang');
    const text = cell.textContent;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const segmenter = new Intl.Segmenter(lang, {granularity: 'word'});
      for (const part of segmenter.segment(node.data)) {
        if (!part.isWordLike || /\\p{Script=Han}/u.test(part.segment)) continue;
        const range = document.createRange();
        range.setStart(node, part.index);
        range.setEnd(node, part.index + part.segment.length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(part.segment + ' in ' + text.trim().slice(0, 40));
      }
    }
  }
  return split;
}"""

REGIONS = """() => [...document.querySelectorAll('main table')].filter(t => t.scrollWidth > t.parentElement.clientWidth + 1
  || t.getBoundingClientRect().width > document.documentElement.clientWidth).map(t => {
    const region = t.closest('[role=region]');
    return {labelled: !!(region && region.tabIndex === 0 && region.getAttribute('aria-labelledby')
                         && document.getElementById(region.getAttribute('aria-labelledby'))),
            id: t.id || t.className};
  })"""


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_report_and_tracker_fit_a_phone_and_keep_words_whole(live_server, published, page, code):
    page.context.add_cookies([{"name": "heard_lang", "value": code, "url": live_server.url}])
    for path in (f"/reports/{published['report']}", "/progress"):
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == code
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), path
        assert page.evaluate(SPLIT_WORDS) == [], path
        # A table wider than the phone scrolls inside a focusable region with a name.
        assert all(table["labelled"] for table in page.evaluate(REGIONS)), path
    region = page.locator("[role=region]")  # the report's sessions table (the last page was /progress)
    page.goto(live_server.url + f"/reports/{published['report']}")
    assert region.get_attribute("tabindex") == "0"
    assert page.locator("#" + region.get_attribute("aria-labelledby")).is_visible()


BOXES = """([selector, text]) => {
  // The box of the first occurrence of ``text`` inside the element matched by ``selector``.
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    return rects.map(r => ({left: r.left, right: r.right, top: Math.round(r.top)}));
  }
  return null;
}"""


def _box(page, selector, text):
    rects = page.evaluate(BOXES, [selector, text])
    assert rects, f"{text!r} not found in {selector}"
    return rects


def test_numbers_and_english_keep_their_order_in_arabic(live_server, published, page):
    page.context.add_cookies([{"name": "heard_lang", "value": "ar", "url": live_server.url}])
    page.goto(live_server.url + f"/reports/{published['report']}")
    assert page.locator("html").get_attribute("dir") == "rtl"

    # The action's number is at the start of its line, the right: its title starts to its left.
    [number] = _box(page, "li.action", "1.1")
    first_word = _box(page, "li.action", "Survey")[0]
    second_word = _box(page, "li.action", "lighting")[0]
    assert number["top"] == first_word["top"]
    assert number["left"] >= first_word["right"] - 1
    if second_word["top"] == first_word["top"]:  # the title itself reads left to right
        assert second_word["left"] >= first_word["right"] - 1

    # "Resolution 2026-41": the label (قرار) first, at the right; then 2026-41 in its own order.
    label = _box(page, "li.clause", "قرار")[0]
    year, serial = _box(page, "li.clause", "2026")[0], _box(page, "li.clause", "41")[0]
    assert year["top"] == serial["top"] == label["top"]
    assert year["right"] <= serial["left"] + 1  # 2026 left of 41: one left-to-right run
    assert serial["right"] <= label["left"] + 1  # the run sits after the label, to its left

    # An English statement on the Arabic page keeps its full stop at its end (the right).
    stop = _box(page, ".statement", "safety.")[-1]
    people = _box(page, ".statement", "People")[0]
    assert people["left"] < stop["left"] or people["top"] < stop["top"]
    dot = _box(page, ".statement", ".")[-1]
    safety = _box(page, ".statement", "safety")[-1]
    assert dot["top"] == safety["top"] and dot["left"] >= safety["right"] - 1

    # On the tracker: the number again at the right of the action's heading.
    page.goto(live_server.url + "/progress")
    heading = ".action-card h3"
    [number] = _box(page, heading, "1.1")
    goal = _box(page, heading, "Safer")[0]
    assert number["top"] == goal["top"] and number["left"] >= goal["right"] - 1
