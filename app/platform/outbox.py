"""The outbox: messages are written in the same transaction as the change they report,
and sent afterwards, so a mail server that is down never loses or blocks a registration.

A message is queued as a row that says what to write (kind, registration, language) and is
rendered when it is sent, by the send job: a registration's request does no template work.
Until then its ``body`` holds a small envelope (``PENDING``) with what only the request knew:
the waitlist position, and the seed of the resident's manage link. The link's secret is
``HMAC(SECRET_KEY, seed)``, so the database alone (a dump, a backup) holds no working link;
the envelope is replaced by the sent text, whose link is masked (``/r/[removed]``).

Senders share one small interface, ``send(message)``:

* e-mail by SMTP when ``MAIL_SERVER`` is set, else ``.eml`` files in ``OUTBOX_DIR``
  (``instance/outbox/``) that a new user can open with any mail program;
* SMS with no provider: text files in ``OUTBOX_DIR/sms/`` and a log line. A real
  gateway would be one more class with the same ``send``.

Those files are named after the message and its registration
(``<time>-<message id>-r<registration id>-<kind>``), so erasing a registration deletes
them too (:func:`remove_copies`).
"""
import base64
import glob
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import smtplib
from datetime import timedelta
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, make_msgid
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import bindparam, func, select, update

from .. import bidi, i18n
from ..database import insert_row
from ..extensions import db
from ..models import ListeningSession, OutboxMessage, Registration
from ..models.types import utcnow
from ..text import xml_safe
from . import ics, jobs
from .errors import NotFound
from .localized import pick

log = logging.getLogger(__name__)

MANAGE_LINK = re.compile(r"/r/[A-Za-z0-9_-]{20,}")
MAX_BACKOFF = timedelta(hours=6)
# The body of a message that is not rendered yet starts with this, followed by JSON.
PENDING = "[heard:render-when-sent]"
# kind -> f(registration, session, language) -> more template context (e.g. services.policy.digests).
EXTRA_CONTEXT = {}


# --- composing ---------------------------------------------------------------------------

def _subject(kind, title):
    subjects = {
        # TRANSLATORS: e-mail subject; %(title)s is the session's title.
        "confirmation": _("You are registered: %(title)s", title=title),
        "waitlisted": _("You are on the waitlist: %(title)s", title=title),
        "promoted": _("A seat opened up for you: %(title)s", title=title),
        "reminder": _("Reminder: %(title)s", title=title),
        "cancelled": _("Your registration is cancelled: %(title)s", title=title),
        "session_cancelled": _("This session is cancelled: %(title)s", title=title),
        "updated": _("Your registration was updated: %(title)s", title=title),
        # TRANSLATORS: e-mail subject of the private link sent again on request.
        "link_again": _("Your private link: %(title)s", title=title),
        # TRANSLATORS: e-mail subject of "you said, we did": what the city did with what residents said.
        "digest": _("You said, we did: %(title)s", title=title),
    }
    return subjects[kind]


def manage_url(token):
    return current_app.config["HEARD_BASE_URL"].rstrip("/") + "/r/" + token


def session_url(session):
    return current_app.config["HEARD_BASE_URL"].rstrip("/") + "/sessions/" + session.slug


def _render(name, **context):
    """Render a message template without the page's context processors (which read the
    request): messages are also written from the command line."""
    return current_app.jinja_env.get_template(name).render(**context)


def new_link_seed():
    """The random part of a manage link (32 bytes); the link itself is :func:`manage_token`."""
    return secrets.token_urlsafe(32)


def hash_token(token):
    """What a registration stores of its manage link's secret: its SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def manage_token(seed):
    """The manage link's secret for ``seed``: HMAC-SHA256 keyed with SECRET_KEY, 43 URL-safe
    characters (256 bits). Registrations store only its hash; the outbox only the seed."""
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    digest = hmac.new(key, b"heard-manage-link:" + seed.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def compose(kind, registration, session, *, token=None, position=None, language=None):
    """Subject, body and .ics for one message, in ``language`` (default: the registrant's).
    Stored text reaches them through ``xml_safe`` (no control characters or lone surrogates,
    which UTF-8 cannot encode); the subject is one line, whatever line breaks a title holds."""
    code = language or registration.preferred_language
    if code not in i18n.LANGUAGES:
        code = current_app.config["HEARD_DEFAULT_LANGUAGE"]
    with force_locale(i18n.babel_locale(code)):
        content = pick(session.translations, code, session.engagement.default_language)
        title = content.title if content else session.venue_name
        # The title is the organizer's text: isolated, so an English title never reorders an
        # Arabic subject line (nor an Arabic title an English one). One line, safe for mail.
        subject = " ".join(xml_safe(_subject(kind, bidi.isolate(title, i18n.text_direction(code) == "rtl"))).split())
        context = dict(
            kind=kind, registration=registration, session=session, content=content, title=title,
            manage_link=manage_url(token) if token else None, position=position,
            session_link=session_url(session),
        )
        if kind in EXTRA_CONTEXT:
            context.update(EXTRA_CONTEXT[kind](registration, session, code))
        body = xml_safe(_render(f"email/{kind}.txt", **context))
        sms = xml_safe(_render("email/digest_sms.txt" if kind == "digest" else "email/sms.txt", subject=subject,
                               **context))
        attachment = None
        if kind in ("confirmation", "promoted", "reminder", "session_cancelled", "waitlisted"):
            attachment = ics.event(
                session, title=title, location=f"{session.venue_name}, {session.venue_address}",
                description=content.description if content else "", url=session_url(session),
            )
    return {"subject": subject[:300], "body": body, "sms": sms, "attachment": attachment,
            "unsubscribe": context.get("unsubscribe_link")}


Queued = jobs.Queued
_BY_DEDUPE_KEY = select(OutboxMessage.__table__.c.id).where(OutboxMessage.__table__.c.dedupe_key == bindparam("key"))


def queue(kind, registration, session=None, *, dedupe_key=None, link_seed=None, position=None, channel=None):
    """Add a message for ``registration`` to the caller's transaction; None if there is
    nobody to write to or the same ``dedupe_key`` was queued before, else the new row's
    ``Queued(id)`` (a plain INSERT: load the row if you need it). Nothing is rendered
    here: the send job renders it (:func:`render`) in the language of the row.
    ``link_seed`` (see :func:`manage_token`) puts the manage link in the message.
    ``channel`` ("email", "sms") picks one of the registration's contacts when it has both
    (by default e-mail)."""
    if dedupe_key and db.session.connection().execute(_BY_DEDUPE_KEY, {"key": dedupe_key}).first():
        return None
    if channel == "sms" and registration.phone:
        channel, recipient = "sms", registration.phone
    elif registration.email:
        channel, recipient = "email", registration.email
    elif registration.phone:
        channel, recipient = "sms", registration.phone
    else:
        return None
    envelope = {key: value for key, value in (("seed", link_seed), ("position", position)) if value is not None}
    return Queued(insert_row(
        OutboxMessage, channel=channel, kind=kind, dedupe_key=dedupe_key, registration_id=registration.id,
        recipient=recipient, language=registration.preferred_language, subject="",
        body=PENDING + json.dumps(envelope), attachment_name=None, attachment=None,
        status="pending", attempts=0, next_attempt_at=utcnow(),
    ))


def is_rendered(message):
    return not (message.body or "").startswith(PENDING)


def render(message):
    """What the sender gets: ``message`` itself when it was rendered when queued (older rows),
    else a copy with subject, body and .ics rendered now, in the row's language. The row is
    not changed (its plain manage link never reaches the database)."""
    if is_rendered(message):
        return message
    envelope = json.loads(message.body[len(PENDING):] or "{}")
    registration = db.session.get(Registration, message.registration_id) if message.registration_id else None
    if registration is None:
        raise NotFound("the registration of this message no longer exists")
    if registration.personal_data_erased_at:
        raise NotFound("the personal data of this registration was erased")
    session = db.session.get(ListeningSession, registration.session_id)
    token = manage_token(envelope["seed"]) if envelope.get("seed") else None
    if token and hash_token(token) != registration.manage_token_hash:
        token = None  # SECRET_KEY changed since: that link would not open; point to the first one
    parts = compose(message.kind, registration, session, token=token, position=envelope.get("position"),
                    language=message.language)
    email = message.channel == "email"
    return SimpleNamespace(
        id=message.id, registration_id=message.registration_id, channel=message.channel, kind=message.kind,
        recipient=message.recipient, attempts=message.attempts,
        language=message.language, subject=parts["subject"], body=parts["body"] if email else parts["sms"],
        attachment_name="session.ics" if email and parts["attachment"] else None,
        attachment=parts["attachment"] if email else None, unsubscribe=parts.get("unsubscribe"),
    )


# --- senders -----------------------------------------------------------------------------

def build_email(message, config):
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.recipient
    email["Subject"] = " ".join(xml_safe(message.subject or "").split())  # rows rendered by older versions
    email["Date"] = format_datetime(utcnow())
    email["Message-ID"] = make_msgid(domain="heard.invalid")
    email["Content-Language"] = message.language
    if getattr(message, "unsubscribe", None):  # RFC 8058 one-click unsubscribe
        email["List-Unsubscribe"] = f"<{message.unsubscribe}>"
        email["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email.set_content(xml_safe(message.body or ""), charset="utf-8")
    if message.attachment:
        email.add_attachment(
            message.attachment.encode("utf-8"), maintype="text", subtype="calendar",
            filename=message.attachment_name or "session.ics", params={"method": "PUBLISH"},
        )
    return email


def copy_name(message, extension):
    """The file name of a message's copy in ``OUTBOX_DIR``: time, message, registration, kind."""
    registration = getattr(message, "registration_id", None) or 0
    return f"{utcnow():%Y%m%d-%H%M%S}-{message.id:06d}-r{registration}-{message.kind}.{extension}"


# Names written by copy_name, and the older ones without the registration.
_COPY_NAME = re.compile(r"\d{8}-\d{6}-(?P<message>\d+)(?:-r(?P<registration>\d+))?-[a-z_]+\.(?:eml|txt)")


def remove_copies(registration_ids):
    """Delete the .eml and SMS files written for these registrations' messages (the copies
    kept in ``OUTBOX_DIR`` when no mail server or SMS gateway is set). Files named before
    the registration was part of the name are matched by message id and recipient. Runs
    before the erasure's commit, while the messages still hold their recipients."""
    registration_ids = set(registration_ids)
    if not registration_ids:
        return 0
    directory = current_app.config["OUTBOX_DIR"]
    folders = [folder for folder in (directory, os.path.join(directory, "sms")) if os.path.isdir(folder)]
    if not folders:
        return 0
    recipients = {}  # message id -> recipient, for the older names
    for ids in _chunks(sorted(registration_ids)):
        recipients.update(db.session.execute(
            select(OutboxMessage.id, OutboxMessage.recipient).where(OutboxMessage.registration_id.in_(ids))).all())
    removed = 0
    for folder in folders:
        for name in os.listdir(folder):
            match = _COPY_NAME.fullmatch(name)
            if not match:
                continue
            path = os.path.join(folder, name)
            if match["registration"] is not None:
                mine = int(match["registration"]) in registration_ids
            else:
                recipient = recipients.get(int(match["message"]))
                mine = bool(recipient) and _copy_recipient(path) == recipient
            if mine:
                try:
                    os.remove(path)
                except FileNotFoundError:
                    continue
                removed += 1
    return removed


def _chunks(items, size=500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _copy_recipient(path):
    """The address a copy was written to: the ``To`` header of an .eml, the first line of an SMS."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16384)
    except OSError:
        return None
    if path.endswith(".txt"):
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
        return first[len("To: "):].strip() if first.startswith("To: ") else None
    headers = BytesHeaderParser(policy=email_policy.default).parsebytes(head)
    return str(headers.get("To") or "").strip() or None


def _write_copy_once(directory, message, extension, data):
    """Write a message's copy in ``directory`` unless it is there already, and return its path.
    A sender that died after writing a copy and before the row said "sent" does not write a
    second one when the message is tried again; a copy is renamed into place whole, so a
    sender killed while writing leaves none."""
    os.makedirs(directory, exist_ok=True)
    if getattr(message, "attempts", None) != 1:  # a first attempt has no copy yet: no need to look
        registration = getattr(message, "registration_id", None) or 0
        pattern = f"*-{message.id:06d}-r{registration}-{message.kind}.{extension}"
        written = glob.glob(os.path.join(glob.escape(directory), pattern))
        if written:
            return written[0]
    path = os.path.join(directory, copy_name(message, extension))
    partial = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}.partial")
    with open(partial, "wb") as handle:
        handle.write(data)
    os.replace(partial, path)
    return path


class FileMailSender:
    """Writes each e-mail as an .eml file: open it with any mail program or text editor."""

    def __init__(self, directory):
        self.directory = directory

    def send(self, message, config):
        return _write_copy_once(self.directory, message, "eml", bytes(build_email(message, config)))


class SMTPSender:
    def send(self, message, config):
        email = build_email(message, config)
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"],
                          timeout=config["MAIL_TIMEOUT"]) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(email)


class FileSMSSender:
    """SMS with no provider: one text file per message, and a log line."""

    def __init__(self, directory):
        self.directory = os.path.join(directory, "sms")

    def send(self, message, config):
        path = _write_copy_once(self.directory, message, "txt",
                                f"To: {message.recipient}\n\n{message.body}\n".encode())
        log.info("SMS %s written to %s", message.id, path)
        return path


def sender_for(channel, config):
    if channel == "sms":
        return config.get("SMS_SENDER") or FileSMSSender(config["OUTBOX_DIR"])
    if config.get("MAIL_SENDER"):
        return config["MAIL_SENDER"]  # tests plug a sender in here
    if config.get("MAIL_SERVER"):
        return SMTPSender()
    return FileMailSender(config["OUTBOX_DIR"])


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
        jobs.enqueue("outbox.send", {"ids": ids}, max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"])
    return ids


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


@jobs.handler("outbox.send")
def send_job(ids):
    send_pending(ids=ids)
    waiting = db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.id.in_(ids), OutboxMessage.status == "pending"))
    if waiting:
        raise RuntimeError(f"{waiting} message(s) not sent yet")
