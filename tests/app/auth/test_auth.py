import pytest
from support import PASSWORDS, csrf_token, empty_tables


def session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_sign_in_page_renders(client):
    response = client.get("/auth/sign-in")
    assert response.status_code == 200
    assert b'autocomplete="current-password"' in response.data


def test_sign_in_and_land_on_role_home(client, auth, make_user):
    _id, email = make_user("notetaker")
    response = auth.login(email, PASSWORDS["notetaker"])
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/capture/")
    assert client.get("/capture/").status_code == 200


def test_wrong_password_is_refused_with_message(client, auth, make_user):
    _id, email = make_user("organizer")
    response = auth.login(email, "not-the-password")
    assert response.status_code == 200
    assert b"do not match" in response.data
    assert client.get("/admin/").status_code == 302


def test_unknown_email_gets_same_message(client, auth):
    response = auth.login("nobody@example.org", "whatever-password")
    assert b"do not match" in response.data


def test_inactive_user_cannot_sign_in(client, auth, make_user):
    _id, email = make_user("organizer", active=False)
    assert auth.login(email, PASSWORDS["organizer"]).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_session_is_rotated_at_sign_in(client, auth, make_user):
    _id, email = make_user("organizer")
    with client.session_transaction() as sess:
        sess["planted"] = "by an attacker"
    auth.login(email, PASSWORDS["organizer"])
    with client.session_transaction() as sess:
        assert "planted" not in sess
        assert "_user_id" in sess


def test_sign_out_ends_session_and_replayed_cookie_is_refused(app, client, auth, make_user):
    _id, email = make_user("organizer")
    auth.login(email, PASSWORDS["organizer"])
    stolen = session_cookie(client)
    assert client.get("/admin/").status_code == 200
    response = auth.logout()
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 302

    attacker = app.test_client()
    attacker.set_cookie("session", stolen)
    response = attacker.get("/admin/")
    assert response.status_code == 302
    assert "/auth/sign-in" in response.headers["Location"]


def test_next_is_followed_only_for_local_paths(client, make_user):
    _id, email = make_user("organizer")
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                   "next": "//evil.example/steal"})
    assert response.headers["Location"] == "/admin/"
    client.post("/auth/sign-out")
    response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                   "next": "/admin/users"})
    assert response.headers["Location"] == "/admin/users"


def test_guard_redirects_to_sign_in_with_next(client):
    response = client.get("/review/")
    assert response.status_code == 302
    assert "/auth/sign-in?next=/review/" in response.headers["Location"]


def test_language_switch_refuses_offsite_next(client):
    response = client.get("/language/es?next=https://evil.example/")
    assert response.headers["Location"] == "/"


class TestCsrf:
    @pytest.fixture
    def app(self, make_app):
        app = make_app(WTF_CSRF_ENABLED=True)
        with app.app_context():
            empty_tables()
        return app

    def test_sign_in_without_token_is_refused(self, client, make_user):
        _id, email = make_user("organizer")
        response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"]})
        assert response.status_code == 400
        assert client.get("/admin/").status_code == 302

    def test_sign_in_with_token_works_and_sign_out_needs_token(self, client, make_user):
        _id, email = make_user("organizer")
        token = csrf_token(client.get("/auth/sign-in").get_data(as_text=True))
        response = client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"],
                                                       "csrf_token": token})
        assert response.status_code == 302
        assert client.post("/auth/sign-out").status_code == 400
        assert client.get("/admin/").status_code == 200


def test_the_sign_in_service_leaves_the_browser_session_to_the_blueprint(app, make_user):
    """users.sign_in checks and records; signing the browser in (and clearing its cookie
    session) is the auth blueprint's. A refusal is a ServiceError on the password field."""
    from flask import session
    from flask_login import current_user

    from app.services import ServiceError
    from app.services.accounts import users

    _id, email = make_user("organizer")
    with app.test_request_context():
        session["kept"] = "yes"
        with pytest.raises(ServiceError, match="do not match") as refused:
            users.sign_in(email, "not-the-password")
        assert refused.value.field == "password"
        user = users.sign_in(email, PASSWORDS["organizer"])
        assert user.email == email
        assert session.get("kept") == "yes" and not current_user.is_authenticated
        users.sign_out(user)
        assert session.get("kept") == "yes"
