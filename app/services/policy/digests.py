""""You said, we did": one message to each resident who asked to hear about outcomes.

Who: registrations (attended or confirmed) at a session a published report version covers,
with ``consent_followup`` set and personal data not erased or purged. When: the first time a
version of their engagement's report is published, then at most once every ``PERIOD`` when a
response or an action's status changed since their last message. What: the themes heard at
their session, the city's response to each, the actions with their current status, and links
to the public pages; rendered when sent, in their language (``outbox.EXTRA_CONTEXT``).

Delivery reuses the outbox: a digest is a row whose ``dedupe_key`` names the registration and
the change it reports, so a second run (or a second worker) queues nothing new, and the send
job's claim makes it go once. Every digest carries a one-click unsubscribe link (an HMAC of the
registration id, no account), also as RFC 8058 ``List-Unsubscribe`` headers.
"""
import base64
import hashlib
import hmac
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from ...extensions import db
from ...models import ActionItem, Note, OutboxMessage, Registration, ThemeResponse
from ...models.types import utcnow
from ...platform import audit, jobs, outbox
from .. import NotFound, get_or_not_found
from ..reports import snapshots, texts
from . import responses

PERIOD = timedelta(days=14)
KIND = "digest"


# --- Unsubscribing ---------------------------------------------------------------------------

def unsubscribe_token(registration_id):
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    digest = hmac.new(key, b"heard-unsubscribe:%d" % int(registration_id), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def unsubscribe_url(registration_id):
    base = current_app.config["HEARD_BASE_URL"].rstrip("/")
    return f"{base}/unsubscribe/{int(registration_id)}/{unsubscribe_token(registration_id)}"


def check_token(registration_id, token):
    """The registration the link names; ``NotFound`` for a wrong or stale link."""
    if not token or not hmac.compare_digest(unsubscribe_token(registration_id), token):
        raise NotFound(str(registration_id))
    return get_or_not_found(Registration, registration_id)


def unsubscribe(registration_id, token):
    """Stop "you said, we did" messages for a registration; True when the link was right
    (``NotFound`` otherwise)."""
    registration = check_token(registration_id, token)
    if registration.consent_followup:
        registration.consent_followup = False
        audit.record(None, "registration.unsubscribe", registration)
    db.session.commit()
    return True


# --- Who is due a message ------------------------------------------------------------------

def _last_change(version):
    """When what a digest reports last changed: the version, a response, an action's status."""
    snapshot = version.snapshot or {}
    theme_ids = [t["id"] for t in snapshot.get("themes", [])]
    action_ids = [a["id"] for t in snapshot.get("themes", []) for a in t.get("actions", [])]
    moments = [version.published_at]
    if theme_ids:
        moments.append(db.session.scalar(select(func.max(ThemeResponse.updated_at))
                                         .where(ThemeResponse.theme_id.in_(theme_ids))))
    if action_ids:
        moments.append(db.session.scalar(select(func.max(ActionItem.updated_at)).where(ActionItem.id.in_(action_ids))))
    return max(m for m in moments if m is not None)


def due(now=None):
    """[(registration, change time)] of the residents a digest is due to now."""
    now = now or utcnow()
    result = []
    for report in snapshots.published_reports():
        version = snapshots.latest_version(report)
        session_ids = [s["id"] for s in (version.snapshot or {}).get("sessions", [])]
        if not session_ids:
            continue
        changed = _last_change(version)
        registrations = db.session.scalars(select(Registration).where(
            Registration.session_id.in_(session_ids), Registration.consent_followup.is_(True),
            Registration.personal_data_erased_at.is_(None), Registration.status.in_(("attended", "confirmed")),
        ).order_by(Registration.id)).all()
        last = dict(db.session.execute(
            select(OutboxMessage.registration_id, func.max(OutboxMessage.created_at))
            .where(OutboxMessage.kind == KIND, OutboxMessage.registration_id.in_([r.id for r in registrations]))
            .group_by(OutboxMessage.registration_id)).all()) if registrations else {}
        for registration in registrations:
            previous = last.get(registration.id)
            if previous is None or (changed > previous and now - previous >= PERIOD):
                result.append((registration, changed))
    return result


def queue_digests(now=None):
    """Queue one digest per resident due one (idempotent); returns the new message ids."""
    ids = []
    for registration, changed in due(now):
        queued = outbox.queue(KIND, registration, registration.session,
                              dedupe_key=f"{KIND}:{registration.id}:{changed:%Y%m%d%H%M%S%f}",
                              link_seed=registration.manage_link_seed)
        if queued:
            ids.append(queued.id)
    db.session.commit()
    return ids


@jobs.handler("digests.queue")
def queue_job():
    outbox.deliver(queue_digests())


# --- What one resident reads ------------------------------------------------------------------

def trail(registration, language):
    """The themes heard at the resident's session (those of the latest published version whose
    notes include that session's), the city's current response to each, and the actions with
    their current status, in ``language``; None before a report is published."""
    session = registration.session
    report = snapshots.report_for_engagement(session.engagement_id)
    if report is None or report.status != "published" or not report.versions:
        return None
    version = snapshots.latest_version(report)
    snapshot = version.snapshot or {}
    noted = set(db.session.scalars(select(Note.id).where(Note.session_id == session.id)))
    themes = [t for t in snapshot.get("themes", []) if noted & set(t.get("note_ids", []))]
    source = (snapshot.get("engagement") or {}).get("default_language") or "en"
    tr = texts.snapshot_translator(snapshot, language)
    answers = responses.answers([t["id"] for t in themes], language, source)
    action_ids = list(dict.fromkeys(a["id"] for t in themes for a in t.get("actions", [])))
    items = {item.id: item for item in db.session.scalars(select(ActionItem).where(ActionItem.id.in_(action_ids)))}
    live = texts.Translator(language, source, live_keys=[f"action.action_step:{i}" for i in items])
    rows = []
    for theme in themes:
        actions = [{"number": items[a["id"]].number, "status": items[a["id"]].status, "id": a["id"],
                    "text": live("action.action_step", a["id"], items[a["id"]].action_step)}
                   for a in theme.get("actions", []) if a["id"] in items]
        rows.append({"id": theme["id"], "label": tr("theme.label", theme["id"], theme["label"]),
                     "answer": answers.get(theme["id"]), "actions": actions})
    base = current_app.config["HEARD_BASE_URL"].rstrip("/")
    return {"report": report, "version": version, "themes": rows, "measures": answers.measures,
            "report_url": f"{base}/reports/{report.id}", "progress_url": f"{base}/progress"}


def _context(registration, session, language):
    """The digest's template context; a resident who unsubscribed after it was queued, or a
    report unpublished meanwhile, gets nothing (the send fails and is not retried into a message)."""
    if not registration.consent_followup:
        raise NotFound("the resident no longer wants these messages")
    found = trail(registration, language)
    if found is None:
        raise NotFound("the report is not published any more")
    return {"trail": found, "unsubscribe_link": unsubscribe_url(registration.id)}


outbox.EXTRA_CONTEXT[KIND] = _context
