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


# --- Refusals are on record -------------------------------------------------------------------

def _refusals(app):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import AuditEntry

    with app.app_context():
        return [(e.user_id, e.details) for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "access.refused").order_by(AuditEntry.id))]


@pytest.mark.parametrize("role, method, path", [
    ("notetaker", "GET", "/admin/"), ("notetaker", "GET", "/review/"), ("analyst", "GET", "/capture/"),
    ("analyst", "POST", "/admin/sessions/new"), ("organizer", "GET", "/admin/users"),
    ("notetaker", "GET", "/admin/sessions/1/notes.csv?q=secret"),
])
def test_a_refused_request_is_logged_and_audited(app, client, signed_in, caplog, role, method, path):
    user_id = signed_in(role)
    with caplog.at_level("WARNING"):
        response = client.open(path, method=method)
    assert response.status_code == 403
    lines = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert len(lines) == 1, lines
    assert f"user={user_id}" in lines[0] and f"role={role}" in lines[0]
    assert f"{method} {path.split('?')[0]}" in lines[0]
    assert "secret" not in lines[0]  # no query strings in the log
    [(who, details)] = _refusals(app)
    assert who == user_id
    assert {k: details[k] for k in ("method", "path")} == {"method": method, "path": path.split("?")[0]}


def test_a_refused_notes_api_call_is_on_record(app, client, signed_in, caplog):
    from factories import assign, make_session

    ids = make_session(app)
    user_id = signed_in("notetaker")
    assign(app, user_id, ids["tables"][0])
    body = {"client_id": "11111111-1111-4111-8111-111111111111", "user_id": user_id,
            "table_id": ids["tables"][1], "prompt_id": ids["prompts"][0], "text": "Not my table"}
    with caplog.at_level("WARNING"):
        response = client.post("/capture/api/notes", json=body)
    assert response.status_code == 403
    assert any(f"user={user_id} role=notetaker POST /capture/api/notes" in r.getMessage() for r in caplog.records)
    assert _refusals(app) == [(user_id, {"method": "POST", "path": "/capture/api/notes"})]


def test_an_anonymous_refusal_is_logged_without_an_audit_row_and_masks_private_links(app, client, caplog):
    with caplog.at_level("WARNING"):
        response = client.post("/r/some-private-token/cancel", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    lines = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert lines and "some-private-token" not in lines[0] and "/r/[private]/cancel" in lines[0]
    assert "user=- role=anonymous" in lines[0] and "reason=cross-origin" in lines[0]
    assert _refusals(app) == []


# --- Changes come from Heard's own pages -----------------------------------------------------------

FOREIGN_ORIGINS = ["https://evil.example", "http://evil.example", "null", "http://localhost.evil.example",
                   "http://localhost:8080", "https://localhost", "file://", "chrome-extension://abc", "", " "]


class TestSameOrigin:
    """With CSRF on, as in production: a valid token is not enough from another site."""

    @pytest.fixture
    def app(self, make_app):
        app = make_app(WTF_CSRF_ENABLED=True, HEARD_BASE_URL="https://listen.example.gov")
        with app.app_context():
            empty_tables()
        return app

    def _sign_in_page(self, client):
        return csrf_token(client.get("/auth/sign-in").get_data(as_text=True))

    @pytest.mark.parametrize("origin", FOREIGN_ORIGINS)
    def test_sign_in_with_a_valid_token_from_another_origin_is_refused(self, client, make_user, origin):
        _id, email = make_user("organizer")
        token = self._sign_in_page(client)
        response = client.post("/auth/sign-in", headers={"Origin": origin}, data={
            "email": email, "password": PASSWORDS["organizer"], "csrf_token": token})
        assert response.status_code == 403
        page = response.get_data(as_text=True)
        assert "This request came from another website" in page and 'lang="en"' in page
        assert client.get("/admin/").status_code == 302  # not signed in

    @pytest.mark.parametrize("headers", [
        {}, {"Origin": "http://localhost"}, {"Origin": "HTTP://LOCALHOST:80"},
        {"Origin": "https://listen.example.gov"}, {"Origin": "https://listen.example.gov:443"},
        {"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"},
    ])
    def test_own_pages_and_old_browsers_still_sign_in(self, client, make_user, headers):
        _id, email = make_user("organizer")
        token = self._sign_in_page(client)
        response = client.post("/auth/sign-in", headers=headers, data={
            "email": email, "password": PASSWORDS["organizer"], "csrf_token": token})
        assert response.status_code == 302
        assert client.get("/admin/").status_code == 200

    @pytest.mark.parametrize("fetch_site, status", [
        ("same-origin", 302), ("cross-site", 403), ("same-site", 403), ("none", 403), (None, 403)])
    def test_a_null_origin_passes_only_when_the_browser_says_same_origin(self, client, make_user,
                                                                         fetch_site, status):
        """A form on a page with ``Referrer-Policy: no-referrer`` sends ``Origin: null``; a
        sandboxed frame on another site does too, with ``Sec-Fetch-Site: cross-site``."""
        _id, email = make_user("organizer")
        token = self._sign_in_page(client)
        headers = {"Origin": "null", **({"Sec-Fetch-Site": fetch_site} if fetch_site else {})}
        response = client.post("/auth/sign-in", headers=headers, data={
            "email": email, "password": PASSWORDS["organizer"], "csrf_token": token})
        assert response.status_code == status

    def test_cross_site_fetch_without_origin_is_refused(self, client, make_user):
        _id, email = make_user("organizer")
        token = self._sign_in_page(client)
        response = client.post("/auth/sign-in", headers={"Sec-Fetch-Site": "cross-site"}, data={
            "email": email, "password": PASSWORDS["organizer"], "csrf_token": token})
        assert response.status_code == 403

    def test_the_page_is_in_the_visitors_language(self, client):
        client.get("/language/ar")
        response = client.post("/auth/sign-in", headers={"Origin": "https://evil.example"})
        assert response.status_code == 403
        assert 'dir="rtl"' in response.get_data(as_text=True)

    @pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
    def test_the_notes_api_refuses_a_foreign_origin_in_json(self, app, client, signed_in, method):
        from factories import assign, make_session

        ids = make_session(app)
        user_id = signed_in_with_token(client, signed_in, "notetaker")
        assign(app, user_id, ids["tables"][0])
        token = csrf_token(client.get(f"/capture/tables/{ids['tables'][0]}").get_data(as_text=True))
        path = "/capture/api/notes" if method == "POST" else "/capture/api/notes/1"
        response = client.open(path, method=method, headers={
            "Origin": "https://evil.example", "X-CSRFToken": token, "Accept": "application/json"},
            json={"client_id": "22222222-2222-4222-8222-222222222222", "user_id": user_id,
                  "table_id": ids["tables"][0], "prompt_id": ids["prompts"][0], "text": "From elsewhere"})
        assert response.status_code == 403
        assert response.is_json and response.get_json()["ok"] is False
        from app.extensions import db
        from app.models import Note

        with app.app_context():
            assert db.session.query(Note).count() == 0

    def test_reading_is_never_refused(self, client):
        assert client.get("/", headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}).status_code == 200


def signed_in_with_token(client, _signed_in, role):
    """Sign in through the form with its CSRF token (CSRF is on in TestSameOrigin)."""
    import os

    from app.extensions import db
    from app.models import User

    app = client.application
    with app.app_context():
        user = User(email=f"{role}-{os.urandom(3).hex()}@example.org", name=role.title(), role=role)
        user.set_password(PASSWORDS[role])
        db.session.add(user)
        db.session.commit()
        user_id, email = user.id, user.email
    token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
    assert client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS[role],
                                              "csrf_token": token}).status_code == 302
    return user_id


# --- The session cookie ---------------------------------------------------------------------------

STRONG_SECRET = "k" * 40


def _production_app(make_app, **config):
    """An app configured as a deployment is (not TESTING), on the test database."""
    app = make_app(TESTING=False, SECRET_KEY=STRONG_SECRET, **config)
    with app.app_context():
        empty_tables()
    return app


def _set_cookies(response):
    return response.headers.getlist("Set-Cookie")


def _sign_in(app, base_url):
    from app.extensions import db
    from app.models import User

    with app.app_context():
        user = User(email="cookie@example.org", name="Cookie", role="organizer")
        user.set_password(PASSWORDS["organizer"])
        db.session.add(user)
        db.session.commit()
    client = app.test_client()
    response = client.post("/auth/sign-in", base_url=base_url, data={
        "email": "cookie@example.org", "password": PASSWORDS["organizer"]})
    assert response.status_code == 302
    return client, response


def test_over_https_the_session_cookie_is_secure_and_host_prefixed(make_app):
    app = _production_app(make_app, HEARD_BASE_URL="https://listen.example.gov")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-session"
    client, response = _sign_in(app, "https://listen.example.gov")
    [cookie] = [c for c in _set_cookies(response) if c.startswith("__Host-session=")]
    attributes = [part.strip().lower() for part in cookie.split(";")[1:]]
    assert "secure" in attributes and "httponly" in attributes and "path=/" in attributes
    assert "samesite=lax" in attributes
    assert not any(a.startswith("domain") for a in attributes)
    assert client.get("/admin/", base_url="https://listen.example.gov").status_code == 200
    language = client.get("/language/es", base_url="https://listen.example.gov")
    assert "secure" in _set_cookies(language)[0].lower()


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:5000", "http://localhost:5000", "http://[::1]:5000"])
def test_a_plain_http_run_on_this_machine_still_signs_in(make_app, base_url):
    """``make run`` (flask run, debug off) serves http://127.0.0.1:5000: a Secure cookie would
    never come back, so cookies are not Secure there and sign-in works."""
    app = _production_app(make_app, HEARD_BASE_URL=base_url)
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["SESSION_COOKIE_NAME"] == "session"
    client, response = _sign_in(app, base_url)
    assert any(c.startswith("session=") and "secure" not in c.lower() for c in _set_cookies(response))
    assert client.get("/admin/", base_url=base_url).status_code == 200


def test_cookies_are_secure_by_default_for_any_other_address(make_app):
    app = _production_app(make_app, HEARD_BASE_URL="http://listen.example.gov")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_NAME"] == "session"  # not served over https: no prefix


def test_debug_and_an_explicit_setting_turn_secure_off(make_app):
    assert _production_app(make_app, DEBUG=True, HEARD_BASE_URL="https://x.example")\
        .config["SESSION_COOKIE_SECURE"] is False
    app = _production_app(make_app, SESSION_COOKIE_SECURE=False, HEARD_BASE_URL="https://x.example")
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["SESSION_COOKIE_NAME"] == "session"
    assert _production_app(make_app, PREFERRED_URL_SCHEME="https", HEARD_BASE_URL="http://127.0.0.1:5000",
                           SESSION_COOKIE_SECURE=True).config["SESSION_COOKIE_NAME"] == "__Host-session"


def test_a_host_prefixed_name_without_secure_refuses_to_start(make_app):
    from app.config import ConfigError

    with pytest.raises(ConfigError):
        make_app(TESTING=False, SECRET_KEY=STRONG_SECRET, SESSION_COOKIE_NAME="__Host-session",
                 SESSION_COOKIE_SECURE=False)
    with pytest.raises(ConfigError):
        make_app(TESTING=False, SECRET_KEY=STRONG_SECRET, SESSION_COOKIE_NAME="__Host-session",
                 SESSION_COOKIE_SECURE=True, SESSION_COOKIE_DOMAIN="example.gov")
