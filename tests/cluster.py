"""Heard on more than one machine, on 127.0.0.1 (issue 22): two gunicorn servers (deploy's
settings, two workers each) on one PostgreSQL and one Redis, and an RQ worker
(``flask jobs rq-worker``). Used by tests/app/test_scale_out.py and benchmarks/scale_out.py.

The client plays the load balancer: it sends request i to server i mod 2, and, like a load
balancer, never sends a POST again to the other server when the first one died under it.
"""
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


class Process:
    """A command in its own process group, so one signal reaches it and its children."""

    def __init__(self, command, env, log_path):
        self.command, self.env, self.log_path, self.process = command, env, Path(log_path), None

    def start(self):
        self.log = open(self.log_path, "a")
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self):
        """SIGKILL: no goodbye, as a machine that loses power."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.log.close()

    def stop(self):
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            return
        self.log.close()

    def tail(self):
        return self.log_path.read_text(errors="replace")[-3000:]


class Server(Process):
    def __init__(self, env, log_path, workers=2):
        self.port = free_port()
        super().__init__([str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                          "--workers", str(workers), "--bind", f"127.0.0.1:{self.port}",
                          "--access-logfile", os.devnull, "app:create_app()"], env, log_path)

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.alive(), self.tail()
            try:
                if request(self.port, "GET", "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start:\n" + self.tail())


def rq_worker(env, log_path):
    return Process([str(BIN / "flask"), "jobs", "rq-worker"], env, log_path)


def start_redis(folder):
    """A throwaway redis-server; (process, url), or None when it is not installed."""
    server = shutil.which("redis-server")
    if not server:
        return None
    port = free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    from redis import Redis

    client = Redis.from_url(url)
    for _ in range(200):
        try:
            client.ping()
            return process, url
        except Exception:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


def environment(database_url, redis_url, folder, **settings):
    """What every server and the worker share: database, Redis, secret, and an instance folder
    (its outbox/ gets the worker's copies of the messages sent)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARD_", "FLASK_", "GUNICORN_"))}
    env.pop("RATELIMIT_STORAGE_URL", None)
    instance = Path(folder) / "instance"
    instance.mkdir(exist_ok=True)
    env.update(DATABASE_URL=database_url, REDIS_URL=redis_url, HEARD_QUEUE="rq", FLASK_APP="app",
               HEARD_INSTANCE_PATH=str(instance), PYTHONPATH=str(ROOT), SECRET_KEY=os.urandom(24).hex(),
               REGISTRATION_MIN_FILL_SECONDS="0")
    env.update({k: str(v) for k, v in settings.items()})
    return env


def form_credentials(port, slug):
    """A visitor's session cookie and CSRF token. Every server shares SECRET_KEY, so they hold
    on the other server too."""
    _status, headers, html = request(port, "GET", f"/sessions/{slug}/register")
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    return cookie, token


def register(port, slug, credentials, email, address, name="Resident"):
    """One registration as a browser behind the load balancer sends it (its address in
    X-Forwarded-For, which Heard believes from 127.0.0.1); the HTTP status."""
    cookie, token = credentials
    body = urlencode({"csrf_token": token, "name": name, "email": email, "preferred_language": "en",
                      "website": ""})
    return request(port, "POST", f"/sessions/{slug}/register", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
        "X-Forwarded-For": address})[0]


def address(number):
    """A distinct visitor address for each number (documentation and private ranges)."""
    return f"10.{(number // 250) % 250}.{number % 250}.7"


def outbox_copies(folder):
    """{message id: number of copies} of the .eml files the worker wrote."""
    counts = {}
    directory = Path(folder) / "instance" / "outbox"
    if not directory.is_dir():
        return counts
    for name in os.listdir(directory):
        match = re.fullmatch(r"\d{8}-\d{6}-(\d+)-r\d+-[a-z_]+\.eml", name)
        if match:
            counts[int(match.group(1))] = counts.get(int(match.group(1)), 0) + 1
    return counts
