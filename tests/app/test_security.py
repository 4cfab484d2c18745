"""Cross-cutting defences: where redirects may go, which requests are refused and how that is
recorded, which origins may change things, and how the session cookie is set."""
import re
from urllib.parse import urlsplit

import pytest

from support import PASSWORDS, csrf_token, empty_tables

# Targets that must never take anyone off the site: scheme-relative, backslashes, controls
# (which browsers drop or a header cannot carry), encoded forms of those, other schemes.
OFFSITE = [
    "//evil.example", "///evil.example", "////evil.example/a", "//evil.example/%2f..",
    "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\r\n/evil.example",
    "\t//evil.example", " //evil.example", "\n/\\evil.example",
    "/\\evil.example", "/\\/evil.example", "\\\\evil.example", "\\/evil.example", "/\\\\evil.example",
    "https:evil.example", "https://evil.example/", "http:/evil.example", "HTTPS://evil.example",
    "javascript:alert(1)", "data:text/html,<b>x</b>", "evil.example", "//evil.example\\@localhost",
    "/%09/evil.example", "/%0a/evil.example", "/%0d%0a/evil.example", "/%5cevil.example",
    "/%5C%5Cevil.example", "/%2f%2fevil.example", "/%2F/evil.example", "%2f%2fevil.example",
    "/%252f%252fevil.example", "/%25%32%66%25%32%66evil.example",
    "/\x00/evil.example", "/\x0b/evil.example", "/\x0c/evil.example", "/\x01//evil.example",
    "/\x7f/evil.example", "/\x85/evil.example", "/\x9b/evil.example", "\x00//evil.example",
    "/admin/\r\nLocation: //evil.example", "/\r\nSet-Cookie: planted=1",
]

# Local targets that still work, exactly (non-ASCII sent percent-encoded).
LOCAL = [
    ("/admin/users", "/admin/users"),
    ("/admin/users?q=a%20b&x=1", "/admin/users?q=a%20b&x=1"),
    ("/sessions?past=1", "/sessions?past=1"),
    ("/admin/sessions/?q=caf%C3%A9", "/admin/sessions/?q=caf%C3%A9"),
    ("/sessions/café", "/sessions/caf%C3%A9"),
]

C0_AND_SPACE = "".join(chr(c) for c in range(0x21))


def browser_target(location):
    """Where a browser goes for a relative Location header: it strips leading and trailing C0
    controls and spaces, removes every tab and newline, and reads a backslash as a slash."""
    cleaned = re.sub(r"[\t\n\r]", "", location.strip(C0_AND_SPACE)).replace("\\", "/")
    return urlsplit(cleaned)


def assert_on_site(response):
    assert response.status_code in (302, 303), response.status_code
    location = response.headers["Location"]
    target = browser_target(location)
    assert target.netloc in ("", "localhost"), location
    assert target.scheme in ("", "http", "https"), location
    assert not re.search(r"[\x00-\x1f\x7f-\x9f\\]", location), location
    assert "planted" not in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("target", OFFSITE)
def test_language_switch_never_leaves_the_site(client, target):
    response = client.get("/language/es", query_string={"next": target})
    assert_on_site(response)
    assert response.headers["Location"] == "/"
    assert "heard_lang=es" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("target, location", LOCAL)
def test_language_switch_goes_back_to_the_page(client, target, location):
    response = client.get("/language/es", query_string={"next": target})
    assert response.headers["Location"] == location


def _next_field(page):
    return re.search(r'name="next" type="hidden" value="([^"]*)"', page).group(1).replace("&amp;", "&")


@pytest.fixture
def organizer(make_user):
    return make_user("organizer")


@pytest.mark.parametrize("target", OFFSITE)
def test_sign_in_never_sends_anyone_off_the_site(client, organizer, target):
    _id, email = organizer
    # The form keeps no unsafe target from the address...
    page = client.get("/auth/sign-in", query_string={"next": target}).get_data(as_text=True)
    assert _next_field(page) == ""
    # ...and a forged form field is refused after a real sign-in.
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                   "next": target})
    assert_on_site(response)
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("target, location", LOCAL)
def test_sign_in_goes_back_to_a_local_page(client, organizer, target, location):
    _id, email = organizer
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                   "next": target})
    assert response.headers["Location"] == location


def test_the_guard_sends_people_back_after_signing_in(client, organizer):
    _id, email = organizer
    response = client.get("/admin/users?q=caf%C3%A9&page=2")
    sign_in = response.headers["Location"]
    next_value = _next_field(client.get(sign_in).get_data(as_text=True))
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                   "next": next_value})
    assert response.headers["Location"] == "/admin/users?q=caf%C3%A9&page=2"


def test_is_safe_next_refuses_what_is_not_text():
    from app.security import is_safe_next

    for value in (None, b"/admin/", 3, ["/admin/"]):
        assert not is_safe_next(value)
