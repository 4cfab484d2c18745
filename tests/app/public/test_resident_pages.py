"""Every resident page (and the public reports) is light, needs no JavaScript, and shows no
English interface text in another language.

Weight: the page's HTML plus every same-origin stylesheet, script, image and font it links,
uncompressed, stays under 100 KB. Untranslated text: each catalogue string of four words or
more (the English source) must not appear verbatim in the visible text of a page in another
language; content that falls back to another language carries its own lang= and is skipped.
The untranslated check passes only once the catalogues hold every current string."""
import html
import re
from html.parser import HTMLParser

import pytest
from browser.a11y_support import LANGUAGES, build_app, build_site, source_messages

LIMIT = 100 * 1024
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    app = build_app(str(tmp_path_factory.mktemp("resident-pages")))
    site = build_site(app)
    yield app, site


def _pages(site):
    return {**site["resident"], **site["reports"]}


def _error_pages(client, site):
    """Forms sent back with their errors shown (the test app has CSRF off)."""
    resident = site["resident"]
    yield "register_with_errors", client.post(resident["register"], data={"name": ""})
    yield "change_with_errors", client.post(resident["change"], data={"name": "", "email": "x"})
    yield "cancel_with_errors", client.post(resident["cancel"], data={})
    yield "erase_with_errors", client.post(resident["erase"], data={})


def _assets(page_html):
    """Same-origin files a page pulls in: stylesheets, scripts, images, icons."""
    found = re.findall(r'<link[^>]+href="(/[^"/][^"]*)"', page_html)
    found += re.findall(r'<(?:script|img|source)[^>]+src="(/[^"/][^"]*)"', page_html)
    return found


def _weight(client, path, response=None):
    response = response or client.get(path)
    assert response.status_code in (200, 400), (path, response.status_code)
    page_html = response.get_data(as_text=True)
    total, parts = len(response.data), {path: len(response.data)}
    seen = set()
    queue = _assets(page_html)
    while queue:
        asset = queue.pop()
        if asset in seen:
            continue
        seen.add(asset)
        got = client.get(asset)
        assert got.status_code == 200, asset
        total += len(got.data)
        parts[asset] = len(got.data)
        if asset.endswith(".css"):  # fonts and images a stylesheet pulls in
            for url in re.findall(r"url\(['\"]?(/[^'\")]+)", got.get_data(as_text=True)):
                queue.append(url)
            assert "@import" not in got.get_data(as_text=True)
        got.close()  # a static file is sent from an open file
    return total, parts


@pytest.mark.parametrize("code", ["en", "vi", "ar"])
def test_every_resident_page_weighs_under_100_kb_and_has_no_script(city, code):
    app, site = city
    client = app.test_client()
    client.set_cookie("heard_lang", code)
    weights = {}
    pages = [(name, path, None) for name, path in _pages(site).items()]
    pages += [(name, site["resident"]["register"], response) for name, response in _error_pages(client, site)]
    for name, path, response in pages:
        response = response or client.get(path)
        page_html = response.get_data(as_text=True)
        assert "<script" not in page_html.lower(), f"{name} loads JavaScript"
        assert not re.search(r"\son[a-z]+=", page_html), f"{name} has an inline event handler"
        total, parts = _weight(client, path, response)
        weights[name] = total
        assert total < LIMIT, f"{name}: {total} bytes ({parts})"
    print(code, weights)


class VisibleText(HTMLParser):
    """Text a person sees or hears: element text plus alt, title, aria-label, placeholder and
    button values. Skips script/style, aria-hidden parts and parts marked with another lang."""

    def __init__(self, language):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack = []  # (tag, skipped)
        self.parts = []

    def _skipping(self):
        return any(skipped for _tag, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        skipped = (tag in ("script", "style", "template") or attrs.get("aria-hidden") == "true"
                   or (lang is not None and tag != "html" and lang != self.language))
        if not self._skipping() and not skipped:
            for name in ("alt", "title", "aria-label", "placeholder"):
                if attrs.get(name):
                    self.parts.append(attrs[name])
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)

    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


def visible_text(page_html, language):
    parser = VisibleText(language)
    parser.feed(page_html)
    return parser.text()


def catalogue_phrases():
    """English source strings of four words or more, cut at placeholders and sentence ends (so
    one sentence left in English inside a translation is found too)."""
    phrases = set()
    for msgid in source_messages("app/**/*.py", "app/**/templates/**/*.html"):
        for piece in re.split(r"%\(\w+\)[sd]|%%|\{\w*\}|(?<=[.!?])\s+", msgid):
            piece = re.sub(r"\s+", " ", html.unescape(piece)).strip(" .,:;·–-")
            if len(piece.split()) >= 4:
                phrases.add(piece)
    return phrases


def test_visible_text_skips_fallback_content_and_hidden_parts():
    page = ('<html lang="es"><body><p>Hola <span lang="en">Evening session</span></p>'
            '<div aria-hidden="true">Leave this field empty</div><img alt="Mapa"><br><p>fin</p></body></html>')
    assert visible_text(page, "es") == "Hola Mapa fin"


def test_catalogue_phrases_come_from_the_source():
    phrases = catalogue_phrases()
    assert "Come and tell the city what matters to you" in phrases
    assert len(phrases) > 100


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_no_english_interface_text_on_resident_pages(city, code):
    app, site = city
    phrases = catalogue_phrases()
    client = app.test_client()
    client.set_cookie("heard_lang", code)
    leaks = {}
    pages = [(name, client.get(path)) for name, path in _pages(site).items()]
    pages += list(_error_pages(client, site))
    for name, response in pages:
        page_html = response.get_data(as_text=True)
        assert f'<html lang="{code}"' in page_html, name
        text = visible_text(page_html, code)
        found = sorted(p for p in phrases if p in text)
        if found:
            leaks[name] = found
    assert not leaks, f"{code}: English catalogue strings on the page: {leaks}"
