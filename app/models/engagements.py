"""A city's listening process and its sessions, tables and prompts, with translations."""
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

SESSION_STATUSES = ("draft", "published", "cancelled", "closed")


class Engagement(db.Model):
    __tablename__ = "engagements"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    default_language: Mapped[str] = mapped_column(String(10), default="en")
    organization: Mapped[str] = mapped_column(String(200), default="")
    # IANA name of the zone every date Heard shows for this engagement is in; None: the
    # HEARD_DEFAULT_TIMEZONE setting.
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    translations = relationship(
        "EngagementTranslation", back_populates="engagement", cascade="all, delete-orphan"
    )
    sessions = relationship("ListeningSession", back_populates="engagement", order_by="ListeningSession.starts_at")


class EngagementTranslation(db.Model):
    __tablename__ = "engagement_translations"
    __table_args__ = (UniqueConstraint("engagement_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")

    engagement = relationship("Engagement", back_populates="translations")


class ListeningSession(db.Model):
    __tablename__ = "listening_sessions"
    __table_args__ = (
        one_of("status", SESSION_STATUSES),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        # Residents never get a seat beyond capacity (the conditional UPDATE in registrations);
        # an organizer may seat someone beyond it at the door (roster), so no upper bound here.
        CheckConstraint("seats_taken >= 0", name="seats_not_negative"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    starts_at = mapped_column(UTCDateTime, nullable=False)
    ends_at = mapped_column(UTCDateTime, nullable=False)
    timezone: Mapped[str] = mapped_column(String(64))
    venue_name: Mapped[str] = mapped_column(String(200))
    venue_address: Mapped[str] = mapped_column(String(300))
    capacity: Mapped[int] = mapped_column(Integer)
    # Confirmed and attended registrations; changed only by conditional UPDATEs so no seat is
    # sold twice. Above ``capacity`` only when an organizer seated someone beyond it.
    seats_taken: Mapped[int] = mapped_column(Integer, default=0)
    registration_opens_at = mapped_column(UTCDateTime, nullable=True)
    registration_closes_at = mapped_column(UTCDateTime, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # App language codes with an interpreter on site, e.g. ["es", "hmn"].
    interpretation_languages: Mapped[list] = mapped_column(JSON, default=list)
    childcare_offered: Mapped[bool] = mapped_column(default=False)
    wheelchair_accessible: Mapped[bool] = mapped_column(default=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    engagement = relationship("Engagement", back_populates="sessions")
    translations = relationship("SessionTranslation", back_populates="session", cascade="all, delete-orphan")
    tables = relationship("SessionTable", back_populates="session", cascade="all, delete-orphan",
                          order_by="SessionTable.position")
    prompts = relationship("Prompt", back_populates="session", cascade="all, delete-orphan", order_by="Prompt.position")


class SessionTranslation(db.Model):
    __tablename__ = "session_translations"
    __table_args__ = (UniqueConstraint("session_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("listening_sessions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    directions: Mapped[str] = mapped_column(Text, default="")
    access_info: Mapped[str] = mapped_column(Text, default="")

    session = relationship("ListeningSession", back_populates="translations")


class SessionTable(db.Model):
    __tablename__ = "session_tables"
    __table_args__ = (UniqueConstraint("session_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    position: Mapped[int] = mapped_column(Integer, default=0)
    language: Mapped[str | None] = mapped_column(String(10), nullable=True)

    session = relationship("ListeningSession", back_populates="tables")
    assignments = relationship("NotetakerAssignment", back_populates="table", cascade="all, delete-orphan")


class Prompt(db.Model):
    __tablename__ = "prompts"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    session = relationship("ListeningSession", back_populates="prompts")
    translations = relationship("PromptTranslation", back_populates="prompt", cascade="all, delete-orphan")


class PromptTranslation(db.Model):
    __tablename__ = "prompt_translations"
    __table_args__ = (UniqueConstraint("prompt_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("prompts.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)

    prompt = relationship("Prompt", back_populates="translations")
