"""More than one machine (issue 22), started for real on 127.0.0.1: two Heard servers
(gunicorn with deploy/gunicorn.conf.py, two workers each) on one PostgreSQL and one Redis,
and an RQ worker (``flask jobs rq-worker``); the client sends request i to server i mod 2, as
a load balancer would (tests/cluster.py).

Only in the PostgreSQL pass of ``make test`` (marker ``postgres``): several servers share a
database server, which SQLite is not.
"""
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import Job, ListeningSession, OutboxMessage, Registration
from app.models.types import utcnow
from app.services.sessions import organize

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

ADDRESS_LIMIT, CONTACT_LIMIT = 20, 5


@pytest.fixture(scope="module")
def cluster(database_uri, tmp_path_factory):
    pytest.importorskip("rq")
    import cluster as harness

    folder = tmp_path_factory.mktemp("cluster")
    redis = harness.start_redis(folder)
    if redis is None:
        pytest.skip("redis-server is not installed (make test installs it): no test of two servers")
    redis_process, redis_url = redis
    env = harness.environment(
        database_uri, redis_url, folder,
        REGISTRATION_LIMIT_PER_ADDRESS=f"{ADDRESS_LIMIT}/3600", REGISTRATION_LIMIT_PER_CONTACT=f"{CONTACT_LIMIT}/3600",
        LINK_RESEND_LIMIT_PER_CONTACT="100/3600",
        # Short delays, so that recovering from a killed worker fits in a test.
        OUTBOX_LEASE_SECONDS=3, JOBS_RETRY_SECONDS=1, RQ_SWEEP_SECONDS=2)
    servers = [harness.Server(env, folder / f"server-{name}.log") for name in "ab"]
    worker = harness.rq_worker(env, folder / "worker.log")
    state = SimpleNamespace(worker=worker)
    try:
        for process in (*servers, worker):
            process.start()
        for server in servers:
            server.wait_ready()
        state = SimpleNamespace(harness=harness, servers=servers, worker=worker, env=env, folder=folder,
                                redis_url=redis_url)
        yield state
    finally:
        for process in (*servers, worker, state.worker):
            process.stop()
        redis_process.terminate()
        redis_process.wait(timeout=10)


def _session(app, slug, capacity):
    with app.app_context():
        engagement = organize.create_engagement(None, slug, "en", {"en": "Scale"})
        starts = utcnow() + timedelta(days=3)
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Hall", venue_address="1 Main St", capacity=capacity), {"en": {"title": "Scale"}})
        organize.publish(None, session.id)
        session_id = session.id
        db.session.remove()
        return session_id


def _tally(app, session_id):
    with app.app_context():
        rows = dict(db.session.execute(select(Registration.status, func.count()).where(
            Registration.session_id == session_id).group_by(Registration.status)).all())
        taken = db.session.get(ListeningSession, session_id).seats_taken
        messages = db.session.execute(
            select(OutboxMessage.id, OutboxMessage.kind, OutboxMessage.status).join(
                Registration, Registration.id == OutboxMessage.registration_id).where(
                Registration.session_id == session_id)).all()
        db.session.remove()
        return rows, taken, messages


def _sent(app, session_id):
    with app.app_context():
        count = db.session.scalar(select(func.count()).select_from(OutboxMessage).join(
            Registration, Registration.id == OutboxMessage.registration_id).where(
            Registration.session_id == session_id, OutboxMessage.status == "sent"))
        db.session.remove()
        return count


def test_rate_limits_count_once_across_both_servers(cluster, app):
    h, (a, b) = cluster.harness, cluster.servers
    _session(app, "limits-two", 1000)
    credentials = h.form_credentials(a.port, "limits-two")
    servers = [a.port, b.port]

    # One address, 30 residents: the per-address limit lets 20 through, on both servers together.
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda n: h.register(servers[n % 2], "limits-two", credentials,
                                                      f"neighbour{n}@example.org", "198.51.100.7"), range(30)))
    assert sorted(statuses) == [303] * ADDRESS_LIMIT + [429] * (30 - ADDRESS_LIMIT), statuses

    # One contact from 12 addresses: the first registers, 4 more get "already registered", the rest 429.
    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda n: h.register(servers[n % 2], "limits-two", credentials,
                                                      "same@example.org", h.address(1000 + n)), range(12)))
    assert sorted(statuses) == [200] * (CONTACT_LIMIT - 1) + [303] + [429] * (12 - CONTACT_LIMIT), statuses

    # The counts live in Redis (REDIS_URL), not in each server or in the database.
    from redis import Redis

    assert Redis.from_url(cluster.redis_url).keys("heard*")
    with app.app_context():
        assert db.session.scalar(text("SELECT count(*) FROM rate_limits")) == 0


def test_burst_split_across_servers_and_a_worker_killed_while_sending(cluster, app):
    h, (a, b) = cluster.harness, cluster.servers
    session_id = _session(app, "rush-two", 100)
    credentials = h.form_credentials(b.port, "rush-two")
    killed_at = []

    def kill_worker_while_sending():
        """SIGKILL once 60 messages are out, at a moment the worker holds a job (most often it
        still does when the signal lands: then that job and its message are left half done)."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with app.app_context():
                running = db.session.scalar(select(func.count()).select_from(Job).where(Job.status == "running"))
                db.session.remove()
            sent = _sent(app, session_id)
            if sent >= 60 and (running or time.monotonic() > deadline - 60):
                cluster.worker.kill()
                with app.app_context():
                    orphans = db.session.scalars(select(Job.id).where(Job.status == "running")).all()
                    db.session.remove()
                killed_at.append((sent, orphans))
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=kill_worker_while_sending)
    watcher.start()
    ports = [a.port, b.port]
    with ThreadPoolExecutor(32) as pool:
        statuses = list(pool.map(lambda n: h.register(ports[n % 2], "rush-two", credentials,
                                                      f"rush{n}@example.org", h.address(n)), range(600)))
    assert statuses == [303] * 600, {s: statuses.count(s) for s in set(statuses)}
    rows, taken, messages = _tally(app, session_id)
    assert rows == {"confirmed": 100, "waitlisted": 500} and taken == 100
    watcher.join()
    assert killed_at and killed_at[0][0] < 600, "the worker was not killed while it was sending"
    print(f"worker killed after {killed_at[0][0]} messages sent, holding job(s) {killed_at[0][1]}")

    # A new worker finds the jobs of the dead one and sends every message, each once.
    cluster.worker = cluster.harness.rq_worker(cluster.env, cluster.folder / "worker.log").start()
    deadline = time.monotonic() + 90
    while _sent(app, session_id) < 600:
        assert time.monotonic() < deadline, f"{_sent(app, session_id)} of 600 sent:\n" + cluster.worker.tail()
        assert cluster.worker.alive(), cluster.worker.tail()
        time.sleep(0.25)
    rows, taken, messages = _tally(app, session_id)
    assert sorted(kind for _id, kind, _status in messages) == ["confirmation"] * 100 + ["waitlisted"] * 500
    assert {status for _id, _kind, status in messages} == {"sent"}
    copies = h.outbox_copies(cluster.folder)
    assert {message_id: copies.get(message_id, 0) for message_id, _k, _s in messages} == {
        message_id: 1 for message_id, _k, _s in messages}
    deadline = time.monotonic() + 30
    while True:  # the last job rows are marked done just after their messages
        with app.app_context():
            left = dict(db.session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
            db.session.remove()
        if set(left) == {"done"} or time.monotonic() > deadline:
            break
        time.sleep(0.25)
    assert set(left) == {"done"}, left


def test_one_server_killed_mid_burst_the_other_keeps_serving(cluster, app):
    h, (a, b) = cluster.harness, cluster.servers
    session_id = _session(app, "rush-kill", 50)
    credentials = h.form_credentials(a.port, "rush-kill")
    lock, answers, failed, killed = threading.Lock(), [], [], threading.Event()

    def one(n):
        target = a if n % 2 == 0 else b
        try:
            status = h.register(target.port, "rush-kill", credentials, f"kill{n}@example.org", h.address(5000 + n))
        except OSError:  # the server died under this request: a load balancer does not resend a POST
            with lock:
                failed.append(n)
            return
        with lock:
            answers.append((target is a, killed.is_set(), status))
            if len(answers) >= 60 and not killed.is_set():
                killed.set()
                a.kill()

    with ThreadPoolExecutor(16) as pool:
        list(pool.map(one, range(240)))
    assert killed.is_set()
    assert {status for _a, _k, status in answers} == {303}
    assert sum(1 for on_a, after, _s in answers if not on_a and after) > 50, "the other server stopped serving"
    assert h.request(b.port, "GET", "/sessions/rush-kill")[0] == 200

    rows, taken, messages = _tally(app, session_id)
    seated = rows.get("confirmed", 0)
    assert seated == 50 and taken == seated  # the seat counter matches the rows
    assert len(answers) <= sum(rows.values()) <= len(answers) + len(failed)
    # Every registration has its first message, once.
    assert len(messages) == sum(rows.values())
    assert sorted(kind for _id, kind, _s in messages) == ["confirmation"] * seated + ["waitlisted"] * rows["waitlisted"]
