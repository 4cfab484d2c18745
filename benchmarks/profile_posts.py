"""In-process cost of Heard's two busiest POSTs against the fair yardsticks (issue 22).

Flask's test client, no server and no network: a fresh SQLite database (or the empty
PostgreSQL database in ``DATABASE_URL`` with ``--postgres``), the sessions of
``benchmarks/run.py --setup``, then after a warm-up ``--count`` registration POSTs and note
POSTs, and as many POSTs to the yardstick's form and JSON endpoints (benchmarks/yardstick.py).
Prints CPU milliseconds per request (``time.process_time``: other work on the machine does not
count, unlike wall time) and SQL statements per request (a SQLAlchemy ``before_cursor_execute``
listener); with ``--postgres`` also the CPU the PostgreSQL server spent per request (the user
and system time of its postmaster and the processes it started, read from /proc; other
clusters on the machine do not count), which shares the machine's cores with
Heard; ``--profile register`` or ``--profile note`` prints the cProfile of that POST.

    .venv/bin/python benchmarks/profile_posts.py --count 300
    .venv/bin/python benchmarks/profile_posts.py --profile register --top 40
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHOW = []  # --show: print the statements of one request of each kind
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def _statements(engine, counter):
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def count(_conn, _cursor, statement, _params, _context, _many):
        counter.append(statement.split(None, 1)[0].upper())
        if SHOW:
            print("   ", " ".join(statement.split())[:160])


def _csrf(html):
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def heard_app(instance, postgres):
    (instance / "config.py").write_text(
        "SECRET_KEY = %r\nREGISTRATION_LIMIT_PER_ADDRESS = (10**9, 3600)\n"
        "REGISTRATION_LIMIT_PER_CONTACT = (10**9, 3600)\nREGISTRATION_MIN_FILL_SECONDS = 0\n" % os.urandom(24).hex())
    env = dict(os.environ, HEARD_INSTANCE_PATH=str(instance), FLASK_APP="app", HEARD_QUEUE="db")
    if not postgres:
        env.pop("DATABASE_URL", None)
    python = Path(sys.executable)
    subprocess.run([str(python.parent / "flask"), "db", "upgrade"], env=env, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    setup = subprocess.run([sys.executable, str(HERE / "run.py"), "--setup"], env=env, cwd=ROOT, check=True,
                           capture_output=True, text=True)
    ids = json.loads(setup.stdout.strip().splitlines()[-1])
    os.environ.update(HEARD_INSTANCE_PATH=str(instance), HEARD_QUEUE="db")
    if not postgres:
        os.environ.pop("DATABASE_URL", None)
    from app import create_app

    return create_app(), ids


SERVER = []  # --postgres: the PID of the postmaster of DATABASE_URL's cluster


def _postmaster(engine):
    """The PID of the postmaster serving ``engine``: the parent of this connection's backend."""
    with engine.connect() as conn:
        backend = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _server_cpu():
    """Seconds of CPU used so far by the PostgreSQL cluster of DATABASE_URL (its postmaster and
    the processes it started; other clusters on the machine do not count); 0 without one."""
    if not SERVER:
        return 0
    tick, total, postmaster = os.sysconf("SC_CLK_TCK"), 0, SERVER[0]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            values = stat.read_text().rsplit(")", 1)[1].split()
            if int(stat.parent.name) == postmaster or int(values[1]) == postmaster:
                total += int(values[11]) + int(values[12])  # utime, stime
        except (OSError, IndexError, ValueError):
            continue
    return total / tick


def timed(label, send, count, counter, profile=None):
    for number in range(20):  # warm-up: templates, catalogues, compiled statements
        send(f"warm{number}")
    if "--show" in sys.argv:
        print(f"{label}, one request:")
        SHOW.append(True)
        send("show")
        SHOW.clear()
    del counter[:]
    profiler = cProfile.Profile() if profile else None
    started, server = time.process_time(), _server_cpu()
    if profiler:
        profiler.enable()
    for number in range(count):
        send(str(number))
    if profiler:
        profiler.disable()
    cpu = (time.process_time() - started) / count * 1000
    server = (_server_cpu() - server) / count * 1000
    kinds = {}
    for kind in counter:
        kinds[kind] = kinds.get(kind, 0) + 1
    per = {k: round(v / count, 1) for k, v in sorted(kinds.items())}
    on_server = f", database server {server:.2f} ms" if server else ""
    print(f"{label}: {cpu:.2f} ms CPU per request{on_server}, {len(counter) / count:.1f} statements per request "
          f"{per}", flush=True)
    return cpu, profiler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--profile", choices=["register", "note", "form", "json"])
    parser.add_argument("--show", action="store_true", help="print the SQL of one request of each kind")
    parser.add_argument("--dump", help="also write the profile to this file (for pstats)")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    counter = []
    run = os.urandom(3).hex()
    with tempfile.TemporaryDirectory(prefix="heard-profile-") as workdir:
        workdir = Path(workdir)
        instance = workdir / "instance"
        instance.mkdir()
        app, ids = heard_app(instance, args.postgres)
        os.environ["YARDSTICK_DATABASE_URL"] = (os.environ["DATABASE_URL"] if args.postgres
                                                else f"sqlite:///{workdir}/yardstick.sqlite3")
        import yardstick

        from app.extensions import db

        yard = yardstick.create_app()
        with app.app_context():
            _statements(db.engine, counter)
            if args.postgres:
                SERVER.append(_postmaster(db.engine))
        with yard.app_context():
            _statements(yardstick.db.engine, counter)

        client = app.test_client()
        page = client.get("/sessions/bench-open/register").get_data(as_text=True)
        token = _csrf(page)

        def register(unique):
            response = client.post("/sessions/bench-open/register", data={
                "csrf_token": token, "name": f"Resident {run}{unique}", "email": f"r{run}{unique}@example.org",
                "preferred_language": "en", "website": ""})
            assert response.status_code == 303, (response.status_code, response.get_data(as_text=True)[:2000])

        notes = app.test_client()
        page = notes.get("/auth/sign-in").get_data(as_text=True)
        notes.post("/auth/sign-in", data={"email": "bench-notes@example.org", "password": "bench-notes-password",
                                          "csrf_token": _csrf(page), "next": ""})
        note_token = _csrf(notes.get("/capture/").get_data(as_text=True))

        def note(unique):
            response = notes.post("/capture/api/notes", headers={"X-CSRFToken": note_token}, json={
                "table_id": ids["table_id"], "user_id": ids["notetaker_id"], "client_id": f"{run}-{unique}",
                "language": "en", "text": f"The bus stop on Alder Street has no light after dark ({unique})."})
            assert response.status_code == 201, (response.status_code, response.get_data(as_text=True)[:500])

        yard_client = yard.test_client()
        yard_token = _csrf(yard_client.get("/form").get_data(as_text=True))

        def form(unique):
            response = yard_client.post("/form", data={"csrf_token": yard_token, "name": f"Resident {unique}",
                                                       "email": f"r{run}{unique}@example.org"})
            assert response.status_code == 303, response.status_code

        def json_post(unique):
            response = yard_client.post("/json", headers={"X-CSRFToken": yard_token},
                                        json={"client_id": f"{run}-{unique}", "text": "A note"})
            assert response.status_code == 201, response.status_code

        print(f"load average {os.getloadavg()[0]:.2f}", flush=True)
        results = {}
        for label, send in (("register", register), ("form", form), ("note", note), ("json", json_post)):
            results[label], profiler = timed(label, send, args.count, counter, profile=args.profile == label)
            if profiler and args.dump:
                profiler.dump_stats(args.dump)
            if profiler:
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)
        print(f"registration / form yardstick (CPU): {results['form'] / results['register']:.0%}; "
              f"note / JSON yardstick: {results['json'] / results['note']:.0%}; "
              f"load average {os.getloadavg()[0]:.2f}")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
