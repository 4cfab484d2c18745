"""Background jobs behind one small interface: ``enqueue`` inside the caller's transaction,
``kick`` after its commit. Every job is a row in ``jobs``; a job that fails is retried with
backoff and, after its last attempt, stays visible as failed. A worker that dies mid-job
leaves a ``running`` row that the next worker puts back in the queue.

Backends (``HEARD_QUEUE``):

* ``thread`` (default): a daemon thread in each web process runs jobs; no extra server.
* ``db``: jobs wait for ``flask jobs work`` in a separate process.
* ``rq``: jobs are pushed to Redis (``REDIS_URL``) for ``flask jobs rq-worker`` (``jobs_rq``).
* ``inline``: run at ``kick`` time, in the request (tests, scripts).
"""
import logging
import threading
import time
from collections import namedtuple
from datetime import timedelta

from flask import current_app, has_request_context
from sqlalchemy import select, update

from ..config import ConfigError
from ..database import insert_row
from ..extensions import db
from ..models import Job
from ..models.types import utcnow
from . import jobs_rq

log = logging.getLogger(__name__)

BACKENDS = ("thread", "db", "rq", "inline")
HANDLERS = {}
STALE_AFTER = timedelta(minutes=30)


Queued = namedtuple("Queued", "id")


def handler(name):
    """Register ``func(**payload)`` as the handler of jobs called ``name``: a decorator on the
    handler, in the module the job belongs to. That module must be imported by
    app/services/job_handlers.py, which the app factory loads."""

    def register(func):
        HANDLERS[name] = func
        return func

    return register


def enqueue(name, payload=None, *, delay_seconds=0, max_attempts=5):
    """Add a job to the caller's transaction and return its ``Queued(id)``; call :func:`kick`
    after committing."""
    job_id = insert_row(Job, **job_values(name, payload, delay_seconds=delay_seconds, max_attempts=max_attempts))
    written(job_id)
    return Queued(job_id)


def job_values(name, payload=None, *, delay_seconds=0, max_attempts=5):
    """The columns of the job :func:`enqueue` writes (the same arguments)."""
    return dict(name=name, payload=payload or {}, max_attempts=max_attempts,
                run_after=utcnow() + timedelta(seconds=delay_seconds))


def written(job_id):
    """Note a job written in the session's transaction (by :func:`enqueue`, or with other
    rows in one statement): :func:`kick` hands it to the queue after the commit."""
    db.session.info.setdefault("heard_new_jobs", []).append(job_id)


def kick():
    """Hand the jobs enqueued in the committed transaction to the configured backend."""
    ids = db.session.info.pop("heard_new_jobs", [])
    if not ids:
        return
    backend = current_app.config["HEARD_QUEUE"]
    if backend == "inline":
        for job_id in ids:
            perform(job_id)
    elif backend == "thread":
        if has_request_context():
            _thread_worker(current_app._get_current_object()).wake()
        else:  # a command (cron) ends before a daemon thread would finish: run them now
            for job_id in ids:
                perform(job_id)
    elif backend == "rq":
        jobs_rq.push(current_app.config["REDIS_URL"], ids)
    # "db": `flask jobs work` polls the table.


def backoff(attempts):
    return min(current_app.config["JOBS_RETRY_SECONDS"] * 2 ** (attempts - 1), 3600)


def claim(job_id):
    """Mark a due, queued job as running; False if another worker got it first."""
    now = utcnow()
    result = db.session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "queued", Job.run_after <= now)
        .values(status="running", attempts=Job.attempts + 1, locked_at=now)
    )
    db.session.commit()
    return result.rowcount == 1


def perform(job_id):
    """Run one job if it is due. Returns True when it ran and succeeded."""
    if not claim(job_id):
        return False
    job = db.session.get(Job, job_id)
    name, payload = job.name, dict(job.payload or {})
    try:
        func = HANDLERS.get(name)
        if func is None:
            raise LookupError(f"no handler for job {name!r}")
        func(**payload)
    except Exception as error:  # a job's failure is recorded, never raised into the web request
        db.session.rollback()
        log.warning("job %s (%s) failed: %s", job_id, name, type(error).__name__)
        _record_failure(job_id, f"{type(error).__name__}: {error}")
        return False
    db.session.execute(update(Job).where(Job.id == job_id).values(
        status="done", finished_at=utcnow(), locked_at=None, last_error=None))
    db.session.commit()
    return True


def _record_failure(job_id, message):
    job = db.session.get(Job, job_id)
    job.last_error = message[:2000]
    job.locked_at = None
    if job.attempts >= job.max_attempts:
        job.status, job.finished_at = "failed", utcnow()
    else:
        job.status, job.run_after = "queued", utcnow() + timedelta(seconds=backoff(job.attempts))
    db.session.commit()


def requeue_stale(older_than=STALE_AFTER):
    """Jobs left ``running`` by a worker that died go back to the queue (or fail for good)."""
    cutoff = utcnow() - older_than
    stale = db.session.scalars(select(Job).where(Job.status == "running", Job.locked_at < cutoff)).all()
    for job in stale:
        job.locked_at = None
        job.last_error = "the worker stopped while running this job"
        if job.attempts >= job.max_attempts:
            job.status, job.finished_at = "failed", utcnow()
        else:
            job.status, job.run_after = "queued", utcnow()
    db.session.commit()
    return len(stale)


def due_jobs(limit=20):
    return list(db.session.scalars(
        select(Job.id).where(Job.status == "queued", Job.run_after <= utcnow())
        .order_by(Job.run_after, Job.id).limit(limit)
    ))


def work(once=False, poll_seconds=2.0, stop=None):
    """Run due jobs until stopped (or, with ``once``, until none is due). Returns jobs run."""
    ran = 0
    requeue_stale()
    while stop is None or not stop.is_set():
        ids = due_jobs()
        for job_id in ids:
            ran += perform(job_id)
        if not ids:
            if once:
                break
            (stop.wait(poll_seconds) if stop else time.sleep(poll_seconds))
    return ran


def retry_failed():
    """Give failed jobs another round of attempts (after fixing what made them fail)."""
    failed = db.session.scalars(select(Job).where(Job.status == "failed")).all()
    for job in failed:
        job.status, job.run_after, job.finished_at = "queued", utcnow(), None
        job.max_attempts = job.attempts + 3
    db.session.commit()
    return len(failed)


class _ThreadWorker:
    """One daemon thread per process that drains due jobs and wakes on ``kick``."""

    def __init__(self, app):
        self.app = app
        self.event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="heard-jobs", daemon=True)
        self.thread.start()

    def wake(self):
        self.event.set()

    def _run(self):
        while True:
            self.event.wait(timeout=10)
            self.event.clear()
            try:
                with self.app.app_context():
                    work(once=True)
                    db.session.remove()
            except Exception:  # keep the thread alive; the job rows show what failed
                log.exception("background job thread")


_workers = {}
_workers_lock = threading.Lock()


def _thread_worker(app):
    with _workers_lock:
        worker = _workers.get(id(app))
        if worker is None:
            worker = _workers[id(app)] = _ThreadWorker(app)
        return worker


def rq_perform(job_id):
    """Entry point for RQ workers (the name RQ jobs carry): run one job row."""
    return jobs_rq.perform(job_id)


def init_app(app):
    if app.config["HEARD_QUEUE"] not in BACKENDS:
        raise ConfigError(f"HEARD_QUEUE must be one of {', '.join(BACKENDS)}")
    if app.config["HEARD_QUEUE"] == "rq" and not app.config.get("REDIS_URL"):
        raise ConfigError("HEARD_QUEUE=rq needs REDIS_URL")
    # Handlers register themselves (``@handler``) when their modules load; the app factory
    # imports them all (app/services/job_handlers.py), so every process knows every job.
    if app.config["HEARD_QUEUE"] == "thread":
        started = []

        @app.before_request
        def start_thread_worker():
            # On the first request of each process: pick up jobs left from before a restart.
            if not started:
                started.append(True)
                _thread_worker(app).wake()
