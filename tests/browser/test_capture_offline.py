"""A notetaker on a phone whose Wi-Fi comes and goes: no note is lost, none is stored twice.

Chromium at 360 px, CSRF on. Notes typed online are sent at once; notes typed offline wait
on the phone, survive a reload served by the capture service worker, and are sent exactly
once when the connection returns. Text typed but not saved survives too; the first load of
a page is enough to open it offline; a server that keeps failing is tried less and less
often, and the page says so; nobody's unsent notes are deleted without asking.
"""

import json
import re
import time

import pytest
from browser.waiting import wait_for, wait_until
from factories import assign, make_session
from live import LiveServer
from playwright.sync_api import expect
from sqlalchemy import func, select
from support import PASSWORDS, empty_tables

from app.extensions import db
from app.models import Note, SessionTable, User


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


def _notetaker(app, email="phone@example.org"):
    with app.app_context():
        user = User(email=email, name="Phone Notetaker", role="notetaker", language="en")
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
        self.wsgi_app, self.on, self.tries = app.wsgi_app, False, 0

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith("/capture/api/"):
            self.tries += 1  # every note the phone tries to send, taken or not
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


def _sign_in(page, url, email="phone@example.org", next_page=""):
    page.goto(url + "/auth/sign-in" + (f"?next={next_page}" if next_page else ""))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORDS["notetaker"])
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def at_table(csrf_server, page):
    """A notetaker assigned to a table, signed in, on that table's page: (app, user id, first prompt id)."""
    app, server = csrf_server
    ids = make_session(app)
    user_id = _notetaker(app)
    assign(app, user_id, ids["tables"][0])
    _sign_in(page, server.url)
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


CACHED = "async () => Boolean(await caches.match(location.href, {ignoreVary: true}))"


def _stored(page, prefix):
    """This phone's localStorage entries whose keys start with ``prefix``."""
    return page.evaluate("""(prefix) => Object.fromEntries(Object.keys(localStorage)
        .filter((key) => key.startsWith(prefix))
        .map((key) => [key, localStorage.getItem(key)]))""", prefix)


def test_text_typed_but_not_saved_survives_an_offline_reload(at_table, page, context):
    app, user_id, first_prompt = at_table
    page.evaluate(ACTIVATED)
    page.reload()  # through the worker, which keeps a copy
    wait_until(page, CACHED)
    url = page.url
    _go_offline(app, page, context)

    form = page.locator(f"form[data-prompt-id='{first_prompt}']")
    box = page.locator(f"#p{first_prompt}-text")
    box.fill("Half a thought about the buses\nand a second line")
    form.get_by_label("Quote").check()
    form.locator("summary").click()
    page.locator(f"#p{first_prompt}-translation_en").fill("Mitad de una idea")
    others = page.locator("form[data-capture-form] textarea[name$='-text']")
    assert others.count() >= 2

    # The tab opens again, offline: the worker serves the page, the draft is put back.
    page.goto(url)
    wait_until(page, "navigator.onLine === false")
    expect(box).to_have_value("Half a thought about the buses\nand a second line")
    expect(page.locator(f"#p{first_prompt}-translation_en")).to_have_value("Mitad de una idea")
    expect(form.get_by_label("Quote")).to_be_checked()
    expect(form.get_by_label("Sensitive")).not_to_be_checked()
    for index in range(others.count()):  # only the box it was typed in gets it back
        if others.nth(index).get_attribute("id") != f"p{first_prompt}-text":
            expect(others.nth(index)).to_have_value("")

    box.press("Enter")  # saved: now a note waiting to be sent, and no longer a draft
    expect(page.locator(".is-waiting")).to_have_count(1)
    assert _stored(page, "heard.capture.draft.") == {}
    page.goto(url)
    wait_until(page, "navigator.onLine === false")
    expect(page.locator(".is-waiting")).to_have_count(1)
    expect(box).to_have_value("")
    expect(form.get_by_label("Quote")).not_to_be_checked()

    _go_online(app, context)
    expect(page.locator(".is-sent")).to_have_count(1, timeout=20000)
    assert _count(app, "Half a thought about the buses\nand a second line") == 1


def test_the_first_load_of_a_capture_page_is_enough_to_open_it_offline(csrf_server, page, context):
    app, server = csrf_server
    ids = make_session(app)
    assign(app, _notetaker(app), ids["tables"][0])
    table = f"/capture/tables/{ids['tables'][0]}"
    _sign_in(page, server.url, next_page=table)  # the first capture page this phone opens
    expect(page).to_have_url(server.url + table)
    page.evaluate(ACTIVATED)
    wait_until(page, CACHED)  # kept, although the worker did not serve this load

    app.wsgi_app = NetworkCut(app)
    _go_offline(app, page, context)
    page.reload()
    wait_until(page, "navigator.onLine === false")
    expect(page.get_by_role("heading", level=1)).to_have_text("Table 1")
    # The page's script and stylesheet came from the cache too: a note typed now waits on the phone.
    weight = "getComputedStyle(document.getElementById('capture-status')).fontWeight"
    assert page.evaluate(weight) == "600"
    box = page.locator(f"#p{ids['prompts'][0]}-text")
    box.fill("Street trees need water in August")
    box.press("Enter")
    expect(page.locator(".is-waiting")).to_have_count(1)
    expect(page.locator("#capture-status")).to_contain_text("No connection")


NEXT_TRY = "document.getElementById('capture').dataset.nextTry - Date.now()"


def test_a_note_the_server_keeps_refusing_is_tried_less_and_less_often_and_says_so(at_table, page):
    app, _user_id, first_prompt = at_table
    cut = app.wsgi_app
    page.clock.install()
    page.reload()
    page.clock.pause_at(int(time.time() * 1000) + 3_600_000)  # the clock moves only when told
    cut.on = True  # the phone is online; the server answers 503 to every note

    box = page.locator(f"#p{first_prompt}-text")
    box.fill("The bus shelter roof leaks")
    box.press("Enter")
    status = page.get_by_role("status").filter(has_text="Tries so far")
    expect(status).to_contain_text(
        "The server is not taking notes right now. They stay on this phone. Tries so far: 1.")
    expect(status).to_contain_text("Next try at")
    retry = page.get_by_role("button", name="Try again")
    expect(retry).to_be_visible()

    gaps = []
    for tries in range(2, 11):
        gaps.append(page.evaluate(NEXT_TRY))
        page.clock.run_for(gaps[-1])
        expect(status).to_contain_text(f"Tries so far: {tries}.")
    assert cut.tries == 10  # one request per try, none in between

    limit = max(gaps)
    assert 15_000 <= gaps[0] < limit <= 10 * 60_000
    for gap, following in zip(gaps, gaps[1:], strict=False):
        assert following == min(2 * gap, limit)  # doubling, up to the limit
    assert gaps[-3:] == [limit] * 3  # and then steady at the limit, never stopping

    cut.on = False
    retry.click()  # the notetaker need not wait for the next try
    expect(page.locator(".is-sent")).to_have_count(1)
    expect(page.locator("#capture-status")).not_to_contain_text("Tries so far")
    expect(retry).to_have_count(0)
    assert _count(app, "The bus shelter roof leaks") == 1


@pytest.mark.parametrize("answer", ["keep", "delete"])
def test_a_second_notetaker_signing_in_is_asked_before_the_first_ones_unsent_notes_are_deleted(
        at_table, page, context, csrf_server, answer):
    app, first_id, first_prompt = at_table
    _app, server = csrf_server
    cut = app.wsgi_app
    table_url = page.url
    cut.on = True  # the server does not take notes just now: this one waits on the phone
    box = page.locator(f"#p{first_prompt}-text")
    box.fill("Benches at the bus stop")
    box.press("Enter")
    expect(page.locator(".is-waiting")).to_have_count(1)
    box.fill("Half typed when the phone was handed over")

    # The first notetaker's sign-in ends without signing out; a second one signs in on the phone.
    with app.app_context():
        second_table = max(db.session.scalars(select(SessionTable.id)))
    assign(app, _notetaker(app, "second@example.org"), second_table)
    context.clear_cookies()
    questions = []

    def reply(dialog):
        questions.append(dialog.message)
        dialog.accept() if answer == "delete" else dialog.dismiss()

    page.on("dialog", reply)
    _sign_in(page, server.url, email="second@example.org")
    wait_for(lambda: questions, page=page, what="a question before deleting")
    assert questions == ["Notes another notetaker typed on this phone and has not sent yet: 2. "
                         "Only they can send them, by signing in here again. "
                         "Delete them from this phone?"]
    theirs = {**_stored(page, f"heard.capture.queue.{first_id}"),
              **_stored(page, f"heard.capture.draft.{first_id}.")}

    if answer == "delete":
        assert theirs == {}
        return
    assert "Benches at the bus stop" in json.dumps(theirs)
    assert "Half typed when the phone was handed over" in json.dumps(theirs)
    page.goto(f"{server.url}/capture/tables/{second_table}")  # asked once: the answer holds
    assert len(questions) == 1
    assert _count(app, "Benches at the bus stop") == 0

    # The first notetaker signs in again: the note is sent, the half-typed text is back.
    cut.on = False
    context.clear_cookies()
    _sign_in(page, server.url, next_page=table_url.removeprefix(server.url))
    expect(page.locator(".is-sent")).to_have_count(1)
    wait_for(lambda: _count(app, "Benches at the bus stop") == 1, page=page, what="the note stored")
    expect(box).to_have_value("Half typed when the phone was handed over")
