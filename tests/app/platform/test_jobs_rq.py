"""The RQ backend across machines: a job of a worker that died goes back to the queue, a due
job nobody pushed is pushed once, and a message tried again after its sender died is not
written twice. (The whole of it, with real servers and a SIGKILL: test_scale_out.py.)"""
from datetime import timedelta
from types import SimpleNamespace

from app.extensions import db
from app.models import Job
from app.models.types import utcnow
from app.platform import jobs, jobs_rq, outbox


def _job(status, run_after, attempts=1, max_attempts=5):
    job = Job(name="test.nothing", payload={}, status=status, attempts=attempts, max_attempts=max_attempts,
              run_after=run_after, locked_at=utcnow() if status == "running" else None)
    db.session.add(job)
    db.session.commit()
    return job.id


def test_the_sweep_requeues_jobs_of_dead_workers_and_pushes_forgotten_ones_once(app, make_app, redis_url):
    from redis import Redis
    from rq import Queue

    rq_app = make_app(HEARD_QUEUE="rq", REDIS_URL=redis_url, RQ_SWEEP_SECONDS=10)
    redis = Redis.from_url(redis_url)
    now = utcnow()
    with rq_app.app_context():
        dead = _job("running", now - timedelta(minutes=1))
        alive = _job("running", now - timedelta(minutes=1))
        redis.set(jobs_rq.running_key(alive), "1", ex=60)  # its worker is still sending
        spent = _job("running", now - timedelta(minutes=1), attempts=5, max_attempts=5)
        forgotten = _job("queued", now - timedelta(seconds=30))  # due, and never run
        fresh = _job("queued", now)  # just queued: its push is on its way

        assert jobs_rq.sweep() == (2, 2)
        assert [db.session.get(Job, i).status for i in (dead, alive, spent, forgotten, fresh)] == [
            "queued", "running", "failed", "queued", "queued"]
        assert db.session.get(Job, dead).last_error == "the worker stopped while running this job"
        pushed = Queue("heard", connection=redis).jobs
        assert sorted(job.args[0] for job in pushed) == sorted([dead, forgotten])
        assert jobs_rq.sweep() == (0, 0)  # pushed once, however often it sweeps
        assert Queue("heard", connection=redis).count == 2


def test_a_pushed_job_runs_once_however_often_it_was_pushed(app, make_app, redis_url):
    from redis import Redis

    calls = []
    jobs.HANDLERS["test.count"] = lambda: calls.append(1)
    rq_app = make_app(HEARD_QUEUE="rq", REDIS_URL=redis_url)
    with rq_app.app_context():
        job_id = jobs.enqueue("test.count").id
        db.session.commit()
        jobs.kick()
        jobs_rq.push(redis_url, [job_id, job_id])  # a sweep pushed it again meanwhile
        jobs_rq.worker_class()(["heard"], connection=Redis.from_url(redis_url)).work(burst=True)
        assert calls == [1]
        assert db.session.get(Job, job_id).status == "done"
        assert not Redis.from_url(redis_url).exists(jobs_rq.running_key(job_id))


def test_a_message_tried_again_after_its_sender_died_is_written_once(app, tmp_path):
    message = SimpleNamespace(id=41, registration_id=7, kind="confirmation", recipient="ama@example.org",
                              language="en", subject="You are registered", body="See you there.",
                              attachment=None, attachment_name=None)
    with app.app_context():
        mail, sms = outbox.FileMailSender(str(tmp_path)), outbox.FileSMSSender(str(tmp_path))
        first = mail.send(message, app.config)
        assert mail.send(message, app.config) == first
        first_sms = sms.send(message, app.config)
        assert sms.send(message, app.config) == first_sms
        other = mail.send(SimpleNamespace(**{**vars(message), "id": 42}), app.config)
    names = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    assert len(names) == 3 and other != first
    assert not [name for name in names if name.startswith(".")]  # no partial copy left
