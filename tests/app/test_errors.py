"""Error answers never fail themselves, and JSON clients get JSON."""
import pytest
from support import PASSWORDS

from app.extensions import db
from app.models import User


@pytest.fixture
def failing_app(make_app, make_user):
    """An app as production runs it (exceptions become error pages), with a view whose write
    fails at flush: the session is left needing a rollback, as a NUL on PostgreSQL or a lone
    surrogate on SQLite left it."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    def broken_write():
        db.session.add(User(email=None, name="\ud800", role="notetaker"))
        db.session.flush()

    app.add_url_rule("/broken-write", view_func=broken_write, methods=["GET", "POST"])
    return app


def test_error_page_after_a_failed_write_is_answered(failing_app, make_user):
    _id, email = make_user("organizer")
    client = failing_app.test_client()
    client.post("/auth/sign-in", data={"email": email, "password": PASSWORDS["organizer"]})
    response = client.get("/broken-write")  # the page loads the signed-in user: needs a usable session
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.get_data(as_text=True)
    assert client.get("/").status_code == 200  # and the next request is fine


def test_json_client_gets_json_errors(failing_app):
    client = failing_app.test_client()
    for response, status in [
        (client.post("/broken-write", json={"a": 1}), 500),
        (client.get("/no-such-page", headers={"Accept": "application/json"}), 404),
        (client.post("/broken-write", data=b"{not json", content_type="application/json"), 500),
    ]:
        assert response.status_code == status
        assert response.is_json and response.json["ok"] is False and response.json["error"]


def test_error_answer_when_the_error_page_itself_cannot_be_built(failing_app, monkeypatch):
    def fail(*args, **kwargs):
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr("app.errors.render_template", fail)
    monkeypatch.setattr("app.errors.jsonify", fail)
    client = failing_app.test_client()
    for response, status in [(client.get("/broken-write"), 500), (client.get("/no-such-page"), 404),
                             (client.post("/broken-write", json={}), 500)]:
        assert response.status_code == status
        assert response.mimetype == "text/plain"
