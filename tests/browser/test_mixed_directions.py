"""Mixed directions, as the eye reads them: English and numbers inside Arabic pages (and Arabic
inside an English one) keep their order. Not only "is there a bdi": each check measures where
the browser drew single characters (Range.getClientRects) and compares their places.

- The organizers' roster: "العربية: 1 (0)" and "Español: 1 (1)" read name, colon, seats, then
  the waitlist in brackets, in the page's direction; the name keeps its own direction.
- The notetaker's table and the organizers' notes page: an English prompt ending with "?" on an
  Arabic page keeps the "?" at the right end of the English words (never "?neighborhood, and
  when do you not"); an English note and its translation keep their full stop at the end.
"""
from datetime import timedelta

import pytest
from browser.a11y_support import set_language
from support import PASSWORDS

from app.extensions import db
from app.models import Note, NotetakerAssignment, User
from app.models.types import utcnow
from app.services.registration import registrations
from app.services.sessions import organize

PROMPT = "What works in your neighborhood, and when do you not?"
ARABIC_PROMPT = "أين تشعر بالأمان؟"
DEFAULT_PROMPT = "Where do you feel safe?"
TITLE = "Safe streets, 2026?"
TABLE = "Table 1 (kids)"
NOTE = "Kids need lights at night."
ARABIC_NOTE = "الشوارع مظلمة جدا في الليل."
TRANSLATION = "The streets are very dark at night."
TYPED = "More lights by the bus stop."
PEOPLE = [dict(name="ليلى حسن", email="layla@example.org", interpretation_language="ar"),
          dict(name="Ana López", email="ana@example.org", interpretation_language="es"),
          dict(name="Luis Pérez", email="luis@example.org", interpretation_language="es")]  # waits

# The box of one character of an element, by its index in the element's textContent.
CHAR_BOXES = """(element, indices) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const chars = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
  }
  return indices.map((index) => {
    const [node, offset] = chars[index];
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, offset + 1);
    const box = range.getClientRects()[0];
    return {char: node.data[offset], left: box.left, right: box.right, top: box.top,
            middle: (box.left + box.right) / 2};
  });
}"""
# Half a pixel: glyphs that touch share an edge.
SLACK = 0.5


def _chars(locator, *needles):
    """Boxes of characters of ``locator``'s text: each needle is (substring, index in it);
    a negative index counts from the end of the substring."""
    text = locator.text_content()
    indices = []
    for needle, at in needles:
        start = text.index(needle)
        indices.append(start + (at if at >= 0 else len(needle) + at))
    boxes = locator.evaluate(CHAR_BOXES, indices)
    assert [b["char"] for b in boxes] == [text[i] for i in indices]
    return boxes


def _one_line(*boxes):
    tops = [b["top"] for b in boxes]
    assert max(tops) - min(tops) < 4, boxes  # the same line: comparing places means something


def _in_reading_order(rtl, *boxes):
    """Each box comes after the one before it in the page's reading direction, without overlap."""
    _one_line(*boxes)
    for before, after in zip(boxes, boxes[1:], strict=False):
        if rtl:
            assert after["right"] <= before["left"] + SLACK, (before, after)
        else:
            assert after["left"] >= before["right"] - SLACK, (before, after)


RUN_BOX = """(element, text) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(text);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      const box = range.getBoundingClientRect();
      return {left: box.left, right: box.right, top: box.top};
    }
  }
  return null;
}"""


def _run(element, text):
    """The box of the text ``text`` inside ``element``, however its letters were laid out."""
    box = element.evaluate(RUN_BOX, text)
    assert box, text
    return box


def _left_to_right_run(element, text):
    """``text`` inside ``element`` is laid out left to right: its first letter at the left end
    of its run, its last character (a "?" or a ".") at the right end."""
    first, last = _chars(element, (text, 0), (text, -1))
    _one_line(first, last)
    run = _run(element, text)
    assert abs(first["left"] - run["left"]) <= SLACK, (text, first, run)
    assert abs(last["right"] - run["right"]) <= SLACK, (text, last, run)


@pytest.fixture
def mixed(app):
    """A session with Arabic and Spanish interpreters (one Spanish speaker waits), an English
    prompt, an Arabic prompt with its English source, an English and an Arabic note, and a
    notetaker at the table."""
    with app.app_context():
        engagement = organize.create_engagement(None, "mixed", "en", {"en": "Mixed directions"})
        starts = utcnow() + timedelta(days=3)
        session = organize.create_session(None, engagement.id, dict(
            slug="mixed", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Community Room", venue_address="1 Main St", capacity=2,
            interpretation_languages=["es", "ar"],
        ), {"en": {"title": TITLE}}, tables=[TABLE],
            prompts=[{"en": PROMPT}, {"en": DEFAULT_PROMPT, "ar": ARABIC_PROMPT}])
        organize.publish(None, session.id)
        for person in PEOPLE:
            registrations.register(session.id, dict(person, preferred_language="ar"))
        notetaker = User(email="mixed-notes@example.org", name="Notetaker", role="notetaker",
                         language="en")
        notetaker.set_password(PASSWORDS["notetaker"])
        db.session.add(notetaker)
        db.session.flush()
        table, prompt = session.tables[0], session.prompts[0]
        db.session.add(NotetakerAssignment(user_id=notetaker.id, table_id=table.id))
        where = dict(session_id=session.id, table_id=table.id, prompt_id=prompt.id,
                     author_id=notetaker.id)
        db.session.add_all([Note(**where, text=NOTE, language="en"),
                            Note(**where, text=ARABIC_NOTE, language="ar",
                                 translation_en=TRANSLATION)])
        db.session.commit()
        return {"session": session.id, "table": table.id, "notetaker": notetaker.email}


def _sign_in(page, url, email, password):
    page.goto(url + "/auth/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def _roster_line(page, name, seated, waiting, rtl):
    line = page.locator("section[aria-labelledby=sum-interp] li", has_text=name)
    assert line.count() == 1
    text = f"{name}: {seated} ({waiting})"
    assert line.text_content() == text
    marks = [(text, len(name) + at) for at in (0, 2, 4, 5, 6)]
    colon, count, opening, wait, closing = _chars(line, *marks)
    # Name, colon, seats, "(", waitlist, ")": one after the other in the page's direction.
    _in_reading_order(rtl, _run(line, name), colon, count, opening, wait, closing)
    # The name in its own direction: Arabic from the right, Spanish from the left.
    first, last = _chars(line, (name, 0), (name, -1))
    assert (first["middle"] > last["middle"]) == (name == "العربية"), (name, first, last)


@pytest.mark.parametrize("code", ["ar", "en"])
def test_roster_and_notes_keep_numbers_and_english_in_place(make_user, live_server, page, context,
                                                            mixed, code):
    rtl = code == "ar"
    _user_id, email = make_user("organizer")
    set_language(context, live_server.url, code)
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server.url, email, PASSWORDS["organizer"])

    assert page.goto(f"{live_server.url}/admin/sessions/{mixed['session']}/roster").status == 200
    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    _roster_line(page, "العربية", 1, 0, rtl)
    _roster_line(page, "Español", 1, 1, rtl)

    # The organizers' notes page: the prompt's "?" and the notes' full stops stay at the end
    # of their English words; the prompt's number comes first, the count after the prompt.
    assert page.goto(f"{live_server.url}/admin/sessions/{mixed['session']}/notes").status == 200
    heading = page.locator("h3", has_text=PROMPT)
    _left_to_right_run(heading, PROMPT)
    number, count = _chars(heading, ("1.", 0), (" (", 1))
    _in_reading_order(rtl, number, _run(heading, PROMPT), count)
    _left_to_right_run(page.locator(".note-text", has_text=NOTE), NOTE)
    _left_to_right_run(page.locator(".note-translation", has_text=TRANSLATION), TRANSLATION)
    _left_to_right_run(page.locator("h2", has_text=TABLE), TABLE)
    arabic = page.locator(".note-text", has_text=ARABIC_NOTE)
    first, stop = _chars(arabic, (ARABIC_NOTE, 0), (ARABIC_NOTE, -1))
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert stop["middle"] < first["middle"]  # an Arabic note ends on the left, in any page


def test_capture_table_keeps_an_english_prompt_whole_on_an_arabic_page(live_server, page, context,
                                                                       mixed):
    set_language(context, live_server.url, "ar")
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, live_server.url, mixed["notetaker"], PASSWORDS["notetaker"])
    assert page.goto(f"{live_server.url}/capture/tables/{mixed['table']}").status == 200
    assert page.locator("html").get_attribute("dir") == "rtl"

    # "1." first (on the right), then the English prompt, whose "?" ends it on its right.
    heading = page.locator("h2", has_text=PROMPT)
    _left_to_right_run(heading, PROMPT)
    number, = _chars(heading, ("1.", 0))
    _in_reading_order(True, number, _run(heading, PROMPT))
    question, neighborhood = _chars(heading, (PROMPT, -1), ("neighborhood", 0))
    assert question["left"] > neighborhood["right"]  # never "?neighborhood"

    # The Arabic prompt and, under it, its English source with the "?" at the end.
    assert page.locator("h2 [lang=ar]", has_text=ARABIC_PROMPT).count() == 1
    source = page.locator(".prompt-default", has_text=DEFAULT_PROMPT)
    assert source.evaluate("e => getComputedStyle(e).direction") == "ltr"
    _left_to_right_run(source, DEFAULT_PROMPT)

    # The session title and the table's name (the organizer's words), and an English note
    # with its full stop at the end, a translation likewise.
    _left_to_right_run(page.locator(".eyebrow"), TITLE)
    _left_to_right_run(page.locator("h1"), TABLE)
    _left_to_right_run(page.locator(".note-text", has_text=NOTE), NOTE)
    _left_to_right_run(page.locator(".note-translation", has_text=TRANSLATION), TRANSLATION)

    # A note typed now, drawn by capture.js while it waits to be sent (the API is unreachable):
    # the same: its full stop at the end of its English words.
    page.route("**/capture/api/**", lambda route: route.abort())
    form = page.locator("form[data-capture-form]").first
    form.locator("textarea[name$='-text']").fill(TYPED)
    form.locator("button[type=submit]").click()
    _left_to_right_run(page.locator("li.is-local .note-text", has_text=TYPED), TYPED)
