"""The limits hold across gunicorn workers, with no Redis: a real gunicorn (deploy/gunicorn.conf.py,
3 workers, CSRF on) against a migrated SQLite file (or the run's PostgreSQL database when
``DATABASE_URL`` is set), hit by concurrent clients each on its own connection. Each
request's worker is read from the access log (its process id), so the test also shows that
more than one worker answered."""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from support import PASSWORDS

from app.extensions import db
from app.models import User
from app.models.types import utcnow
from app.services.sessions import organize

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = 3
CONTACT_LIMIT = 5
PAIR_LIMIT = 4


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def server(app, make_app, tmp_path):
    """(app on the same database, port) of a running gunicorn; stopped afterwards."""
    if not GUNICORN.exists():
        pytest.skip("gunicorn is not installed in this environment")
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)  # make_app may have made it already
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "FLASK_", "GUNICORN_"))}
    env.update(HEARD_INSTANCE_PATH=str(instance), FLASK_APP="app", HEARD_QUEUE="db", PYTHONPATH=str(ROOT),
               SECRET_KEY=os.urandom(24).hex(), REGISTRATION_MIN_FILL_SECONDS="0",
               REGISTRATION_LIMIT_PER_CONTACT=f"{CONTACT_LIMIT}/3600", LINK_RESEND_LIMIT_PER_CONTACT="100/3600",
               SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS=f"{PAIR_LIMIT}/900")
    for name in ("REDIS_URL", "RATELIMIT_STORAGE_URL"):
        env.pop(name, None)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        uri = "sqlite:///" + str(tmp_path / "workers.sqlite3")
        env["DATABASE_URL"] = uri
        subprocess.run([str(GUNICORN.parent / "flask"), "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=120)
        check_app = make_app(SQLALCHEMY_DATABASE_URI=uri)
    else:
        env["DATABASE_URL"] = uri
        check_app = app
    with check_app.app_context():
        engagement = organize.create_engagement(None, "many", "en", {"en": "Many"})
        starts = utcnow() + timedelta(days=3)
        session = organize.create_session(None, engagement.id, dict(
            slug="many-workers", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Hall", venue_address="1 Main St", capacity=10), {"en": {"title": "Many workers"}})
        organize.publish(None, session.id)
        user = User(email="organizer@example.org", name="Org", role="organizer")
        user.set_password(PASSWORDS["organizer"])
        db.session.add(user)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()

    port, log_path = _free_port(), tmp_path / "gunicorn.log"
    log = open(log_path, "w")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "--workers", str(WORKERS),
         "--bind", f"127.0.0.1:{port}", "--access-logformat", "worker=%(p)s %(m)s %(U)s %(s)s", "app:create_app()"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log_path.read_text()[-3000:]
            try:
                if _request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start:\n" + log_path.read_text()[-3000:]
            time.sleep(0.1)
        yield port, log_path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def _form(port, path):
    _status, headers, html = _request(port, "GET", path)
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return cookie, token


def _workers(log_path, method_and_path):
    return {m.group(1) for m in re.finditer(rf"worker=<?(\d+)>? {method_and_path} \d+", log_path.read_text())}


def test_the_per_contact_and_sign_in_limits_hold_across_workers(server):
    port, log_path = server
    cookie, token = _form(port, "/sessions/many-workers/register")
    body = urlencode({"csrf_token": token, "name": "Same Person", "email": "same@example.org",
                      "preferred_language": "en", "website": ""})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _n: _request(port, "POST", "/sessions/many-workers/register", body, headers),
                                range(20)))
    statuses = sorted(status for status, _h, _b in answers)
    assert statuses == [200] * (CONTACT_LIMIT - 1) + [303] + [429] * (20 - CONTACT_LIMIT), statuses
    assert all(int(h["Retry-After"]) > 0 for status, h, _b in answers if status == 429)

    cookie, token = _form(port, "/auth/sign-in")
    body = urlencode({"csrf_token": token, "email": "organizer@example.org", "password": "a-wrong-guess"})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _n: _request(port, "POST", "/auth/sign-in", body, headers), range(12)))
    statuses = sorted(status for status, _h, _b in answers)
    assert statuses == [200] * PAIR_LIMIT + [429] * (12 - PAIR_LIMIT), statuses
    assert all(int(h["Retry-After"]) > 0 for status, h, _b in answers if status == 429)

    # The requests were spread over the workers: each counted in the one shared store.
    served = _workers(log_path, "POST /sessions/many-workers/register") | _workers(log_path, "POST /auth/sign-in")
    assert len(served) >= 2, log_path.read_text()[-2000:]
