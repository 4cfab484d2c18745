"""Writing a resident's message: the subject, the text and the .ics in the resident's
language, the manage link (``manage_token``: ``HMAC(SECRET_KEY, seed)``, so the database alone
holds no working link), and ``render``, which turns a queued row's envelope (``PENDING``)
into what a sender sends. app/platform/outbox.py queues and sends them."""
import base64
import hashlib
import hmac
import json
import secrets
from types import SimpleNamespace

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from .. import bidi, i18n
from ..extensions import db
from ..models import ListeningSession, Registration
from ..text import xml_safe
from . import ics
from .errors import NotFound
from .localized import pick

# The body of a message that is not rendered yet starts with this, followed by JSON.
PENDING = "[heard:render-when-sent]"
# kind -> f(registration, session, language) -> more template context (e.g. services.policy.digests).
EXTRA_CONTEXT = {}


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
