"""axe-core (from the npm registry, node_modules/axe-core) finds no WCAG 2.0/2.1/2.2 A or AA
violation on any resident, notetaker or public report page, in each of the nine languages, on a
360-px phone and at desktop width. Error states (a form sent back with errors, the note-edit
conflict page) are checked too. Findings are also written to test-results/axe-<language>.json."""
import itertools
import json

import pytest
from browser.a11y_support import (
    AXE,
    LANGUAGES,
    RESULTS,
    axe_violations,
    build_app,
    build_site,
    set_language,
    sign_in,
    start_axe,
)

# Builds its own SQLite city: the PostgreSQL pass of make test leaves it out.
pytestmark = pytest.mark.own_database

WIDTHS = (360, 1280)

if not AXE.exists():
    pytest.skip("axe-core is missing: run `npm ci` at the repository root", allow_module_level=True)


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from live import LiveServer

    app = build_app(str(tmp_path_factory.mktemp("a11y")))
    site = build_site(app)
    server = LiveServer(app).start()
    yield server.url, site
    server.stop()


@pytest.fixture(scope="module")
def contexts(browser, city):
    """Per width: a resident's context and a signed-in notetaker's, reused by every language."""
    url, _site = city
    made = {}
    for width in WIDTHS:
        resident = browser.new_context(viewport={"width": width, "height": 800})
        staff = browser.new_context(viewport={"width": width, "height": 800})
        for context in (resident, staff):
            context.add_init_script(path=str(AXE))
        resident_page, staff_page = resident.new_page(), staff.new_page()
        sign_in(staff_page, url)
        assert "/capture/" in staff_page.url, "the demo notetaker could not sign in"
        made[width] = (resident, resident_page, staff, staff_page)
    yield made
    for resident, _rp, staff, _sp in made.values():
        resident.close()
        staff.close()


def _goto(path):
    def step(page, url):
        response = page.goto(url + path)
        assert response.status == 200, (path, response.status)
    return step


def _send_back_with_errors(path, fill=None):
    """A form sent with a mistake comes back with its error summary."""
    def step(page, url):
        page.goto(url + path)
        for selector, value in (fill or {}).items():
            page.fill(selector, value)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_selector(".error-summary")
    return step


def _conflict(path):
    """Someone else saved the note first: the form sends an outdated version number."""
    def step(page, url):
        page.goto(url + path)
        page.evaluate("document.querySelector('input[name=version]').value = '0'")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_selector(".conflict")
    return step


_ADDRESSES = itertools.count()


def _link_sent(path):
    """The answer to "send me my private link again" (a new address each time: the form is
    rate-limited per address typed)."""
    def step(page, url):
        page.goto(url + path)
        page.fill("#contact", f"resident-{next(_ADDRESSES)}@example.org")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_selector("main p[role=status]")
    return step


def _steps(site):
    """(audience, name, step) for every page and state checked."""
    resident = site["resident"]
    for group in ("resident", "reports"):
        for name, path in site[group].items():
            yield "resident", name, _goto(path)
    yield "resident", "register_with_errors", _send_back_with_errors(resident["register"])
    yield "resident", "change_with_errors", _send_back_with_errors(resident["change"], {"#email": "not an address"})
    yield "resident", "cancel_with_errors", _send_back_with_errors(resident["cancel"])
    yield "resident", "erase_with_errors", _send_back_with_errors(resident["erase"])
    yield "resident", "link_again_with_errors", _send_back_with_errors(resident["link_again"])
    yield "resident", "link_sent", _link_sent(resident["link_again"])
    for name, path in site["notetaker"].items():
        yield "staff", name, _goto(path)
    yield "staff", "note_edit_conflict", _conflict(site["notetaker"]["note_edit"])


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_axe_violations(city, contexts, code):
    url, site = city
    found, checked = {}, 0
    for resident, _rp, staff, _sp in contexts.values():
        set_language(resident, url, code)
        set_language(staff, url, code)
    for audience, name, step in _steps(site):
        pages = {width: (rp if audience == "resident" else sp) for width, (_r, rp, _s, sp) in contexts.items()}
        for page in pages.values():  # both widths run side by side
            step(page, url)
            assert page.locator("html").get_attribute("lang") == code, (name, page.url)
            start_axe(page)
        for width, page in pages.items():
            checked += 1
            violations = axe_violations(page)
            if violations:
                found[f"{name} @{width}px"] = violations

    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"axe-{code}.json").write_text(
        json.dumps({"pages_checked": checked, "violations": found}, ensure_ascii=False, indent=1), encoding="utf-8")
    assert checked == 2 * len(list(_steps(site)))
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)[:6000]
