"""Fault: the app is killed (SIGKILL, the whole gunicorn process group) in the middle of a
registration burst. After a restart no seat is sold twice, the seat counter matches the rows,
every registration has its message and every message its registration, and the database
passes its integrity check.

The server is real: gunicorn with deploy/gunicorn.conf.py and 2 workers on a loopback port, CSRF
on, against a SQLite file migrated with ``flask db upgrade`` (or the PostgreSQL database of the
run when ``DATABASE_URL`` is set).
"""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import ListeningSession, OutboxMessage, Registration
from app.models.types import utcnow
from app.services.sessions import organize

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
CAPACITY = 25
BURST = 120
THREADS = 16
AFTER = 30  # registrations after the restart
KILL_AFTER = 30  # responses received before the kill


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port, method, path, body=None, headers=None, timeout=15):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Server:
    """gunicorn in its own process group, so one signal reaches the master and its workers."""

    def __init__(self, env, log_path):
        self.env, self.log_path, self.port, self.process = env, log_path, _free_port(), None

    def start(self):
        self.log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--workers", "2",
             "--bind", f"127.0.0.1:{self.port}", "app:create_app()"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, Path(self.log_path).read_text()[-3000:]
            try:
                if _request(self.port, "GET", "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + Path(self.log_path).read_text()[-3000:])

    def kill(self):
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
                return
            self.log.close()


@pytest.fixture
def database(app, make_app, tmp_path):
    """(app for checks, server environment). SQLite: a fresh file migrated by ``flask db
    upgrade``; PostgreSQL: the run's database, emptied by the ``app`` fixture."""
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in this environment")
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)  # make_app may have made it already
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "FLASK_", "GUNICORN_"))}
    env.update(HEARD_INSTANCE_PATH=str(instance), FLASK_APP="app", HEARD_QUEUE="db",
               SECRET_KEY=os.urandom(24).hex(), PYTHONPATH=str(ROOT),
               REGISTRATION_MIN_FILL_SECONDS="0")  # the burst posts the moment it has the form
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        uri = "sqlite:///" + str(tmp_path / "burst.sqlite3")
        env["DATABASE_URL"] = uri
        subprocess.run([str(GUNICORN.parent / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=60)
        check_app = make_app(SQLALCHEMY_DATABASE_URI=uri)
    else:
        env["DATABASE_URL"] = uri
        check_app = app
    return check_app, env


def _create_session(app):
    """The organizer's setup, through the services."""
    with app.app_context():
        engagement = organize.create_engagement(None, "rush", "en", {"en": "Rush"})
        starts = utcnow() + timedelta(days=2)
        session = organize.create_session(None, engagement.id, dict(
            slug="rush-hour", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Gym", venue_address="5 Elm St", capacity=CAPACITY,
        ), {"en": {"title": "Rush hour"}})
        organize.publish(None, session.id)
        session_id = session.id
        db.session.remove()
        db.engine.dispose()
        return session_id


def _form_credentials(port):
    _status, headers, html = _request(port, "GET", "/sessions/rush-hour/register")
    cookie = next(v.split(";", 1)[0] for k, v in headers if k.lower() == "set-cookie" and v.startswith("session="))
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return cookie, token


def _register(port, cookie, token, number):
    body = urlencode({"csrf_token": token, "name": f"Resident {number}", "email": f"rush{number}@example.org",
                      "preferred_language": "en", "website": ""})
    return _request(port, "POST", "/sessions/rush-hour/register", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})[0]


def test_killed_mid_burst_then_restarted_keeps_counts_and_integrity(database, tmp_path):
    check_app, env = database
    session_id = _create_session(check_app)
    server = Server(env, tmp_path / "gunicorn.log").start()
    try:
        cookie, token = _form_credentials(server.port)
        answered, failed, killed = [], [], threading.Event()
        lock = threading.Lock()

        def one(number):
            if killed.is_set():
                return
            try:
                status = _register(server.port, cookie, token, number)
            except (OSError, http.client.HTTPException):  # the server died under this request (maybe mid-body)
                with lock:
                    failed.append(number)
                return
            with lock:
                answered.append(status)
                if len(answered) >= KILL_AFTER and not killed.is_set():
                    killed.set()
                    server.kill()

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(one, range(BURST)))
        assert killed.is_set(), "the burst ended before the kill"
        assert set(answered) == {303}, answered
        assert failed, "no request was in flight when the server was killed"

        # Restart on the same database; registrations work again, the seats run out.
        server = Server(env, tmp_path / "gunicorn.log").start()
        cookie, token = _form_credentials(server.port)
        with ThreadPoolExecutor(THREADS) as pool:
            after = list(pool.map(lambda n: _register(server.port, cookie, token, n), range(BURST, BURST + AFTER)))
        assert set(after) == {303}, after
        page = _request(server.port, "GET", "/sessions/rush-hour")[2]
    finally:
        server.stop()

    with check_app.app_context():
        rows = dict(db.session.execute(select(Registration.status, func.count()).where(
            Registration.session_id == session_id).group_by(Registration.status)).all())
        seated = rows.get("confirmed", 0) + rows.get("attended", 0)
        session = db.session.get(ListeningSession, session_id)
        assert seated <= CAPACITY
        assert session.seats_taken == seated
        assert len(answered) + AFTER <= sum(rows.values()) <= len(answered) + len(failed) + AFTER
        assert seated == CAPACITY and rows.get("waitlisted", 0) > 0  # the rush filled it after the restart
        assert "Full: you can join the waitlist" in page
        # Every registration has its message and every message its registration.
        registration_ids = set(db.session.scalars(select(Registration.id)))
        messages = db.session.execute(select(OutboxMessage.registration_id, OutboxMessage.kind)).all()
        assert all(rid in registration_ids for rid, _kind in messages)
        assert sorted(rid for rid, _kind in messages) == sorted(registration_ids)
        by_kind = {kind: sum(1 for _r, k in messages if k == kind) for _r, kind in messages}
        assert by_kind == {"confirmation": seated, "waitlisted": rows.get("waitlisted", 0)}
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        else:
            assert db.session.scalar(select(func.count()).select_from(ListeningSession).where(
                ListeningSession.seats_taken > ListeningSession.capacity)) == 0
