"""Fixtures built on the real factory. The database is SQLite by default, PostgreSQL when
``DATABASE_URL`` is set (``make test`` runs both passes).

No test reads the developer's ``instance/`` folder (``make run`` writes a SECRET_KEY there):
the whole session, and every process a test starts, uses a throwaway one."""
import os
import shutil
import tempfile

import pytest
from sqlalchemy import text
from support import PASSWORDS, empty_tables

from app import create_app
from app.extensions import db
from app.models import User

DATABASE_URL = os.environ.get("DATABASE_URL")

_ENVIRONMENT_BEFORE = {}


def pytest_configure(config):
    """Point HEARD_INSTANCE_PATH at an empty folder for the whole run (apps built here, live
    servers, subprocesses all inherit it); put the developer's value back afterwards."""
    _ENVIRONMENT_BEFORE["HEARD_INSTANCE_PATH"] = os.environ.get("HEARD_INSTANCE_PATH")
    os.environ["HEARD_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="heard-test-instance-")


def pytest_unconfigure(config):
    shutil.rmtree(os.environ["HEARD_INSTANCE_PATH"], ignore_errors=True)
    before = _ENVIRONMENT_BEFORE.get("HEARD_INSTANCE_PATH")
    if before is None:
        os.environ.pop("HEARD_INSTANCE_PATH", None)
    else:
        os.environ["HEARD_INSTANCE_PATH"] = before


def pytest_runtest_setup(item):
    """Tests marked ``postgres`` (several servers on one database) run in the PostgreSQL pass."""
    if item.get_closest_marker("postgres") and not (DATABASE_URL or "").startswith("postgres"):
        pytest.skip("needs PostgreSQL: runs in the PostgreSQL pass of make test (scripts/with-postgres.sh)")


def _database_uri(tmp_root):
    if DATABASE_URL:
        from app.config import normalise_database_url

        return normalise_database_url(DATABASE_URL)
    return "sqlite:///" + os.path.join(tmp_root, "heard-test.sqlite3")


@pytest.fixture(scope="session")
def database_uri():
    """Migrate an empty database once per run; tests then empty its tables."""
    import flask_migrate

    tmp_root = tempfile.mkdtemp(prefix="heard-tests-")
    uri = _database_uri(tmp_root)
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": uri})
    with app.app_context():
        if uri.startswith("postgresql"):
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        flask_migrate.upgrade()
        db.engine.dispose()
    return uri


@pytest.fixture
def make_app(database_uri, tmp_path, monkeypatch):
    """Build apps on the test database; each test's apps get their own instance folder."""
    monkeypatch.setenv("HEARD_INSTANCE_PATH", str(tmp_path / "instance"))
    made = []

    def factory(**overrides):
        config = {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_uri,
            "WTF_CSRF_ENABLED": False,
            "HEARD_QUEUE": "inline",
            "OUTBOX_DIR": str(tmp_path / "outbox"),
            "ERASURE_TOMBSTONES": str(tmp_path / "erasure-tombstones.jsonl"),
            "SERVER_NAME": None,
            # Tests post forms at once; tests of the minimum fill time set their own.
            "REGISTRATION_MIN_FILL_SECONDS": 0,
            # Runs read words only, and no note is encoded (about 50 ms each); the tests of the
            # multilingual encoder (tests/app/services/insights/test_note_vectors.py) choose it themselves.
            "HEARD_ANALYSIS_ENCODER": "lexical",
        }
        config.update(overrides)
        app = create_app(config)
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        empty_tables()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def make_user(app):
    def factory(role="organizer", email=None, password=None, **kwargs):
        with app.app_context():
            user = User(email=email or f"{role}-{os.urandom(3).hex()}@example.org", name=role.title(),
                        role=role, **kwargs)
            user.set_password(password or PASSWORDS[role])
            db.session.add(user)
            db.session.commit()
            return user.id, user.email

    return factory


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, email, password):
        return self.client.post("/auth/sign-in", data={"email": email, "password": password})

    def logout(self):
        return self.client.post("/auth/sign-out")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def signed_in(client, auth, make_user):
    """Sign the test client in with a new user of a role; returns the user's id."""

    def factory(role):
        user_id, email = make_user(role)
        response = auth.login(email, PASSWORDS[role])
        assert response.status_code == 302, response.data
        return user_id

    return factory


@pytest.fixture
def demo(app):
    from app.demo import engagement as demo_service

    with app.app_context():
        demo_service.load()
    return demo_service


@pytest.fixture
def live_server(app):
    """The test app served on a loopback port; ``live_server.url`` is its base URL."""
    from live import LiveServer

    server = LiveServer(app).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(tmp_path):
    """A throwaway redis-server on a free loopback port (make test installs it)."""
    import shutil
    import socket
    import subprocess
    import time

    server = shutil.which("redis-server")
    if not server:
        pytest.skip("redis-server is not installed (make test installs it)")
    pytest.importorskip("rq")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    client = Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except Exception:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)
