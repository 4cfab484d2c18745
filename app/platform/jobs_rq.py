"""The RQ backend of the jobs (``HEARD_QUEUE=rq``): several web servers push to one Redis,
and ``flask jobs rq-worker`` runs the jobs. The ``jobs`` table stays the record of every job;
Redis only carries the wake-ups, so nothing is lost when a worker or Redis itself dies:

* while a job runs, its worker keeps a short-lived key ``heard:running:<id>`` alive in Redis
  (set before the job is claimed, refreshed every few seconds);
* every worker sweeps the table now and then (``RQ_SWEEP_SECONDS``): a ``running`` row whose
  key has expired belonged to a worker that died (SIGKILL, power cut) and goes back to the
  queue; a due ``queued`` row still waiting ``RQ_SWEEP_SECONDS`` after it was due (a retry
  after a failure, a push lost with Redis, a job of a dead worker) is pushed again, once;
* a job pushed twice runs once: ``jobs.perform`` claims its row with a conditional UPDATE.

Messages are sent at most once per claim and the file senders write each message's copy once
(``outbox``): a worker killed between sending and recording it does not send it twice.
"""
import logging
import threading
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import select

from ..extensions import db
from ..models import Job
from ..models.types import utcnow

log = logging.getLogger(__name__)

QUEUE = "heard"
RUNNING_TTL = 6  # seconds: how long a running job's key outlives its worker
HEARTBEAT = 2
_apps = []  # the app an RQ job builds when it runs outside `flask jobs rq-worker`


def redis_client(url):
    try:
        from redis import Redis
    except ImportError:  # pragma: no cover - depends on the deployment
        raise RuntimeError("HEARD_QUEUE=rq needs the redis extra: pip install 'heard[redis]'") from None
    return Redis.from_url(url)


def queue(url):
    from rq import Queue

    return Queue(QUEUE, connection=redis_client(url))


def push(url, job_ids):
    q = queue(url)
    for job_id in job_ids:
        q.enqueue("app.platform.jobs.rq_perform", job_id, job_timeout=3600)


def running_key(job_id):
    return f"heard:running:{int(job_id)}"


def perform(job_id):
    """Run one job row inside an RQ job, with its liveness key kept fresh meanwhile."""
    from . import jobs

    if not has_app_context():  # an RQ worker started without Heard's command
        if not _apps:
            from .. import create_app  # imported here: the app package imports this module

            _apps.append(create_app())
        with _apps[0].app_context():
            return perform(job_id)
    from rq import get_current_job

    rq_job = get_current_job()
    client = rq_job.connection if rq_job else redis_client(current_app.config["REDIS_URL"])
    key = running_key(job_id)
    client.set(key, "1", ex=RUNNING_TTL)
    done = threading.Event()

    def heartbeat():
        while not done.wait(HEARTBEAT):
            client.set(key, "1", ex=RUNNING_TTL)

    beat = threading.Thread(target=heartbeat, name="heard-job-heartbeat", daemon=True)
    beat.start()
    try:
        return jobs.perform(job_id)
    finally:
        done.set()
        beat.join()
        client.delete(key)
        db.session.remove()


def sweep(now=None):
    """Put jobs of dead workers back in the queue, and push due jobs nobody pushed. Returns
    (requeued, pushed)."""
    now = now or utcnow()
    config = current_app.config
    client = redis_client(config["REDIS_URL"])
    requeued = 0
    for job in db.session.scalars(select(Job).where(Job.status == "running")).all():
        if client.exists(running_key(job.id)):
            continue
        job.locked_at = None
        job.last_error = "the worker stopped while running this job"
        if job.attempts >= job.max_attempts:
            job.status, job.finished_at = "failed", now
        else:
            job.status, job.run_after = "queued", now - timedelta(seconds=config["RQ_SWEEP_SECONDS"])
        requeued += 1
    db.session.commit()
    late = now - timedelta(seconds=config["RQ_SWEEP_SECONDS"])
    due = db.session.execute(select(Job.id, Job.run_after).where(
        Job.status == "queued", Job.run_after <= late).order_by(Job.run_after, Job.id).limit(1000)).all()
    db.session.rollback()
    pushed = []
    for job_id, run_after in due:
        # One push per (job, due time): several sweeping workers push it once between them.
        if client.set(f"heard:pushed:{job_id}:{run_after.timestamp():.6f}", "1", nx=True, ex=86400):
            pushed.append(job_id)
    push(config["REDIS_URL"], pushed)
    if requeued or pushed:
        log.info("job sweep: %s job(s) of stopped workers queued again, %s pushed", requeued, len(pushed))
    return requeued, len(pushed)


def _sweeper(app, stop):
    while True:
        try:
            with app.app_context():
                sweep()
                db.session.remove()
        except Exception:  # keep sweeping; the next round tries again
            log.exception("job sweep")
        if stop.wait(app.config["RQ_SWEEP_SECONDS"]):
            return


def worker_class():
    """RQ's SimpleWorker (jobs run in this process, where the app is built once), whose
    command-channel thread polls every second: RQ's own waits up to 60 s to stop."""
    from rq import SimpleWorker

    class Worker(SimpleWorker):
        def subscribe(self):
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            self.pubsub_thread = self.pubsub.run_in_thread(
                sleep_time=1, daemon=True, exception_handler=self._pubsub_exception_handler)

    return Worker


def run_worker(app, burst=False):
    """``flask jobs rq-worker``: an RQ worker that runs jobs in this process (the app is built
    once), with a sweeping thread beside it."""
    stop = threading.Event()
    sweeper = threading.Thread(target=_sweeper, args=(app, stop), name="heard-job-sweep", daemon=True)
    sweeper.start()
    try:
        worker = worker_class()([QUEUE], connection=redis_client(app.config["REDIS_URL"]))
        with app.app_context():
            worker.work(burst=burst)
    finally:
        stop.set()
        sweeper.join(timeout=30)
