"""Listening sessions as residents see them."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Engagement, ListeningSession
from ..models.types import utcnow
from .content import Localized, pick


@dataclass
class SessionView:
    session: ListeningSession
    content: Localized | None
    engagement_name: Localized | None
    now: datetime

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
    engagement = session.engagement
    return SessionView(
        session=session,
        content=pick(session.translations, language, engagement.default_language),
        engagement_name=pick(engagement.translations, language, engagement.default_language),
        now=now or utcnow(),
    )


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
    """A session residents may see (published, cancelled or closed); None for drafts."""
    return db.session.scalar(
        select(ListeningSession)
        .where(ListeningSession.slug == slug,
               ListeningSession.status.in_(("published", "cancelled", "closed")))
        .options(
            selectinload(ListeningSession.translations),
            selectinload(ListeningSession.engagement).selectinload(Engagement.translations),
        )
    )
