"""Without HEARD_BASE_URL, Heard's own address is where it is served: `flask run`'s FLASK_RUN_HOST
and FLASK_RUN_PORT (`make run HOST=... PORT=...` sets them). The demo sign-ins it prints and the
links inside messages follow it; a configured HEARD_BASE_URL always wins."""
import email
import email.policy
import os
import re
import socket
from datetime import timedelta

import pytest
from support import empty_tables

from app.models.types import utcnow
from app.services.sessions import organize

SERVED = [
    ({}, "http://127.0.0.1:5000"),
    ({"FLASK_RUN_PORT": "5101"}, "http://127.0.0.1:5101"),
    ({"FLASK_RUN_HOST": "192.0.2.7", "FLASK_RUN_PORT": "8080"}, "http://192.0.2.7:8080"),
    ({"FLASK_RUN_HOST": "localhost"}, "http://localhost:5000"),
    ({"FLASK_RUN_HOST": "::1", "FLASK_RUN_PORT": "5101"}, "http://[::1]:5101"),
    ({"FLASK_RUN_HOST": "0.0.0.0", "FLASK_RUN_PORT": "5101"}, f"http://{socket.gethostname()}:5101"),
    ({"FLASK_RUN_PORT": "8443", "FLASK_RUN_CERT": "adhoc"}, "https://127.0.0.1:8443"),
]


@pytest.fixture
def served_at(monkeypatch, make_app):
    """An app built as `flask run` with these FLASK_RUN_* settings would build it."""

    def build(environment, **overrides):
        for name in ("FLASK_RUN_HOST", "FLASK_RUN_PORT", "FLASK_RUN_CERT", "HEARD_BASE_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return make_app(**overrides)

    return build


def _register(app):
    with app.app_context():
        empty_tables()
        engagement = organize.create_engagement(None, "east", "en", {"en": "East"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug="east-hall", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="East Hall", venue_address="1 Oak St", capacity=5,
        ), {"en": {"title": "East Hall", "description": "Come and talk."}})
        organize.publish(None, session.id)
    client = app.test_client()
    response = client.post("/sessions/east-hall/register",
                           data={"name": "Rosa", "email": "rosa@example.org"})
    response.close()  # messages go out once the response is done
    token = re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)
    folder = app.config["OUTBOX_DIR"]
    [name] = [f for f in os.listdir(folder) if f.endswith(".eml")]
    with open(os.path.join(folder, name), "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    return token, message.get_body(("plain",)).get_content()


@pytest.mark.parametrize("environment, expected", SERVED)
def test_the_printed_sign_ins_follow_the_served_address(served_at, environment, expected):
    app = served_at(environment)
    assert app.config["HEARD_BASE_URL"] == expected
    output = app.test_cli_runner().invoke(args=["demo", "logins"]).output
    assert f"Heard is at {expected}/  (staff sign-in: {expected}/auth/sign-in)" in output


@pytest.mark.parametrize("environment, expected", [SERVED[1], SERVED[2]])
def test_links_in_messages_follow_the_served_address(served_at, environment, expected):
    app = served_at(environment)
    token, body = _register(app)
    assert f"{expected}/r/{token}" in body
    assert f"{expected}/sessions/east-hall" in body
    assert "127.0.0.1:5000" not in body


def test_a_configured_base_url_wins_over_the_served_address(served_at):
    app = served_at({"FLASK_RUN_PORT": "5101"}, HEARD_BASE_URL="https://listen.example.gov")
    assert app.config["HEARD_BASE_URL"] == "https://listen.example.gov"
    app = served_at({"FLASK_RUN_PORT": "5101", "HEARD_BASE_URL": "https://env.example.gov"})
    assert app.config["HEARD_BASE_URL"] == "https://env.example.gov"
    token, body = _register(app)
    assert f"https://env.example.gov/r/{token}" in body
