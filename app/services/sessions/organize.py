"""Organizers create, edit, publish and cancel sessions."""
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ... import timezones
from ...extensions import db
from ...models import (
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Prompt,
    PromptTranslation,
    Registration,
    SessionTable,
    SessionTranslation,
)
from ...platform import audit, outbox
from .. import NotFound, ServiceError, get_or_not_found
from ..registration import registrations

TRANSLATED_FIELDS = ("title", "description", "directions", "access_info")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def engagements():
    return list(db.session.scalars(
        select(Engagement).options(selectinload(Engagement.translations)).order_by(Engagement.created_at)))


def get_engagement(engagement_id):
    """The engagement; ``NotFound`` when there is none."""
    return get_or_not_found(Engagement, engagement_id)


_KEEP = object()  # update_engagement: leave the time zone as it is


def _timezone(name):
    """An IANA zone name, or None for the HEARD_DEFAULT_TIMEZONE setting; ServiceError otherwise."""
    name = (name or "").strip()
    if not name:
        return None
    if not timezones.is_valid(name):
        raise ServiceError(_("Use a time zone name such as America/Los_Angeles."), field="timezone")
    return name


def create_engagement(actor, slug, default_language, names, organization="", descriptions=None, timezone=None):
    """``names``: {language: name}; ``descriptions``: {language: text}, optional; ``timezone``:
    an IANA name (empty: the HEARD_DEFAULT_TIMEZONE setting)."""
    slug = (slug or "").strip().lower()
    if not SLUG.match(slug):
        raise ServiceError(_("Use lowercase letters, numbers and hyphens only."), field="slug")
    if db.session.scalar(select(Engagement.id).where(Engagement.slug == slug)) is not None:
        raise ServiceError(_("Another engagement already uses this web address."), field="slug")
    engagement = Engagement(slug=slug, default_language=default_language, organization=(organization or "").strip(),
                            timezone=_timezone(timezone))
    _set_names(engagement, names, descriptions or {})
    db.session.add(engagement)
    db.session.flush()
    audit.record(actor, "engagement.create", engagement)
    db.session.commit()
    return engagement


def update_engagement(actor, engagement, default_language, names, organization="", descriptions=None,
                      timezone=_KEEP):
    if timezone is not _KEEP:
        engagement.timezone = _timezone(timezone)
    engagement.default_language = default_language
    engagement.organization = (organization or "").strip()
    _set_names(engagement, names, descriptions or {})
    audit.record(actor, "engagement.update", engagement)
    db.session.commit()
    return engagement


def _set_names(engagement, names, descriptions):
    """Name (and description) per language; the default language needs a name."""
    names = {code: (name or "").strip() for code, name in names.items()}
    if not names.get(engagement.default_language):
        raise ServiceError(_("Give the engagement a name in its default language."), field="name")
    rows = {row.language: row for row in engagement.translations}
    for code, name in names.items():
        description = (descriptions.get(code) or "").strip()
        row = rows.get(code)
        if not name:
            if row is not None:
                engagement.translations.remove(row)
            continue
        if row is None:
            engagement.translations.append(EngagementTranslation(language=code, name=name[:200],
                                                                 description=description))
        else:
            row.name, row.description = name[:200], description


def get_session(session_id):
    """The session with what its pages show; ``NotFound`` when there is none."""
    session = db.session.scalar(
        select(ListeningSession).where(ListeningSession.id == session_id).options(
            selectinload(ListeningSession.translations),
            selectinload(ListeningSession.tables),
            selectinload(ListeningSession.prompts).selectinload(Prompt.translations),
            selectinload(ListeningSession.engagement).selectinload(Engagement.translations),
        )
    )
    if session is None:
        raise NotFound(_("We could not find this session."))
    return session


def missing_languages(session):
    """Offered languages with no translation row: residents see the default language."""
    have = {t.language for t in session.translations}
    return [code for code in current_app.config["HEARD_LANGUAGES"] if code not in have]


def _check(values, session=None):
    slug = (values.get("slug") or "").strip().lower()
    if not SLUG.match(slug) or len(slug) > 80:
        raise ServiceError(_("Use lower-case letters, numbers and hyphens for the web address."), "slug")
    clash = db.session.scalar(select(ListeningSession.id).where(ListeningSession.slug == slug))
    if clash and (session is None or clash != session.id):
        raise ServiceError(_("Another session already uses this web address."), "slug")
    try:
        ZoneInfo(values["timezone"])
    except (ZoneInfoNotFoundError, ValueError, KeyError):
        raise ServiceError(_("Choose a time zone from the list."), "timezone") from None
    starts, ends = values["starts_at"], values["ends_at"]
    if ends <= starts:
        raise ServiceError(_("The session must end after it starts."), "ends_at")
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    if opens and closes and closes <= opens:
        raise ServiceError(_("Registration must close after it opens."), "registration_closes_at")
    capacity = values["capacity"]
    if capacity is None or capacity < 0 or capacity > 100_000:
        raise ServiceError(_("Capacity must be a number from 0 to 100,000."), "capacity")
    # Lowering it below the seats taken is refused; keeping it is not, also when an organizer
    # seated people beyond it at the door.
    if session is not None and capacity < session.seats_taken and capacity < session.capacity:
        raise ServiceError(_("%(num)d people already hold a seat: capacity cannot be lower.",
                             num=session.seats_taken), "capacity")
    languages = values.get("interpretation_languages") or []
    offered = current_app.config["HEARD_LANGUAGES"]
    values["interpretation_languages"] = [code for code in offered if code in languages]
    values["slug"] = slug
    return values


def _apply(session, values, translations, tables, prompts):
    for key in ("slug", "starts_at", "ends_at", "timezone", "venue_name", "venue_address", "capacity",
                "registration_opens_at", "registration_closes_at", "interpretation_languages",
                "childcare_offered", "wheelchair_accessible"):
        if key in values:
            setattr(session, key, values[key])
    # Translations: one row per language with a title; a language left empty is removed.
    by_language = {t.language: t for t in session.translations}
    for code, fields in translations.items():
        title = registrations.clean_text(fields.get("title"))[:200]
        row = by_language.get(code)
        if not title:
            if row is not None:
                session.translations.remove(row)
            continue
        if row is None:
            row = SessionTranslation(language=code, title=title)
            session.translations.append(row)
        row.title = title
        for name in TRANSLATED_FIELDS[1:]:
            setattr(row, name, registrations.clean_text(fields.get(name), multiline=True)[:5000])
    if not session.translations:
        raise ServiceError(_("Give the session a title in at least one language."), "title")
    if tables is not None:
        names = []
        for name in tables:
            name = registrations.clean_text(name)[:80]
            if name and name not in names:
                names.append(name)
        existing = {t.name: t for t in session.tables}
        for table in list(session.tables):
            if table.name not in names:
                session.tables.remove(table)
        for position, name in enumerate(names, start=1):
            table = existing.get(name)
            if table is None:
                table = SessionTable(name=name)
                session.tables.append(table)
            table.position = position
    if prompts is not None:
        # prompts: list of {language: text}, in order.
        for prompt in list(session.prompts):
            session.prompts.remove(prompt)
        db.session.flush()
        for position, texts in enumerate(prompts, start=1):
            texts = {code: registrations.clean_text(text, multiline=True)[:2000] for code, text in texts.items()}
            texts = {code: text for code, text in texts.items() if text}
            if not texts:
                continue
            prompt = Prompt(position=position)
            for code, text in texts.items():
                prompt.translations.append(PromptTranslation(language=code, text=text))
            session.prompts.append(prompt)


def create_session(actor, engagement_id, values, translations, tables=(), prompts=()):
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        raise ServiceError(_("Choose an engagement."), "engagement_id")
    values = _check(dict(values))
    session = ListeningSession(engagement=engagement, status="draft", seats_taken=0, slug=values["slug"],
                               starts_at=values["starts_at"], ends_at=values["ends_at"],
                               timezone=values["timezone"], venue_name="", venue_address="", capacity=0)
    db.session.add(session)
    _apply(session, values, translations, list(tables), list(prompts))
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise ServiceError(_("Another session already uses this web address."), "slug") from None
    audit.record(actor, "session.create", session)
    db.session.commit()
    return session


def update_session(actor, session_id, values, translations, tables=None, prompts=None):
    session = get_session(session_id)
    values = _check(dict(values), session)
    grew = values["capacity"] > session.capacity
    _apply(session, values, translations, tables, prompts)
    db.session.flush()
    message_ids = []
    if grew and session.status == "published":
        message_ids = [mid for _r, mid in registrations.promote(session.id)]
    audit.record(actor, "session.update", session)
    db.session.commit()
    return session, message_ids


def publish(actor, session_id):
    session = get_session(session_id)
    if session.status not in ("draft", "closed"):
        raise ServiceError(_("Only a draft or closed session can be published."))
    session.status = "published"
    audit.record(actor, "session.publish", session)
    db.session.commit()
    return session


def close(actor, session_id):
    session = get_session(session_id)
    if session.status != "published":
        raise ServiceError(_("Only a published session can be closed."))
    session.status = "closed"
    audit.record(actor, "session.close", session)
    db.session.commit()
    return session


def cancel(actor, session_id):
    """Cancel the session and tell everyone registered (each once)."""
    session = get_session(session_id)
    if session.status == "cancelled":
        raise ServiceError(_("This session is already cancelled."))
    session.status = "cancelled"
    message_ids = []
    people = db.session.scalars(select(Registration).where(
        Registration.session_id == session.id, Registration.status.in_(("confirmed", "waitlisted"))))
    for registration in people:
        message = outbox.queue("session_cancelled", registration, session,
                               dedupe_key=f"session_cancelled:{registration.id}")
        if message:
            message_ids.append(message.id)
    audit.record(actor, "session.cancel", session, notified=len(message_ids))
    db.session.commit()
    return session, message_ids
