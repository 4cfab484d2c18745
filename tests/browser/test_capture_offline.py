"""A notetaker on a phone whose Wi-Fi comes and goes: no note is lost, none is stored twice.

Chromium at 360 px, CSRF on. Notes typed online are sent at once; notes typed offline wait
on the phone, survive a reload served by the capture service worker, and are sent exactly
once when the connection returns.
"""

import re

import pytest
from factories import assign, make_session
from browser.waiting import wait_for, wait_until
from live import LiveServer
from playwright.sync_api import expect
from sqlalchemy import func, select
from support import PASSWORDS, empty_tables

from app.extensions import db
from app.models import Note, User


@pytest.fixture
def csrf_server(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        empty_tables()
    server = LiveServer(app).start()
    yield app, server
    server.stop()


ACTIVATED = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise((done) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") done();
    }));
  }
  return true;
}"""


def _notetaker(app):
    with app.app_context():
        user = User(email="phone@example.org", name="Phone Notetaker", role="notetaker", language="en")
        user.set_password(PASSWORDS["notetaker"])
        db.session.add(user)
        db.session.commit()
        return user.id


class NetworkCut:
    """WSGI middleware: while ``on``, the notes API answers 503, as if the network between
    phone and server were down. Playwright's offline mode alone can let a request through
    just after a reload (the new page, served by the worker, is not yet emulated offline);
    capture.js keeps a note that got a 5xx waiting, so nothing reaches the database."""

    def __init__(self, app):
        self.wsgi_app, self.on = app.wsgi_app, False

    def __call__(self, environ, start_response):
        if self.on and environ.get("PATH_INFO", "").startswith("/capture/api/"):
            start_response("503 Service Unavailable", [("Content-Type", "application/json")])
            return [b'{"ok": false, "error": "offline"}']
        return self.wsgi_app(environ, start_response)


def _go_offline(app, page, context):
    """The phone loses its connection; the page learns it a moment later, and the test
    types only once it knows."""
    app.wsgi_app.on = True
    context.set_offline(True)
    wait_until(page, "navigator.onLine === false")


def _go_online(app, context):
    app.wsgi_app.on = False
    context.set_offline(False)


def _count(app, text):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Note).where(Note.text == text))


@pytest.fixture
def at_table(csrf_server, page):
    """A notetaker assigned to a table, signed in, on that table's page: (app, user id, first prompt id)."""
    app, server = csrf_server
    ids = make_session(app)
    user_id = _notetaker(app)
    assign(app, user_id, ids["tables"][0])
    page.goto(server.url + "/auth/sign-in")
    page.get_by_label("Email").fill("phone@example.org")
    page.get_by_label("Password").fill(PASSWORDS["notetaker"])
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{server.url}/capture/tables/{ids['tables'][0]}")
    app.wsgi_app = NetworkCut(app)
    return app, user_id, ids["prompts"][0]


def test_notes_typed_offline_survive_a_reload_and_are_stored_exactly_once(at_table, page, context):
    app, user_id, first_prompt = at_table
    # Let the worker take over, then load once through it so the page is cached.
    page.evaluate(ACTIVATED)
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    box = page.locator(f"#p{first_prompt}-text")
    box.fill("Streetlights on Alder are out")
    box.press("Enter")  # Enter saves
    box.fill("Buses stop running too early\non Sundays")  # a newline typed with Shift+Enter
    page.locator(f"form[data-prompt-id='{first_prompt}'] button[type=submit]").click()  # one tap saves
    notes = page.locator(f"[data-notes-for='{first_prompt}']")
    expect(notes.locator(".is-sent")).to_have_count(2)

    _go_offline(app, page, context)
    box.fill("Library teen nights feel welcoming")
    box.press("Enter")
    box.fill("Crosswalk near the school needs a signal")
    box.press("Enter")
    expect(notes.locator(".is-waiting")).to_have_count(2)
    expect(notes.locator(".is-waiting").first).to_contain_text("Waiting to send")

    page.reload()  # offline: the worker serves the cached page; the queue is still on the phone
    wait_until(page, "navigator.onLine === false")
    expect(notes.locator(".is-waiting")).to_have_count(2)
    expect(page.locator("#capture-status")).to_contain_text("2")
    assert _count(app, "Library teen nights feel welcoming") == 0

    _go_online(app, context)
    expect(notes.locator(".is-waiting")).to_have_count(0, timeout=20000)
    expect(notes.locator(".is-sent")).to_have_count(4)

    for text in ("Streetlights on Alder are out", "Buses stop running too early\non Sundays",
                 "Library teen nights feel welcoming", "Crosswalk near the school needs a signal"):
        assert _count(app, text) == 1, text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 4
        assert set(db.session.scalars(select(Note.author_id))) == {user_id}

    # A reload online shows the server's notes; nothing waits any more.
    page.reload()
    expect(notes.locator("li.note")).to_have_count(4)
    expect(page.locator(".is-waiting")).to_have_count(0)


def test_signing_out_with_unsent_notes_asks_first(at_table, page, context):
    app, _user_id, first_prompt = at_table

    _go_offline(app, page, context)
    box = page.locator(f"#p{first_prompt}-text")
    box.fill("Sidewalk ramps are missing on Fifth")
    box.press("Enter")
    expect(page.locator(".is-waiting")).to_have_count(1)

    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.dismiss() if len(questions) == 1 else dialog.accept()

    page.on("dialog", answer)
    page.get_by_role("button", name="Sign out").click()
    # Said no: still signed in, the note still waits on the phone.
    expect(page.locator(".is-waiting")).to_have_count(1)
    assert questions == ["Notes not sent yet: 1. Signing out deletes them from this phone. Sign out anyway?"]
    assert page.evaluate("Object.keys(localStorage).some((k) => k.startsWith('heard.capture.queue.'))")

    _go_online(app, context)
    page.get_by_role("button", name="Sign out").click()
    # Back online the note may have been sent meanwhile; either way the sign-out goes through.
    expect(page).to_have_url(re.compile(r"/auth/sign-in|/$"))
    assert not page.evaluate("Object.keys(localStorage).some((k) => k.startsWith('heard.capture.queue.'))")
