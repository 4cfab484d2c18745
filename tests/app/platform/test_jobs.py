"""Background jobs: run, retried with backoff, visible when they fail, never lost."""
import threading
from datetime import timedelta

import pytest

from app.extensions import db
from app.models import Job
from app.models.types import utcnow
from app.platform import jobs, jobs_rq

CALLS = []


@jobs.handler("test.record")
def record(value):
    CALLS.append(value)


@jobs.handler("test.explode")
def explode():
    raise RuntimeError("the mail server is down")


@pytest.fixture(autouse=True)
def clear_calls():
    CALLS.clear()


def enqueue_and_kick(name, payload=None, **kwargs):
    job = jobs.enqueue(name, payload, **kwargs)
    db.session.commit()
    jobs.kick()
    return job.id


def test_inline_job_runs_and_is_marked_done(app):
    with app.app_context():
        job_id = enqueue_and_kick("test.record", {"value": 7})
        assert CALLS == [7]
        assert db.session.get(Job, job_id).status == "done"


def test_failing_job_is_retried_with_backoff_then_visible(app):
    with app.app_context():
        job_id = enqueue_and_kick("test.explode", max_attempts=2)
        job = db.session.get(Job, job_id)
        assert job.status == "queued" and job.attempts == 1
        assert "mail server is down" in job.last_error
        assert job.run_after > utcnow() + timedelta(seconds=20)
        # Not due yet: a worker pass does nothing.
        assert jobs.work(once=True) == 0
        job.run_after = utcnow() - timedelta(seconds=1)
        db.session.commit()
        jobs.work(once=True)
        job = db.session.get(Job, job_id)
        assert job.status == "failed" and job.attempts == 2


def test_failed_jobs_are_listed_and_can_be_retried(app, runner):
    with app.app_context():
        job_id = enqueue_and_kick("test.explode", max_attempts=1)
    result = runner.invoke(args=["jobs", "list"])
    assert f"failed job {job_id} test.explode" in result.output
    result = runner.invoke(args=["jobs", "retry"])
    assert "Queued 1" in result.output
    with app.app_context():
        assert db.session.get(Job, job_id).status == "queued"


def test_job_left_running_by_a_dead_worker_is_requeued(app):
    with app.app_context():
        job = Job(name="test.record", payload={"value": 1}, status="running", attempts=1, max_attempts=3,
                  locked_at=utcnow() - timedelta(hours=2), run_after=utcnow() - timedelta(hours=2))
        db.session.add(job)
        db.session.commit()
        assert jobs.work(once=True) == 1
        assert CALLS == [1]
        assert db.session.get(Job, job.id).status == "done"


def test_a_job_is_claimed_by_one_worker_only(app):
    with app.app_context():
        job = jobs.enqueue("test.record", {"value": 1})
        db.session.commit()
        assert jobs.claim(job.id) is True
        assert jobs.claim(job.id) is False


def test_db_backend_waits_for_the_worker_command(make_app):
    app = make_app(HEARD_QUEUE="db")
    with app.app_context():
        job_id = enqueue_and_kick("test.record", {"value": 3})
        assert CALLS == []
    result = app.test_cli_runner().invoke(args=["jobs", "work", "--once"])
    assert "Ran 1 job" in result.output
    assert CALLS == [3]
    with app.app_context():
        assert db.session.get(Job, job_id).status == "done"


def test_thread_backend_runs_jobs_in_the_background(make_app):
    app = make_app(HEARD_QUEUE="thread")
    done = threading.Event()

    @jobs.handler("test.signal")
    def signal():
        done.set()

    with app.app_context():
        job_id = enqueue_and_kick("test.signal")
    assert done.wait(timeout=30), "the background thread never ran the job"
    with app.app_context():
        for _ in range(100):
            db.session.expire_all()
            if db.session.get(Job, job_id).status == "done":
                break
            threading.Event().wait(0.05)
        assert db.session.get(Job, job_id).status == "done"


def test_unknown_queue_backend_is_refused(make_app):
    from app.config import ConfigError

    with pytest.raises(ConfigError):
        make_app(HEARD_QUEUE="carrier-pigeon")


def test_rq_backend_runs_jobs_through_redis(make_app, redis_url, monkeypatch):
    from redis import Redis
    from rq import Queue

    app = make_app(HEARD_QUEUE="rq", REDIS_URL=redis_url)
    with app.app_context():
        job_id = enqueue_and_kick("test.record", {"value": 11})
        assert CALLS == []  # queued in Redis, not run in the request
    assert Queue("heard", connection=Redis.from_url(redis_url)).count == 1
    # The RQ worker builds the app from the environment: point it at the test database.
    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    jobs_rq.worker_class()(["heard"], connection=Redis.from_url(redis_url)).work(burst=True)
    assert CALLS == [11]
    with app.app_context():
        assert db.session.get(Job, job_id).status == "done"
