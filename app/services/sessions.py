"""Listening sessions as residents see them, and the short-lived cache of the public list."""
import itertools
import time
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..models import Engagement, EngagementTranslation, ListeningSession, SessionTranslation
from ..models.types import utcnow
from .content import Localized, pick


@dataclass
class SessionView:
    """A session as shown in one language. Its translated content is looked up when a page
    first asks for it: a registration that succeeds renders nothing and reads none."""

    session: ListeningSession
    language: str
    now: datetime

    @cached_property
    def content(self) -> Localized | None:
        return _pick_session_content(self.session, self.language)

    @cached_property
    def engagement_name(self) -> Localized | None:
        engagement = self.session.engagement
        return pick(engagement.translations, self.language, engagement.default_language)

    @property
    def seats_left(self):
        return max(self.session.capacity - self.session.seats_taken, 0)

    @property
    def is_past(self):
        return self.session.ends_at <= self.now

    @property
    def is_cancelled(self):
        return self.session.status == "cancelled"

    @property
    def is_full(self):
        return self.seats_left == 0

    def text(self, name):
        """One translated field, falling back field by field to the default language:
        ``(text, language, is_fallback)``; ``("", None, False)`` when no language has it."""
        if self.content and getattr(self.content, name):
            return getattr(self.content, name), self.content.language, self.content.is_fallback
        default = self.session.engagement.default_language
        rows = sorted(self.session.translations, key=lambda t: (t.language != default, t.language != "en"))
        for row in rows:
            if getattr(row, name):
                return getattr(row, name), row.language, True
        return "", None, False

    @property
    def registration_open(self):
        s = self.session
        if s.status != "published" or self.is_past:
            return False
        if s.registration_opens_at and self.now < s.registration_opens_at:
            return False
        if s.registration_closes_at and self.now >= s.registration_closes_at:
            return False
        return True


def view(session, language, now=None):
    return SessionView(session=session, language=language, now=now or utcnow())


def _pick_session_content(session, language):
    """``pick`` over the session's translations. When they are not loaded yet (one session's
    page), only the rows ``pick`` can choose first are read: the page's language, the
    engagement's default and English. All rows are read only when none of those exists."""
    default = session.engagement.default_language
    if "translations" in sa_inspect(session).unloaded and session.id is not None:
        rows = db.session.scalars(select(SessionTranslation).where(
            SessionTranslation.session_id == session.id,
            SessionTranslation.language.in_(sorted({language, default, "en"})),
        )).all()
        if rows:
            return pick(rows, language, default)
    return pick(session.translations, language, default)


def public_sessions(language, include_past=False, now=None):
    """Published and cancelled sessions, soonest first; past ones only when asked."""
    now = now or utcnow()
    query = (
        select(ListeningSession)
        .where(ListeningSession.status.in_(("published", "cancelled", "closed")))
        .options(
            selectinload(ListeningSession.translations),
            selectinload(ListeningSession.engagement).selectinload(Engagement.translations),
        )
        .order_by(ListeningSession.starts_at)
    )
    if not include_past:
        query = query.where(ListeningSession.ends_at > now)
    return [view(s, language, now) for s in db.session.scalars(query)]


def public_session(slug):
    """A session residents may see (published, cancelled or closed); None for drafts.
    One query (the session with its engagement); translations are read when a page shows
    them (see :class:`SessionView`)."""
    return db.session.scalar(
        select(ListeningSession)
        .where(ListeningSession.slug == slug,
               ListeningSession.status.in_(("published", "cancelled", "closed")))
        .options(joinedload(ListeningSession.engagement))
    )


# --- the public list cache -----------------------------------------------------------------
#
# The session list and the home page are what a rush of residents loads first. Each web
# process keeps their rendering per language for ``HEARD_PUBLIC_CACHE_SECONDS`` (default 5;
# 0 turns the cache off). A commit in this process that changes a session, its translations,
# its engagement or its seats (``seats_taken`` is changed by UPDATE statements, watched too)
# empties it at once; changes made by other processes show within the TTL. So "seats left"
# is never older than the TTL, and a resident who just registered sees their seat gone.

DEFAULT_CACHE_SECONDS = 5
_WATCHED = (ListeningSession, SessionTranslation, Engagement, EngagementTranslation)
_DIRTY = "heard_public_list_dirty"
_generations = itertools.count(1)
_generation = [next(_generations)]


def _touches_list(objects):
    return any(isinstance(obj, _WATCHED) for obj in objects)


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session, _context):
    if _touches_list(session.new) or _touches_list(session.dirty) or _touches_list(session.deleted):
        session.info[_DIRTY] = True


@event.listens_for(OrmSession, "do_orm_execute")
def _on_execute(state):
    if (state.is_update or state.is_delete or state.is_insert) and state.bind_mapper is not None \
            and issubclass(state.bind_mapper.class_, _WATCHED):
        state.session.info[_DIRTY] = True


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session):
    if session.info.pop(_DIRTY, False):
        invalidate_public_pages()


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session):
    session.info.pop(_DIRTY, None)


def invalidate_public_pages():
    """Forget every cached public page in this process (all apps, all languages)."""
    _generation[0] = next(_generations)


def cached_public_page(key, build):
    """``build()``'s result for ``key`` (e.g. page, language), shared by anonymous visitors of
    this process for at most ``HEARD_PUBLIC_CACHE_SECONDS``, and never across a session change
    committed here."""
    ttl = current_app.config.get("HEARD_PUBLIC_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    if not ttl or ttl <= 0:
        return build()
    cache = current_app.extensions.setdefault("heard_public_pages", {})
    generation, now = _generation[0], time.monotonic()  # read before building: a change
    entry = cache.get(key)                             # committed meanwhile wins next time
    if entry is not None and entry[0] == generation and now - entry[1] < ttl:
        return entry[2]
    value = build()
    cache[key] = (generation, now, value)
    return value
