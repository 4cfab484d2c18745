"""`make bench`: Heard's public pages, registration and note capture under load, beside a bare
Flask "hello" served with the same gunicorn settings, plus the 600-for-100 registration burst.

Usage: python benchmarks/run.py [--duration SECONDS] [--connections N] [--output docs/benchmarks.md]
       python benchmarks/run.py --no-write      (print only)

Everything runs on 127.0.0.1: gunicorn with 2 sync workers, a fresh SQLite database in a temporary
instance folder (migrated, demo loaded), HEARD_QUEUE=db (web workers only queue mail; the worker that
would send it is not running, as on a server where it runs elsewhere). Load comes from wrk (Debian
package ``wrk``, installed with apt-get when missing and we are root); without it, a small threaded
Python load generator stands in, and the report says so.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import fair  # benchmarks/fair.py: this script's folder is on the path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
WORKERS = 2
WRK_THREADS = 2

# The targets from issue 5, as ratios of hello's throughput in the same run.
TARGETS = {"sessions": 0.40, "home": 0.40, "register_post": 0.20}
P95_TARGET_MS = 100
BURST_TARGET_S = 10
NOTES_MARKER = "<!-- findings: kept by benchmarks/run.py -->"
FAIR_MARKER = "<!-- fair yardsticks and open loop -->"


# -- servers ------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port, path="/", timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = request(port, "GET", path)
            if status < 500:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not answer {path} within {timeout} s")


class Gunicorn:
    """gunicorn with deploy/gunicorn.conf.py, 2 workers, on a free loopback port."""

    def __init__(self, app_spec, env, log_path, chdir=None):
        self.port = free_port()
        command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                   "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
                   "--access-logfile", os.devnull, "--max-requests", "0"]
        if chdir:
            command += ["--chdir", str(chdir)]
        command.append(app_spec)
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)

    def __enter__(self):
        wait_ready(self.port)
        return self

    def __exit__(self, *exc):
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.log.close()


def request(port, method, path, body=None, headers=None, timeout=60):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def session_cookie(headers):
    for name, value in headers:
        if name.lower() == "set-cookie" and value.startswith("session="):
            return value.split(";", 1)[0]
    return None


def csrf_from(html):
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token in the page")
    return match.group(1)


# -- the Heard instance ---------------------------------------------------------------------

def prepare_heard(instance, postgres=False):
    """A migrated SQLite database with the demo, a session open for registration (and notes,
    with a notetaker assigned to a table), and a 100-seat session for the burst."""
    (instance / "config.py").write_text(
        "SECRET_KEY = %r\n"
        "# Benchmark traffic comes from one address: raise the residents' rate limits.\n"
        "REGISTRATION_LIMIT_PER_ADDRESS = (10**9, 3600)\n"
        "REGISTRATION_LIMIT_PER_CONTACT = (10**9, 3600)\n"
        "# It also posts the registration form the moment it has loaded it.\n"
        "REGISTRATION_MIN_FILL_SECONDS = 0\n" % os.urandom(24).hex()
    )
    env = dict(os.environ, HEARD_INSTANCE_PATH=str(instance), FLASK_APP="app", HEARD_QUEUE="db")
    if not postgres:
        env.pop("DATABASE_URL", None)
    for args in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([str(BIN / "flask"), *args], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    setup = subprocess.run([sys.executable, __file__, "--setup"], env=env, cwd=ROOT, check=True,
                           capture_output=True, text=True)
    return env, json.loads(setup.stdout.strip().splitlines()[-1])


def setup_sessions():
    """Runs in its own process (``--setup``), through the services like an organizer would."""
    from datetime import timedelta

    from app import create_app
    from app.extensions import db
    from app.models.types import utcnow
    from app.services.accounts import users
    from app.services.capture import assignments
    from app.services.sessions import organize

    app = create_app()
    with app.app_context():
        admin = users.create_user(None, email="bench-admin@example.org", name="Bench Admin", role="admin",
                                  password="bench-admin-password")
        notetaker = users.create_user(None, email="bench-notes@example.org", name="Bench Notes",
                                      role="notetaker", password="bench-notes-password")
        engagement = organize.create_engagement(admin, "bench", "en", {"en": "Benchmark"})
        starts = utcnow() + timedelta(days=3)
        common = dict(starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
                      venue_name="Bench Hall", venue_address="1 Loopback Way")
        open_session = organize.create_session(admin, engagement.id, dict(common, slug="bench-open", capacity=100_000),
                                               {"en": {"title": "Open benchmark session"}}, tables=["Table 1"])
        organize.publish(admin, open_session.id)
        burst = organize.create_session(admin, engagement.id, dict(common, slug="bench-burst", capacity=100),
                                        {"en": {"title": "Burst benchmark session"}})
        organize.publish(admin, burst.id)
        table_id = open_session.tables[0].id
        assignments.assign(admin, user_id=notetaker.id, table_id=table_id)
        result = {"table_id": table_id, "notetaker_id": notetaker.id, "burst_id": burst.id}
        db.engine.dispose()
    print(json.dumps(result))


def sign_in(port, email, password):
    status, headers, html = request(port, "GET", "/auth/sign-in")
    cookie = session_cookie(headers)
    body = urlencode({"email": email, "password": password, "csrf_token": csrf_from(html), "next": ""})
    status, headers, _html = request(port, "POST", "/auth/sign-in", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    if status != 302:
        raise RuntimeError(f"sign-in failed: {status}")
    cookie = session_cookie(headers) or cookie
    status, headers, html = request(port, "GET", "/capture/", headers={"Cookie": cookie})
    return session_cookie(headers) or cookie, csrf_from(html)


def form_credentials(port, path):
    """One anonymous session cookie and its CSRF token, reused by every POST of the run."""
    status, headers, html = request(port, "GET", path)
    return session_cookie(headers), csrf_from(html)


def burst_counts(env, session_id):
    code = ("import json,sys; from app import create_app; from app.extensions import db;"
            "from app.models import Registration, ListeningSession; from sqlalchemy import select, func\n"
            "app = create_app()\nwith app.app_context():\n"
            f"    rows = dict(db.session.execute(select(Registration.status, func.count()).where("
            f"Registration.session_id == {int(session_id)}).group_by(Registration.status)).all())\n"
            f"    print(json.dumps(dict(rows, seats_taken=db.session.get(ListeningSession, {int(session_id)}).seats_taken)))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- load -----------------------------------------------------------------------------------

LUA_REPORT = r"""
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format('BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p95_ms": %.3f, '
      .. '"p99_ms": %.3f, "errors": %d, "non_2xx_3xx": %d}\n',
      summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
      latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.errors.status))
end
"""

LUA_UNIQUE = r"""
local counter = 0
local threads = {}
setup = function(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
local function unique()
  counter = counter + 1
  return string.format("%s-%d-%d", RUN, tid, counter)
end
"""


def lua_script(kind, **values):
    """The wrk script of one scenario (written next to this file's other Lua, in the temp dir)."""
    head = "".join(f"{name} = {json.dumps(value)}\n" for name, value in values.items())
    body = ""
    if kind == "get":
        body = 'wrk.method = "GET"\nwrk.headers["Accept-Language"] = "en"\n'
    elif kind == "register":
        body = LUA_UNIQUE + r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = COOKIE
request = function()
  local id = unique()
  local body = "csrf_token=" .. CSRF .. "&name=Resident+" .. id .. "&email=r" .. id
      .. "%40example.org&preferred_language=en&heard_from=&interpretation_language=&website="
  return wrk.format(nil, PATH, nil, body)
end
"""
    elif kind == "note":
        body = LUA_UNIQUE + r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Cookie"] = COOKIE
wrk.headers["X-CSRFToken"] = CSRF
request = function()
  local id = unique()
  local body = string.format('{"table_id": %d, "user_id": %d, "client_id": "%s", "language": "en", '
      .. '"text": "The bus stop on Alder Street has no light after dark (%s)."}', TABLE_ID, USER_ID, id, id)
  return wrk.format(nil, PATH, nil, body)
end
"""
    return head + body + LUA_REPORT


def run_wrk(port, path, script, workdir, name, duration, connections):
    lua = Path(workdir) / f"{name}.lua"
    lua.write_text(script)
    command = ["wrk", "-t", str(WRK_THREADS), "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s",
               "-s", str(lua), f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^BENCH (\{.*\})$", out, re.M)
    if not match:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    result = json.loads(match.group(1))
    result["rps"] = result["requests"] / result["seconds"]
    return result


def run_python_load(port, method, path, make_request, duration, connections):
    """Fallback load generator: ``connections`` threads with keep-alive connections."""
    stop = time.monotonic() + duration
    latencies, errors = [], [0]
    lock = threading.Lock()

    def worker(number):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, count = [], 0
        while time.monotonic() < stop:
            count += 1
            body, headers = make_request(f"{number}-{count}")
            started = time.perf_counter()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    with lock:
                        errors[0] += 1
            except OSError:
                with lock:
                    errors[0] += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append(time.perf_counter() - started)
        connection.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(worker, range(connections)))
    seconds = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]

    def pct(p):
        return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000

    return {"requests": len(latencies), "seconds": seconds, "rps": len(latencies) / seconds,
            "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "errors": errors[0], "non_2xx_3xx": errors[0]}


class Load:
    """One scenario runner for wrk or the Python fallback."""

    def __init__(self, use_wrk, workdir, duration, connections):
        self.use_wrk, self.workdir, self.duration, self.connections = use_wrk, workdir, duration, connections
        self.run_id = os.urandom(3).hex()

    def get(self, port, path, name, duration=None):
        duration = duration or self.duration
        if self.use_wrk:
            return run_wrk(port, path, lua_script("get"), self.workdir, name, duration, self.connections)
        return run_python_load(port, "GET", path, lambda _id: (None, {"Accept-Language": "en"}),
                               duration, self.connections)

    def register(self, port, path, cookie, csrf, name):
        if self.use_wrk:
            script = lua_script("register", RUN=self.run_id + name, COOKIE=cookie, CSRF=csrf, PATH=path)
            return run_wrk(port, path, script, self.workdir, name, self.duration, self.connections)

        def make(unique):
            unique = f"{self.run_id}{name}-{unique}"
            return urlencode({"csrf_token": csrf, "name": f"Resident {unique}", "email": f"r{unique}@example.org",
                              "preferred_language": "en", "website": ""}), {
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        return run_python_load(port, "POST", path, make, self.duration, self.connections)

    def note(self, port, path, cookie, csrf, table_id, user_id, name):
        if self.use_wrk:
            script = lua_script("note", RUN=self.run_id + name, COOKIE=cookie, CSRF=csrf, PATH=path,
                                TABLE_ID=table_id, USER_ID=user_id)
            return run_wrk(port, path, script, self.workdir, name, self.duration, self.connections)

        def make(unique):
            unique = f"{self.run_id}{name}-{unique}"
            return json.dumps({"table_id": table_id, "user_id": user_id, "client_id": unique, "language": "en",
                               "text": f"The bus stop on Alder Street has no light after dark ({unique})."}), {
                "Content-Type": "application/json", "Cookie": cookie, "X-CSRFToken": csrf}
        return run_python_load(port, "POST", path, make, self.duration, self.connections)


def burst(port, cookie, csrf, count=600, threads=50):
    """``count`` registrations for the 100-seat session from ``threads`` threads; seconds taken."""
    def one(number):
        body = urlencode({"csrf_token": csrf, "name": f"Burst {number}", "email": f"burst{number}@example.org",
                          "preferred_language": "en", "website": ""})
        status, _headers, _html = request(port, "POST", "/sessions/bench-burst/register", body, {
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}, timeout=120)
        return status

    started = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        statuses = list(pool.map(one, range(count)))
    return time.perf_counter() - started, {s: statuses.count(s) for s in set(statuses)}


# -- the report -----------------------------------------------------------------------------

def machine():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        model = re.search(r"^Model name:\s*(.+)$", out, re.M).group(1).strip()
    except (OSError, AttributeError):
        model = platform.processor() or "unknown"
    return model, os.cpu_count()


def versions(use_wrk):
    from importlib.metadata import version

    names = ["flask", "flask-sqlalchemy", "sqlalchemy", "gunicorn", "jinja2", "werkzeug"]
    parts = [f"Python {platform.python_version()}"] + [f"{n} {version(n)}" for n in names]
    import sqlite3
    parts.append(f"SQLite {sqlite3.sqlite_version}")
    if use_wrk:
        out = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
        first = (out.stdout or out.stderr).strip().splitlines()[0]
        parts.append(first.split(" [")[0])
    return ", ".join(parts)


def verdict(ok):
    return "yes" if ok else "**no**"


def report(results, burst_result, use_wrk, args):
    """Each scenario's throughput as a ratio to hello's, measured just before and just after
    it: the load of anything else on the machine drifts, and this keeps the pairs comparable."""
    model, cores = machine()
    lines = []
    rows = [
        ("home", "home `GET /` (session list)", TARGETS["home"]),
        ("sessions", "session list `GET /sessions`", TARGETS["sessions"]),
        ("sessions_uncached", "session list without the page cache `GET /sessions?fresh=1`", None),
        ("register_get", "registration form `GET /sessions/bench-open/register`", None),
        ("register_post", "registration `POST /sessions/bench-open/register`", TARGETS["register_post"]),
        ("note_post", "note `POST /capture/api/notes` (JSON)", None),
    ]
    lines.append("| Scenario | req/s | hello req/s (before, after) | ratio to hello | target | p95 (ms) "
                 "| p95 < %d ms | errors |" % P95_TARGET_MS)
    lines.append("|---|---:|---:|---:|---|---:|---|---:|")
    all_ok = True
    for key, label, target in rows:
        r = results[key]
        hello_rps = statistics.mean(h["rps"] for h in r["hello"])
        ratio = r["rps"] / hello_rps
        target_text = "" if target is None else f"≥ {target:.0%}: {verdict(ratio >= target)}"
        p95_ok = r["p95_ms"] < P95_TARGET_MS
        if key != "sessions_uncached":  # a reference, not a target
            all_ok &= p95_ok and (target is None or ratio >= target) and not r["errors"]
        hellos = ", ".join(f"{h['rps']:,.0f}" for h in r["hello"])
        lines.append(f"| {label} | {r['rps']:,.0f} | {hello_rps:,.0f} ({hellos}) | {ratio:.0%} | {target_text} "
                     f"| {r['p95_ms']:.1f} | {verdict(p95_ok)} | {r['errors']} |")
    hello_p95 = max(h["p95_ms"] for r in results.values() for h in r["hello"])
    seconds, statuses, counts = burst_result
    burst_ok = seconds < BURST_TARGET_S and counts.get("confirmed") == 100 and counts.get("seats_taken") == 100
    all_ok &= burst_ok
    table = "\n".join(lines)
    text = f"""# Benchmarks

Measured by `make bench` (`benchmarks/run.py`) on {dt.date.today().isoformat()}.

- Machine: {model}, {cores} cores ({platform.system()} {platform.release()}).
- Versions: {versions(use_wrk)}.
- Server: gunicorn with `deploy/gunicorn.conf.py`, {WORKERS} sync workers, bound to 127.0.0.1, access log
  to /dev/null, no worker recycling (`--max-requests 0`: a Heard worker takes seconds to boot, and a
  restart in the middle of a run measures the boot, not the requests); the same settings serve Heard
  and `benchmarks/hello.py`.
- Heard: a fresh SQLite database in a temporary instance folder (`flask db upgrade`, `flask demo load`),
  `HEARD_QUEUE=db` (web workers only queue mail), the residents' rate limits raised in the instance's
  `config.py`, CSRF on: one session cookie and its token fetched once and reused by every POST.
- Load: {"wrk, " + str(WRK_THREADS) + " threads" if use_wrk else "**the Python threaded fallback (wrk was not available)**"}, {args.connections} connections, {args.duration} s per scenario,
  on the same 2 cores as the server. Each POST carries a unique e-mail or note client id.
  hello runs right before and right after each scenario (both servers stay up); the ratio uses
  the mean of those two, because other work on the machine changes the speed of both. hello's
  worst p95 was {hello_p95:.1f} ms.

{table}

Burst: {sum(statuses.values())} registrations for 100 seats from 50 threads took **{seconds:.2f} s**
(target < {BURST_TARGET_S} s: {verdict(seconds < BURST_TARGET_S)}); responses {json.dumps(statuses)};
rows {json.dumps({k: v for k, v in counts.items() if k != "seats_taken"})}, seats_taken {counts.get("seats_taken")}
(exactly 100 confirmed: {verdict(counts.get("confirmed") == 100 and counts.get("seats_taken") == 100)}).

All targets met: {verdict(all_ok)}.

{FAIR_MARKER}

## How to run it

```
make bench                       # installs wrk with apt-get when missing (as root), then:
.venv/bin/python benchmarks/run.py --duration {args.duration} --connections {args.connections}
```

wrk scripts are generated per scenario (a unique id per request, and a `done()` that prints
requests, p50/p95/p99 latency and errors); `benchmarks/run.py` holds them. `--only
register_get,register_post` (scenario names as in the code, plus `burst`) measures only those,
prints them and writes nothing: for checking one change quickly. `--postgres` measures Heard on
the empty PostgreSQL database in `DATABASE_URL` instead of SQLite, for example on a throwaway
cluster: `scripts/with-postgres.sh .venv/bin/python benchmarks/run.py --postgres` (printed only).

Issue 22's measures run in the same `make bench`: each Heard POST between two runs of its fair
yardstick (`benchmarks/yardstick.py`: a Flask-WTF form with CSRF that validates two fields and
inserts one row, and a JSON POST with its CSRF header that inserts one row, on the same database
kind, served with the same gunicorn settings), then an open loop (`benchmarks/openloop.py`):
registrations offered at 100/s and notes at 50/s, each for `--open-duration` seconds (60 for
the record; `make bench BENCH_OPEN_SECONDS=10` while developing), latency counted from each
request's planned start. `--only register_post,note_post,open_register,open_note` runs just
those. `benchmarks/profile_posts.py` measures the same two POSTs and the yardsticks in
process (CPU per request, SQL statements per request, `--profile register` for cProfile,
`--show` for the statements of one request). Then `benchmarks/scale_out.py` starts two servers
on one PostgreSQL and one Redis with an RQ worker (see "More than one machine" below).
"""
    return text, all_ok


def ensure_wrk():
    if shutil.which("wrk"):
        return True
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if shutil.which("wrk"):
        return True
    print("wrk is not available: using the slower Python threaded load generator instead.", flush=True)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--output", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--python-load", action="store_true", help="use the Python load generator even if wrk exists")
    parser.add_argument("--only", default="", help="comma-separated scenarios to measure (e.g. register_get,"
                        "register_post,note_post,burst); prints the results and writes nothing")
    parser.add_argument("--open-duration", type=int, default=60,
                        help="seconds of each open-loop run (registrations at 100/s, notes at 50/s); 60 for the "
                        "record, shorter while developing")
    parser.add_argument("--postgres", action="store_true",
                        help="measure Heard on the database in DATABASE_URL (an empty PostgreSQL database, e.g. "
                        "scripts/with-postgres.sh .venv/bin/python benchmarks/run.py --postgres); prints, writes nothing")
    args = parser.parse_args()
    if args.postgres:
        if not os.environ.get("DATABASE_URL", "").startswith("postgresql"):
            parser.error("--postgres needs DATABASE_URL set to an empty PostgreSQL database")
        args.no_write = True  # the table in docs/benchmarks.md is the SQLite run
    if args.setup:
        setup_sessions()
        return 0

    only = {name for name in args.only.split(",") if name}
    if only:
        args.no_write = True  # a partial run never replaces the full table

    def wanted(name):
        return not only or name in only

    use_wrk = not args.python_load and ensure_wrk()
    workdir = Path(tempfile.mkdtemp(prefix="heard-bench-"))
    instance = workdir / "instance"
    instance.mkdir()
    load = Load(use_wrk, workdir, args.duration, args.connections)
    results, fair_results, open_results = {}, {}, {}
    try:
        env, ids = prepare_heard(instance, postgres=args.postgres)
        hello_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        with Gunicorn("hello:app", hello_env, workdir / "hello.log", chdir=HERE) as hello, \
                Gunicorn("yardstick:app", fair.yardstick_env(env, workdir), workdir / "yardstick.log",
                         chdir=HERE) as yardstick, \
                Gunicorn("app:create_app()", env, workdir / "heard.log", chdir=ROOT) as heard:
            port = heard.port
            load.get(hello.port, "/", "hello-warm", duration=2)
            last_hello = [load.get(hello.port, "/", "hello")]

            def measure(name, run, warm_path=None):
                if warm_path:
                    load.get(port, warm_path, name + "-warm", duration=2)  # templates, catalogues
                result = run()
                last_hello.append(load.get(hello.port, "/", "hello"))
                result["hello"] = last_hello[-2:]
                results[name] = result
                print(f"{name}: {result['rps']:,.0f} req/s, p95 {result['p95_ms']:.1f} ms; hello "
                      f"{', '.join(format(h['rps'], ',.0f') for h in result['hello'])} req/s", flush=True)

            for name, path in [("home", "/"), ("sessions", "/sessions"),
                               # An unknown query string skips the public page cache.
                               ("sessions_uncached", "/sessions?fresh=1"),
                               ("register_get", "/sessions/bench-open/register")]:
                if not wanted(name):
                    continue
                measure(name, lambda path=path, name=name: load.get(port, path, name), warm_path=path)
            cookie, csrf = form_credentials(port, "/sessions/bench-open/register")
            if wanted("register_post"):
                measure("register_post", lambda: load.register(
                    port, "/sessions/bench-open/register", cookie, csrf, "register_post"))
            if wanted("note_post"):
                note_cookie, note_csrf = sign_in(port, "bench-notes@example.org", "bench-notes-password")
                measure("note_post", lambda: load.note(port, "/capture/api/notes", note_cookie, note_csrf,
                                                       ids["table_id"], ids["notetaker_id"], "note_post"))
            if wanted("register_post") or wanted("note_post") or wanted("open_register") or wanted("open_note"):
                note_creds = sign_in(port, "bench-notes@example.org", "bench-notes-password")
                fair_results = fair.measure_pairs(load, port, yardstick.port, (cookie, csrf), note_creds, ids,
                                                  request, session_cookie, csrf_from, wanted)
                open_results = fair.open_loop(port, (cookie, csrf), note_creds, ids, args.open_duration,
                                              load.run_id, wanted)
            if wanted("burst"):
                fair.drain(port)  # after an overloaded open loop, gunicorn may still be serving its backlog
                seconds, statuses = burst(port, cookie, csrf)
        database = "PostgreSQL" if args.postgres else "SQLite"
        if only:
            print(fair.report(fair_results, open_results, database)[0])
            if "burst" in only:
                print(f"burst: {seconds:.2f} s, {statuses}, {burst_counts(env, ids['burst_id'])}", flush=True)
            return 0
        counts = burst_counts(env, ids["burst_id"])
        print(f"burst: {seconds:.2f} s, {statuses}, {counts}", flush=True)
        text, all_ok = report(results, (seconds, statuses, counts), use_wrk, args)
        fair_text, fair_ok = fair.report(fair_results, open_results, database)
        text = text.replace(FAIR_MARKER, fair_text + "\n\nIssue 22's targets met: " + verdict(fair_ok) + ".")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(text)
    if not args.no_write:
        output = Path(args.output)
        kept = output.read_text().partition(NOTES_MARKER) if output.exists() else ("", "", "")
        if kept[1]:  # hand-written findings below the marker survive a new run
            text = text.rstrip() + "\n\n" + NOTES_MARKER + kept[2]
        output.write_text(text)
        print(f"Wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
