"""The shared layout: after-action messages that say whether they are errors, and the icon
browsers ask for."""
import ast
import pathlib
import re
import struct

import pytest
from flask import flash, render_template_string

ROOT = pathlib.Path(__file__).resolve().parents[2]
KINDS = ("error", "success", "info")
BOX = re.compile(r'<div class="flash-box flash-box-(\w+)" role="(\w+)">(.*?)</div>', re.S)


def _flash_calls():
    for path in sorted((ROOT / "app").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "flash":
                yield path.relative_to(ROOT), node, source


def test_every_flash_names_its_kind():
    """flash() without a category would show as a plain notice: each call says error, success
    or info, and a service error's message is always shown as an error."""
    calls = list(_flash_calls())
    assert len(calls) > 50
    wrong = []
    for path, node, source in calls:
        category = node.args[1] if len(node.args) > 1 else None
        kind = category.value if isinstance(category, ast.Constant) else None
        message = ast.get_source_segment(source, node.args[0])
        if kind not in KINDS or ("error" in message.split(".")[0] and kind != "error"):
            wrong.append(f"{path}:{node.lineno} {message} -> {kind}")
    assert not wrong, wrong


@pytest.fixture
def flashing(app):
    """A page that shows one message of each kind, plus one with Flask's default category."""

    @app.get("/_test/flashes")
    def flashes():
        flash("It broke.", "error")
        flash("It worked.", "success")
        flash("Something to know.", "info")
        flash("No category given.")
        return render_template_string(
            '{% extends "base.html" %}{% block content %}<h1>x</h1>{% endblock %}')

    return app.test_client()


def _visible_text(html):
    html = re.sub(r'<span class="flash-icon" aria-hidden="true">.*?</span>', "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_error_looks_and_sounds_like_an_error(flashing):
    page = flashing.get("/_test/flashes").get_data(as_text=True)
    boxes = BOX.findall(page)
    assert [(kind, role) for kind, role, _inner in boxes] == [
        ("error", "alert"), ("success", "status"), ("info", "status"), ("info", "status")]
    texts = [_visible_text(inner) for _kind, _role, inner in boxes]
    # A word in front of each message, visible to everyone (not only to screen readers).
    assert texts == ["Error: It broke.", "Success: It worked.", "Information: Something to know.",
                     "Information: No category given."]
    assert "visually-hidden" not in "".join(inner for _k, _r, inner in boxes)
    # Each kind has its own icon shape.
    icons = re.findall(r'<span class="flash-icon" aria-hidden="true">(.*?)</span>', page)
    assert icons == ["!", "✓", "i", "i"]
    # The message paragraph itself still carries the plain text (other tests read it).
    assert '<p class="flash flash-error">It broke.</p>' in page


def test_the_kind_word_is_translated(flashing):
    flashing.get("/language/ar")
    page = flashing.get("/_test/flashes").get_data(as_text=True)
    assert 'dir="rtl"' in page
    error_box = BOX.findall(page)[0]
    assert _visible_text(error_box[2]).startswith("خطأ")  # the catalogue's "Error"


def test_the_stylesheet_sets_errors_apart_by_more_than_colour():
    css = (ROOT / "app" / "static" / "heard.css").read_text(encoding="utf-8")

    def rule(selector):
        match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
        assert match, selector
        return match.group(1)

    assert "border:" in rule(".flash-box-error") and "border:" not in rule(".flash-box-success")
    assert "border-radius: 2px" in rule(".flash-box-error .flash-icon")  # square, not round
    assert rule(".flash-box-error") != rule(".flash-box-success")


def test_a_service_error_from_a_real_form_is_an_alert(app, client, signed_in):
    from datetime import timedelta

    from factories import make_session

    ids = make_session(app, starts_in=timedelta(days=3))
    signed_in("organizer")
    # Cancelling without ticking the box is refused with a flashed error.
    response = client.post(f"/admin/sessions/{ids['session']}/cancel", data={},
                           follow_redirects=True)
    boxes = BOX.findall(response.get_data(as_text=True))
    assert boxes and boxes[0][:2] == ("error", "alert"), boxes


# --- The icon --------------------------------------------------------------------------------

def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    data = response.data
    response.close()  # a static file is sent from an open file
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/vnd.microsoft.icon"
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 1
    for index in range(count):
        entry = data[6 + 16 * index:22 + 16 * index]
        _w, _h, _c, _r, _planes, _bits, size, offset = struct.unpack("<BBBBHHII", entry)
        assert offset + size <= len(data)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n"


def test_pages_link_icons_that_exist(client):
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert "/favicon.ico" in links and any(link.endswith(".svg") for link in links)
    for link in links:
        response = client.get(link)
        data = response.data
        response.close()  # a static file is sent from an open file
        assert response.status_code == 200, link
        assert response.headers["Content-Type"].startswith("image/"), link
        if link.endswith(".svg"):
            assert data.startswith(b"<svg") and data.rstrip().endswith(b"</svg>")


def test_every_scrolling_table_is_a_named_region_a_keyboard_can_reach():
    """A wide table scrolls inside ``.table-scroll``; keyboard users can only scroll it if the
    wrapper takes focus, and a screen reader names it (axe: scrollable-region-focusable). Which
    tables overflow depends on the language and the data, so every wrapper is one."""
    root = pathlib.Path(__file__).resolve().parents[2] / "app"
    wrappers = []
    for template in root.rglob("*.html"):
        for tag in re.findall(r"<div[^>]*\btable-scroll\b[^>]*>", template.read_text(encoding="utf-8")):
            wrappers.append((template.relative_to(root), tag))
    assert len(wrappers) >= 10
    unreachable = [(str(path), tag) for path, tag in wrappers
                   if 'tabindex="0"' not in tag or 'role="region"' not in tag
                   or not re.search(r"aria-label(ledby)?=", tag)]
    assert not unreachable, unreachable
