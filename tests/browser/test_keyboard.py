"""Keyboard only, no mouse: a resident registers and cancels, a notetaker captures a note. Every
stop on the way shows a visible focus ring, the skip link comes first, and errors are announced
(a focused role=alert summary; fields marked aria-invalid and described by their error)."""
import re

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.models import Note, Registration

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {tag: el.tagName, id: el.id, cls: el.className, text: (el.innerText || el.value || '').slice(0, 40),
          visible: outline || shadow};
}"""


def tab_to(page, selector, limit=120, backwards=False):
    """Press Tab until the element matching ``selector`` has focus; every stop on the way must
    show a visible focus indicator."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUS_STYLE)
        assert focused["visible"], f"no visible focus on {focused}"
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return focused
    raise AssertionError(f"Tab never reached {selector}")


def _status(app, name):
    with app.app_context():
        db.session.expire_all()
        return db.session.scalar(select(Registration.status).where(Registration.name == name))


def test_skip_link_comes_first_and_moves_focus_to_main(live_server, demo, page):
    page.goto(live_server.url + "/sessions/library-evening")
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUS_STYLE)
    assert "skip-link" in focused["cls"] and focused["visible"]
    # Shown on screen while focused (it sits off-screen otherwise).
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.url.endswith("#main")
    # The next Tab continues inside main, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_resident_registers_and_cancels_with_the_keyboard(app, live_server, demo, page):
    page.goto(live_server.url + "/sessions/library-evening")
    tab_to(page, "main a.button")  # "Register"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/register$"))

    # Sending the empty form: the error summary is announced and takes focus.
    tab_to(page, "#name")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    active = page.evaluate("[document.activeElement.className, document.activeElement.getAttribute('role')]")
    assert active == ["error-summary", "alert"]
    for field in ("name", "email"):
        control = page.locator(f"#{field}")
        assert control.get_attribute("aria-invalid") == "true"
        described = control.get_attribute("aria-describedby").split()
        assert f"{field}-error" in described
        assert page.locator(f"#{field}-error").inner_text().strip()
    # The summary's link takes the keyboard to the field.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "name"

    page.keyboard.type("Kalani Brooks")
    tab_to(page, "#email")
    page.keyboard.type("kalani@example.org")
    tab_to(page, "#childcare_needed")
    page.keyboard.press("Space")
    tab_to(page, "#children_count")
    page.keyboard.type("1")
    tab_to(page, "input[name=access_needs][value=large_print]")
    page.keyboard.press("Space")
    tab_to(page, "form.registration button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}\?new=1$"))
    assert _status(app, "Kalani Brooks") == "confirmed"

    # Cancel from the manage page, still by keyboard.
    tab_to(page, "a[href$='/cancel']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cancel$"))
    tab_to(page, "#confirm")
    page.keyboard.press("Space")
    assert page.locator("#confirm").is_checked()
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}$"))
    assert _status(app, "Kalani Brooks") == "cancelled"
    assert page.locator(".flash").is_visible()


def test_notetaker_captures_a_note_with_the_keyboard(app, live_server, demo, page):
    page.goto(live_server.url + "/auth/sign-in")
    tab_to(page, "#email")
    page.keyboard.type("notetaker@heard.example")
    page.keyboard.press("Tab")
    page.keyboard.type("heard-notetaker-demo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/capture/$"))

    tab_to(page, "main .card a[href*='/capture/tables/']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/capture/tables/\d+$"))
    tab_to(page, "form.capture-form textarea")
    page.keyboard.type("The bus stop on Ferry Road has no light.")
    page.keyboard.press("Enter")  # capture.js: Enter saves, Shift+Enter starts a new line
    expect(page.locator(".notes .note.is-sent", has_text="The bus stop on Ferry Road has no light.")).to_have_count(1)
    with app.app_context():
        note = db.session.scalar(select(Note).where(Note.text == "The bus stop on Ferry Road has no light."))
    assert note is not None
    # Focus stays in the note box, ready for the next note.
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
