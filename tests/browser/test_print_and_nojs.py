"""Residents need no JavaScript: registration works with it switched off. Session details and
the "What We Heard" report print cleanly: navigation and forms hidden, content kept."""
import re

import pytest
from browser.a11y_support import RESULTS, build_app, build_site

# Builds its own SQLite city: the PostgreSQL pass of make test leaves it out.
pytestmark = pytest.mark.own_database


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from live import LiveServer

    app = build_app(str(tmp_path_factory.mktemp("print")))
    site = build_site(app)
    server = LiveServer(app).start()
    yield server.url, site
    server.stop()


def test_registration_works_without_javascript(browser, city):
    url, _site = city
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(url + "/sessions/library-evening/register")
        assert page.evaluate("1") == 1  # Playwright still evaluates; the page's own scripts do not run
        page.fill("#name", "Tomás Reyes")
        page.locator("form.registration button[type=submit]").click()
        assert page.locator(".error-summary[role=alert]").is_visible()
        page.fill("#phone", "206 555 0142")
        page.locator("form.registration button[type=submit]").click()
        page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}\?new=1$"))
        assert page.locator(".status-confirmed").is_visible()
        assert page.evaluate("document.scripts.length") == 0
    finally:
        context.close()


@pytest.mark.parametrize("name", ["session", "report"])
def test_pages_print_cleanly(browser, city, name):
    url, site = city
    path = site["resident"]["session"] if name == "session" else site["reports"]["report"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(url + path)
        page.emulate_media(media="print")
        for hidden in (".site-header", "nav.languages", ".site-footer", ".skip-link"):
            assert not page.locator(hidden).first.is_visible(), hidden
        for form in page.locator("form").all():
            assert not form.is_visible()
        assert page.locator("main h1").is_visible()
        if name == "session":
            assert page.locator(".facts").is_visible()
            assert not page.locator("main a.button").first.is_visible()  # "Register" is no use on paper
        else:
            assert page.locator("section.theme h2").first.is_visible()
            assert page.locator("blockquote").first.is_visible()
        # Nothing is wider than the paper.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        RESULTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(RESULTS / f"print-{name}.pdf"), format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    finally:
        context.close()


def test_a_resident_deletes_their_registration_without_javascript(browser, city):
    url, _site = city
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(url + "/sessions/library-evening/register")
        page.fill("#name", "Nadia Leaving")
        page.fill("#email", "nadia.leaving@example.org")
        page.locator("form.registration button[type=submit]").click()
        page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}\?new=1$"))
        link = page.url.split("?")[0]
        page.locator(f"a[href$='{link[len(url):]}/erase']").click()
        page.locator("main form button[type=submit]").click()  # the box is not ticked yet
        assert page.locator(".error-summary").is_visible()
        page.check("#confirm")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(link)
        assert page.locator("main h1").inner_text() == "Your registration is deleted"
        assert "Nadia" not in page.content()
        assert page.evaluate("document.scripts.length") == 0
    finally:
        context.close()
