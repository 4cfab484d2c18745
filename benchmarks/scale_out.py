"""`make bench`, more than one machine (issue 22): two Heard servers (gunicorn with
deploy/gunicorn.conf.py, two workers each) on one PostgreSQL and one Redis, and an RQ worker,
all on 127.0.0.1 (the layout of docs/deploy.md). The client sends request i to server i mod 2.

Usage: scripts/with-postgres.sh .venv/bin/python benchmarks/scale_out.py [--open-duration 60]

Measures, printed as Markdown (with the load average beside each figure):
* the 600-for-100 burst split across both servers (50 threads): time, answers, rows;
* the worker sending the burst's 600 messages, SIGKILLed after 100 and started again: how long
  until every message is out, and that each went out once;
* an open loop of registrations at 100/s across both servers (latency from the planned start),
  the worker stopped meanwhile, then how fast the worker sends what queued up;
* one server SIGKILLed in the middle of a second burst: what the other answered, and the rows.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import cluster as harness  # noqa: E402  (tests/cluster.py, shared with tests/app/test_scale_out.py)
import fair  # noqa: E402
import openloop  # noqa: E402


def setup(env):
    """Migrate, and two sessions through the services: a 100-seat one and a large one."""
    subprocess.run([str(harness.BIN / "flask"), "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "SECRET_KEY", "HEARD_INSTANCE_PATH")})
    from app import create_app
    from app.extensions import db
    from app.models.types import utcnow
    from app.services.sessions import organize

    app = create_app()
    with app.app_context():
        engagement = organize.create_engagement(None, "scale", "en", {"en": "Scale"})
        starts = utcnow() + timedelta(days=3)
        for slug, capacity in (("burst", 100), ("open", 100_000), ("kill", 100)):
            session = organize.create_session(None, engagement.id, dict(
                slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
                venue_name="Hall", venue_address="1 Main St", capacity=capacity), {"en": {"title": slug}})
            organize.publish(None, session.id)
        db.session.remove()
    return app


def counts(app, slug):
    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import ListeningSession, OutboxMessage, Registration

    with app.app_context():
        session = db.session.scalar(select(ListeningSession).where(ListeningSession.slug == slug))
        rows = dict(db.session.execute(select(Registration.status, func.count()).where(
            Registration.session_id == session.id).group_by(Registration.status)).all())
        sent = db.session.scalar(select(func.count()).select_from(OutboxMessage).join(
            Registration, Registration.id == OutboxMessage.registration_id).where(
            Registration.session_id == session.id, OutboxMessage.status == "sent"))
        result = dict(rows=rows, seats_taken=session.seats_taken, sent=sent)
        db.session.remove()
        return result


def burst(ports, slug, credentials, count, offset, kill=None):
    """``count`` registrations from 50 threads, request i to ports[i % 2]; (seconds, answers by
    status, failed). ``kill(answered)`` may stop a server along the way."""
    answers, failed, lock = [], [], threading.Lock()

    def one(n):
        try:
            status = harness.register(ports[n % 2], slug, credentials, f"{slug}{n}@example.org",
                                      harness.address(offset + n))
        except OSError:
            with lock:
                failed.append(n)
            return
        with lock:
            answers.append((n % 2, status))
            if kill:
                kill(len(answers))

    started = time.perf_counter()
    with ThreadPoolExecutor(50) as pool:
        list(pool.map(one, range(count)))
    return time.perf_counter() - started, answers, failed


def wait_sent(app, slug, total, timeout=300):
    deadline = time.monotonic() + timeout
    while counts(app, slug)["sent"] < total and time.monotonic() < deadline:
        time.sleep(0.2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open-duration", type=int, default=60)
    parser.add_argument("--open-rate", type=int, default=100)
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgresql"):
        parser.error("needs DATABASE_URL set to an empty PostgreSQL database (scripts/with-postgres.sh ...)")
    folder = Path(tempfile.mkdtemp(prefix="heard-cluster-"))
    redis = harness.start_redis(folder)
    if redis is None:
        print("SKIPPED: redis-server is not installed (apt-get install redis-server)")
        return 0
    redis_process, redis_url = redis
    env = harness.environment(database_url, redis_url, folder, REGISTRATION_LIMIT_PER_ADDRESS="1000/3600",
                              OUTBOX_LEASE_SECONDS=5, JOBS_RETRY_SECONDS=2, RQ_SWEEP_SECONDS=2)
    app = setup(env)
    servers = [harness.Server(env, folder / f"server-{n}.log") for n in "ab"]
    worker = harness.rq_worker(env, folder / "worker.log")
    lines = [f"Measured by `benchmarks/scale_out.py` on {dt.date.today().isoformat()} "
             f"({os.cpu_count()} cores; two servers, the database, Redis, the worker and the client share them)."]
    try:
        for process in (*servers, worker):
            process.start()
        for server in servers:
            server.wait_ready()
        ports = [s.port for s in servers]
        credentials = harness.form_credentials(ports[0], "burst")

        # The burst, while the worker sends; the worker is killed after 100 messages.
        load = fair.load_average()
        killed = {}

        def kill_worker():
            while counts(app, "burst")["sent"] < 100:
                time.sleep(0.05)
            worker.kill()
            killed["at"] = time.perf_counter()

        killer = threading.Thread(target=kill_worker)
        started = time.perf_counter()
        killer.start()
        seconds, answers, failed = burst(ports, "burst", credentials, 600, 0)
        result = counts(app, "burst")
        statuses = {s: sum(1 for _p, st in answers if st == s) for _p, s in answers}
        lines.append(f"- Burst, 600 registrations for 100 seats split across both servers (50 threads): "
                     f"**{seconds:.2f} s**, answers {statuses}, failed {len(failed)}, rows {result['rows']}, "
                     f"seats_taken {result['seats_taken']} (load {load}).")
        killer.join()
        restarted = time.perf_counter()
        sent_at_kill = counts(app, "burst")["sent"]
        worker = harness.rq_worker(env, folder / "worker-2.log").start()
        wait_sent(app, "burst", 600)
        done = time.perf_counter()
        copies = harness.outbox_copies(folder)
        lines.append(f"- Worker: SIGKILLed at {killed['at'] - started:.1f} s with {sent_at_kill} of 600 messages "
                     f"sent; started again, all {counts(app, 'burst')['sent']} were sent "
                     f"{done - restarted:.1f} s later ({done - started:.1f} s after the burst began); copies per "
                     f"message: {sorted(set(copies.values()))} ({len(copies)} messages) (load {fair.load_average()}).")

        # Open loop across both servers, the worker stopped meanwhile (the messages wait in
        # Redis, as with run.py's HEARD_QUEUE=db): the web tier's latency alone. Then the worker
        # drains them: its own rate.
        worker.stop()
        load = fair.load_average()
        open_credentials = harness.form_credentials(ports[1], "open")

        def registration(i):
            cookie, token = open_credentials
            return urlencode({"csrf_token": token, "name": f"Resident {i}", "email": f"open{i}@example.org",
                              "preferred_language": "en", "website": ""}), {
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie,
                "X-Forwarded-For": harness.address(10_000 + i)}

        results = [None, None]

        def half(side):
            results[side] = openloop.run(ports[side], "POST", "/sessions/open/register",
                                         lambda i: registration(2 * i + side), args.open_rate / 2, args.open_duration)

        threads = [threading.Thread(target=half, args=(side,)) for side in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for side, r in enumerate(results):
            lines.append(f"- Open loop, server {'ab'[side]}: {r['rate']:.0f}/s for {r['duration']} s (of "
                         f"{args.open_rate}/s across both): {r['answered']}/{r['offered']} answered, p50 "
                         f"{r['p50_ms']:.1f} ms, **p95 {r['p95_ms']:.1f} ms**, p99 {r['p99_ms']:.1f} ms, max "
                         f"{r['max_ms']:.0f} ms, errors {r['errors']} {r['error_kinds'] or ''} (load before {load}).")

        for port in ports:
            fair.drain(port)
        stored = counts(app, "open")
        total = sum(stored["rows"].values())  # requests the client gave up on were served all the same
        lines.append(f"- Registrations stored: {total} (the client saw {sum(r['answered'] for r in results)} "
                     f"answers; gunicorn serves what waits in its listen queue after the client gave up).")
        drain_started = time.perf_counter()
        worker = harness.rq_worker(env, folder / "worker-3.log").start()
        wait_sent(app, "open", total, timeout=600)
        drained = time.perf_counter() - drain_started
        sent = counts(app, "open")["sent"] - stored["sent"]
        lines.append(f"- Worker draining those {sent} messages (one job each, rendered and written as .eml): "
                     f"{drained:.1f} s from its start, {sent / drained:.0f} messages/s (load {fair.load_average()}).")

        # One server killed mid-burst.
        load = fair.load_average()
        kill_credentials = harness.form_credentials(ports[1], "kill")

        def kill_a(answered):
            if answered >= 100 and servers[0].alive():
                servers[0].kill()

        seconds, answers, failed = burst(ports, "kill", kill_credentials, 400, 20_000, kill=kill_a)
        result = counts(app, "kill")
        on_b = [s for side, s in answers if side == 1]
        lines.append(f"- Server a SIGKILLed after 100 answers of a 400-registration burst for 100 seats: "
                     f"server b answered {len(on_b)} (statuses {sorted(set(on_b))}), {len(failed)} requests to a "
                     f"failed; rows {result['rows']}, seats_taken {result['seats_taken']} "
                     f"(counter matches rows: {result['seats_taken'] == result['rows'].get('confirmed', 0)}); "
                     f"{seconds:.2f} s (load {load}).")
    finally:
        for process in (*servers, worker):
            process.stop()
        redis_process.terminate()
        redis_process.wait(timeout=10)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
