"""Reminders before a session: one message per confirmed registration, queued once."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ...extensions import db
from ...models import ListeningSession, Registration
from ...models.types import utcnow
from ...platform import outbox


def queue_reminders(now=None, hours=None):
    """Queue one reminder per confirmed registration for sessions starting within ``hours``
    (``REMINDER_HOURS_BEFORE``). Idempotent: ``reminded_at`` and the outbox dedupe key make a
    second run queue nothing. Returns the new message ids."""
    now = now or utcnow()
    hours = current_app.config["REMINDER_HOURS_BEFORE"] if hours is None else hours
    due = db.session.scalars(
        select(Registration).join(ListeningSession, Registration.session_id == ListeningSession.id).where(
            ListeningSession.status == "published",
            ListeningSession.starts_at > now,
            ListeningSession.starts_at <= now + timedelta(hours=hours),
            Registration.status == "confirmed",
            Registration.reminded_at.is_(None),
            Registration.personal_data_erased_at.is_(None),
        ).order_by(Registration.id)
    ).all()
    message_ids = []
    for registration in due:
        claimed = db.session.execute(
            update(Registration).where(Registration.id == registration.id, Registration.reminded_at.is_(None))
            .values(reminded_at=now).execution_options(synchronize_session=False)
        ).rowcount
        if not claimed:
            continue
        message = outbox.queue("reminder", registration, registration.session,
                               dedupe_key=f"reminder:{registration.id}", link_seed=registration.manage_link_seed)
        if message:
            message_ids.append(message.id)
    db.session.commit()
    return message_ids
