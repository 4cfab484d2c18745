"""Where messages go. Senders share one small interface, ``send(message)``:

* e-mail by SMTP when ``MAIL_SERVER`` is set, else ``.eml`` files in ``OUTBOX_DIR``
  (``instance/outbox/``) that a new user can open with any mail program;
* SMS with no provider: text files in ``OUTBOX_DIR/sms/`` and a log line. A real
  gateway would be one more class with the same ``send``.

Those files are named after the message and its registration
(``<time>-<message id>-r<registration id>-<kind>``), so erasing a registration deletes
them too (:func:`remove_copies`).
"""
import glob
import logging
import os
import re
import smtplib
from email import policy as email_policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, make_msgid

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import OutboxMessage
from ..models.types import utcnow
from ..text import xml_safe

log = logging.getLogger(__name__)


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
