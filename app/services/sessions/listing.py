"""Listening sessions as residents see them, and the short-lived cache of the public list."""
import itertools
import time
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from flask import current_app
from sqlalchemy import bindparam, event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import joinedload, selectinload

from ...extensions import db
from ...models import (
    ContentTranslation,
    Engagement,
    EngagementTranslation,
    EquityOption,
    EquityQuestion,
    ListeningSession,
    SessionTranslation,
)
from ...models.types import utcnow
from ...platform.localized import Localized, pick
from .. import NotFound


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
    """A session residents may see (published, cancelled or closed); ``NotFound`` for drafts
    and unknown slugs. One query (the session with its engagement); translations are read
    when a page shows them (see :class:`SessionView`)."""
    session = db.session.scalar(
        select(ListeningSession)
        .where(ListeningSession.slug == slug,
               ListeningSession.status.in_(("published", "cancelled", "closed")))
        .options(joinedload(ListeningSession.engagement))
    )
    if session is None:
        raise NotFound(slug)
    return session


@dataclass(frozen=True)
class SessionSummary:
    """What the registration form needs to know about a session before anything is shown:
    whether it takes registrations and which interpreters it offers."""

    id: int
    slug: str
    status: str
    starts_at: datetime
    ends_at: datetime
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    interpretation_languages: tuple


_SUMMARY = select(*(ListeningSession.__table__.c[name] for name in SessionSummary.__dataclass_fields__)).where(
    ListeningSession.slug == bindparam("slug"),
    ListeningSession.status.in_(("published", "cancelled", "closed")),
)


def session_summary(slug):
    """The :class:`SessionSummary` of a public session (``NotFound`` for drafts and unknown
    slugs), from the public cache: at most ``HEARD_PUBLIC_CACHE_SECONDS`` old, and never older than
    a change committed in this process. Only for deciding what to show: the registration
    itself reads the session again under the write lock."""
    def load():
        row = db.session.execute(_SUMMARY, {"slug": slug}).one_or_none()
        if row is None:
            return None
        values = row._asdict()
        values["interpretation_languages"] = tuple(values["interpretation_languages"] or ())
        return SessionSummary(**values)

    summary = cached_public_page(("summary", slug), load, seats=False)
    if summary is None:
        raise NotFound(slug)
    return summary


# --- the public list cache -----------------------------------------------------------------
#
# The session list and the home page are what a rush of residents loads first. Each web
# process keeps their rendering per language for ``HEARD_PUBLIC_CACHE_SECONDS`` (default 5;
# 0 turns the cache off). A commit in this process that changes a session, its translations,
# its engagement, the engagement's equity questions or options (the registration form shows
# them), a content translation (their options' labels) or its seats (the seat UPDATEs call
# :func:`seats_changed`) empties it at once; changes made by other processes show within the
# TTL. So "seats left" is never older than the TTL, and a resident who just registered sees
# their seat gone. The session summaries and the equity questions of the registration form
# hold no seats: a seat change keeps them.

DEFAULT_CACHE_SECONDS = 5
_WATCHED = (ListeningSession, SessionTranslation, Engagement, EngagementTranslation, EquityQuestion, EquityOption,
            ContentTranslation)
_DIRTY = "heard_public_list_dirty"  # session.info: "seats" (only seats_taken changed) or "all"
_generations = itertools.count(1)
_generation = [next(_generations)]  # any change: pages show seats left
_definition = [next(_generations)]  # a change other than seats: see session_summary


def _touches_list(objects):
    return any(isinstance(obj, _WATCHED) for obj in objects)


def _mark(session, what):
    if session.info.get(_DIRTY) != "all":
        session.info[_DIRTY] = what


@event.listens_for(OrmSession, "after_flush")
def _after_flush(session, _context):
    if _touches_list(session.new) or _touches_list(session.dirty) or _touches_list(session.deleted):
        _mark(session, "all")


@event.listens_for(OrmSession, "do_orm_execute")
def _on_execute(state):
    if (state.is_update or state.is_delete or state.is_insert) and state.bind_mapper is not None \
            and issubclass(state.bind_mapper.class_, _WATCHED):
        _mark(state.session, "all")


def seats_changed():
    """Call when the transaction changes ``seats_taken`` with a plain UPDATE (not seen by
    the ORM): its commit empties the cached pages, which show seats left."""
    _mark(db.session(), "seats")


@event.listens_for(OrmSession, "after_commit")
def _after_commit(session):
    what = session.info.pop(_DIRTY, None)
    if what:
        invalidate_public_pages(seats_only=what == "seats")


@event.listens_for(OrmSession, "after_rollback")
def _after_rollback(session):
    session.info.pop(_DIRTY, None)


def invalidate_public_pages(seats_only=False):
    """Forget every cached public page in this process (all apps, all languages); with
    ``seats_only``, keep the session summaries, which do not show seats."""
    _generation[0] = next(_generations)
    if not seats_only:
        _definition[0] = next(_generations)


def cached_public_page(key, build, seats=True):
    """``build()``'s result for ``key`` (e.g. page, language), shared by anonymous visitors of
    this process for at most ``HEARD_PUBLIC_CACHE_SECONDS``, and never across a session change
    committed here (``seats=False``: across a change other than seats taken)."""
    ttl = current_app.config.get("HEARD_PUBLIC_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
    if not ttl or ttl <= 0:
        return build()
    cache = current_app.extensions.setdefault("heard_public_pages", {})
    generation, now = (_generation if seats else _definition)[0], time.monotonic()  # read before building:
    entry = cache.get(key)                                   # a change committed meanwhile wins next time
    if entry is not None and entry[0] == generation and now - entry[1] < ttl:
        return entry[2]
    value = build()
    cache[key] = (generation, now, value)
    return value
