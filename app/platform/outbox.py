"""The outbox: messages are written in the same transaction as the change they report,
and sent afterwards, so a mail server that is down never loses or blocks a registration.

A message is queued as a row that says what to write (kind, registration, language) and is
rendered when it is sent, by the send job: a registration's request does no template work.
Until then its ``body`` holds a small envelope (``PENDING``) with what only the request knew:
the waitlist position, and the seed of the resident's manage link. The link's secret is
``HMAC(SECRET_KEY, seed)``, so the database alone (a dump, a backup) holds no working link;
the envelope is replaced by the sent text, whose link is masked (``/r/[removed]``).

Writing a message (and its manage link) is in ``resident_messages.py``; the senders (SMTP,
``.eml`` and SMS files, and :func:`remove_copies`) in ``mail_senders.py``. Their public
names are read through this module too (``outbox.compose``, ``outbox.manage_token``, ...).
"""
import json
import logging
import os
import re
from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, func, select, update

from ..database import insert_row
from ..extensions import db
from ..models import Job, OutboxMessage
from ..models.types import utcnow
from . import jobs
from .mail_senders import (  # noqa: F401  (read as outbox.<name>)
    FileMailSender,
    FileSMSSender,
    SMTPSender,
    build_email,
    copy_name,
    remove_copies,
    sender_for,
)
from .resident_messages import (  # noqa: F401  (read as outbox.<name>)
    EXTRA_CONTEXT,
    PENDING,
    compose,
    hash_token,
    is_rendered,
    manage_token,
    manage_url,
    new_link_seed,
    render,
    session_url,
)

log = logging.getLogger(__name__)

MANAGE_LINK = re.compile(r"/r/[A-Za-z0-9_-]{20,}")
MAX_BACKOFF = timedelta(hours=6)


Queued = jobs.Queued
SEND_JOB = "outbox.send"  # the job that sends messages (see schedule)
_BY_DEDUPE_KEY = select(OutboxMessage.__table__.c.id).where(OutboxMessage.__table__.c.dedupe_key == bindparam("key"))


def queue(kind, registration, session=None, *, dedupe_key=None, link_seed=None, position=None, channel=None,
          new_registration=False):
    """Add a message for ``registration`` to the caller's transaction; None if there is
    nobody to write to or the same ``dedupe_key`` was queued before, else the new row's
    ``Queued(id)`` (a plain INSERT: load the row if you need it). Nothing is rendered
    here: the send job renders it (:func:`render`) in the language of the row.
    ``link_seed`` (see :func:`manage_token`) puts the manage link in the message.
    ``channel`` ("email", "sms") picks one of the registration's contacts when it has both
    (by default e-mail). ``new_registration``: the registration was written in this
    transaction, so no message of it can exist yet and ``dedupe_key`` is not looked up."""
    if dedupe_key and not new_registration and \
            db.session.connection().execute(_BY_DEDUPE_KEY, {"key": dedupe_key}).first():
        return None
    values = message_values(kind, registration, dedupe_key=dedupe_key, link_seed=link_seed, position=position,
                            channel=channel)
    return Queued(insert_row(OutboxMessage, **values)) if values else None


def message_values(kind, registration, *, dedupe_key=None, link_seed=None, position=None, channel=None):
    """The columns of the message :func:`queue` writes (the same arguments); None if there
    is nobody to write to."""
    if channel == "sms" and registration.phone:
        channel, recipient = "sms", registration.phone
    elif registration.email:
        channel, recipient = "email", registration.email
    elif registration.phone:
        channel, recipient = "sms", registration.phone
    else:
        return None
    envelope = {key: value for key, value in (("seed", link_seed), ("position", position)) if value is not None}
    return dict(
        channel=channel, kind=kind, dedupe_key=dedupe_key, registration_id=registration.id,
        recipient=recipient, language=registration.preferred_language, subject="",
        body=PENDING + json.dumps(envelope), attachment_name=None, attachment=None,
        status="pending", attempts=0, next_attempt_at=utcnow(),
    )


# --- sending -----------------------------------------------------------------------------

def backoff(attempts):
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def send_pending(ids=None, now=None, limit=500):
    """Send due messages (or only ``ids``). Each is claimed by a conditional update first,
    so two senders never send the same message. Returns (sent, failed) counts."""
    now = now or utcnow()
    config = current_app.config
    max_attempts = config["OUTBOX_MAX_ATTEMPTS"]
    query = (select(OutboxMessage.id)
             .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now)
             .order_by(OutboxMessage.id).limit(limit))
    if ids is not None:
        if not ids:
            return 0, 0
        query = query.where(OutboxMessage.id.in_(list(ids)))
    candidates = list(db.session.scalars(query))
    db.session.rollback()
    sent = failed = 0
    for message_id in candidates:
        claimed = db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending",
                   OutboxMessage.next_attempt_at <= now)
            .values(next_attempt_at=now + timedelta(seconds=config["OUTBOX_LEASE_SECONDS"]),
                    attempts=OutboxMessage.attempts + 1)
        ).rowcount
        db.session.commit()
        if not claimed:
            continue
        message = db.session.get(OutboxMessage, message_id)
        attempts = message.attempts
        written = None
        try:
            outgoing = render(message)
            written = sender_for(message.channel, config).send(outgoing, config)
        except Exception as error:  # any sender failure is recorded and retried later
            db.session.rollback()
            values = {"last_error": f"{type(error).__name__}: {error}"[:1000]}
            if attempts >= max_attempts:
                values["status"] = "failed"
            else:
                values["next_attempt_at"] = now + backoff(attempts)
            failed += 1
            log.warning("outbox message %s not sent (attempt %s): %s", message_id, attempts,
                        type(error).__name__)
        else:
            # Once sent, the row keeps what was sent, but no working manage link (only its
            # hash is a key) and no link seed.
            values = {"status": "sent", "sent_at": utcnow(), "last_error": None, "subject": outgoing.subject,
                      "body": MANAGE_LINK.sub("/r/[removed]", outgoing.body or ""),
                      "attachment_name": outgoing.attachment_name, "attachment": outgoing.attachment}
            db.session.rollback()
            sent += 1
        # Only a message still pending: one erased meanwhile keeps its cleared fields, and
        # the copy just written of it goes too.
        kept = db.session.execute(update(OutboxMessage).where(
            OutboxMessage.id == message_id, OutboxMessage.status == "pending").values(**values)).rowcount
        db.session.commit()
        if not kept and isinstance(written, str) and os.path.isfile(written):
            os.remove(written)
    return sent, failed


def retry_failed():
    """Put failed messages back in the queue (``flask outbox send --retry-failed``)."""
    count = db.session.execute(
        update(OutboxMessage).where(OutboxMessage.status == "failed")
        .values(status="pending", attempts=0, next_attempt_at=utcnow())
    ).rowcount
    db.session.commit()
    return count


def schedule(ids):
    """Add the job that sends these messages to the caller's transaction (call :func:`kick`
    after its commit). The job renders and sends them, and retries with backoff while any
    of them is still pending; ``flask outbox send`` also picks up whatever is left."""
    ids = [i for i in ids if i]
    if ids:
        jobs.written(insert_row(Job, **send_job_values(ids)))
    return ids


def send_job_values(ids):
    """The columns of the job :func:`schedule` writes for these message ids."""
    return jobs.job_values(SEND_JOB, {"ids": list(ids)}, max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"])


def kick():
    """Hand the send jobs of the committed transaction to the queue."""
    jobs.kick()


def deliver(ids):
    """Queue the sending of these messages (already committed) as a background job, in a
    transaction of its own. A mail server that is down never fails the request."""
    if not schedule(ids):
        return
    db.session.commit()
    jobs.kick()


def first_message_sent(registration_id):
    """True once the message that told a resident about their new registration (confirmation
    or waitlist) has gone out; False while it waits in the outbox (the mail server may be
    down: it is retried) or when there was nobody to write to."""
    return db.session.scalar(select(OutboxMessage.id).where(
        OutboxMessage.registration_id == registration_id, OutboxMessage.kind.in_(("confirmation", "waitlisted")),
        OutboxMessage.status == "sent").limit(1)) is not None


def count_sent(ids):
    if not ids:
        return 0
    return db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.id.in_(ids), OutboxMessage.status == "sent"))


@jobs.handler(SEND_JOB)
def send_job(ids):
    send_pending(ids=ids)
    waiting = db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.id.in_(ids), OutboxMessage.status == "pending"))
    if waiting:
        raise RuntimeError(f"{waiting} message(s) not sent yet")
