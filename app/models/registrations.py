"""Residents' registrations (no account) and the messages sent to them."""
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import PERSONAL, UTCDateTime, one_of, utcnow

REGISTRATION_STATUSES = ("confirmed", "waitlisted", "cancelled", "attended")
# What a resident may ask for (``access_needs``, a JSON list) and say they heard from
# (``heard_from``, "" when they did not say).
ACCESS_NEEDS = ("asl", "cart", "wheelchair", "large_print", "other")
HEARD_FROM = ("flyer", "friend", "social", "community_group", "school", "library", "city", "other")
# What residents tell when they register, and what they (or an organizer, correcting the
# record) may change later. A change that does not carry one of these keeps its stored value.
REGISTRATION_DETAILS = (
    "name", "email", "phone", "preferred_language", "interpretation_language", "childcare_needed", "children_count",
    "children_ages", "access_needs", "access_other", "dietary", "heard_from", "consent_followup",
)
OUTBOX_CHANNELS = ("email", "sms")
OUTBOX_STATUSES = ("pending", "sent", "failed")


class Registration(db.Model):
    __tablename__ = "registrations"
    __table_args__ = (
        one_of("status", REGISTRATION_STATUSES),
        CheckConstraint("children_count >= 0", name="children_not_negative"),
        # One registration per contact per session; erased rows have NULL contacts. The first
        # also serves every look-up by session (its leading column): no index of its own.
        UniqueConstraint("session_id", "email_key"),
        UniqueConstraint("session_id", "phone_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("listening_sessions.id", ondelete="CASCADE"))
    name: Mapped[str | None] = mapped_column(String(200), nullable=True, info=PERSONAL)
    email: Mapped[str | None] = mapped_column(String(254), nullable=True, info=PERSONAL)
    phone: Mapped[str | None] = mapped_column(String(40), nullable=True, info=PERSONAL)
    # Normalised contact (lower-case e-mail, digits of a phone) for duplicate checks.
    email_key: Mapped[str | None] = mapped_column(String(254), nullable=True, info=PERSONAL)
    phone_key: Mapped[str | None] = mapped_column(String(40), nullable=True, info=PERSONAL)
    preferred_language: Mapped[str] = mapped_column(String(10), info=PERSONAL)
    interpretation_language: Mapped[str | None] = mapped_column(String(10), nullable=True, info=PERSONAL)
    childcare_needed: Mapped[bool] = mapped_column(default=False, info=PERSONAL)
    children_count: Mapped[int] = mapped_column(Integer, default=0, info=PERSONAL)
    children_ages: Mapped[list] = mapped_column(JSON, default=list, info=PERSONAL)
    access_needs: Mapped[list] = mapped_column(JSON, default=list, info=PERSONAL)  # e.g. ["asl", "wheelchair"]
    access_other: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    dietary: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    heard_from: Mapped[str] = mapped_column(String(40), default="", info=PERSONAL)
    consent_followup: Mapped[bool] = mapped_column(default=False, info=PERSONAL)
    status: Mapped[str] = mapped_column(String(20))
    walk_in: Mapped[bool] = mapped_column(default=False)
    # The table an organizer seated the person at, at the door (optional). Personal: with the
    # answers it would say what one person's table talked about; erasure folds it into counts.
    table_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_tables.id", ondelete="SET NULL"), nullable=True, info=PERSONAL)
    # SHA-256 of the secret in the manage link; the secret itself is never stored.
    manage_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The seed the link's secret is made from with SECRET_KEY (outbox.manage_token), so later
    # messages (promotion, reminder) can carry the link too. Without the key it opens nothing.
    manage_link_seed: Mapped[str | None] = mapped_column(String(64), nullable=True, info=PERSONAL)
    created_at = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    cancelled_at = mapped_column(UTCDateTime, nullable=True)
    attended_at = mapped_column(UTCDateTime, nullable=True)
    reminded_at = mapped_column(UTCDateTime, nullable=True)
    personal_data_erased_at = mapped_column(UTCDateTime, nullable=True)

    session = relationship("ListeningSession")


class OutboxMessage(db.Model):
    """A message written in the same transaction as the change it reports, sent later."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        one_of("channel", OUTBOX_CHANNELS),
        one_of("status", OUTBOX_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), default="email")
    kind: Mapped[str] = mapped_column(String(40))  # confirmation, waitlist, promoted, reminder...
    # Makes a message idempotent, e.g. "reminder:42": the same key is never queued twice.
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True, nullable=True)
    registration_id: Mapped[int | None] = mapped_column(
        ForeignKey("registrations.id", ondelete="SET NULL"), nullable=True, index=True
    )
    recipient: Mapped[str | None] = mapped_column(String(254), nullable=True, info=PERSONAL)
    language: Mapped[str] = mapped_column(String(10), default="en", info=PERSONAL)
    subject: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    body: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)  # the name, the private link
    attachment_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    attachment: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # A mail server's refusal often quotes the address.
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True, info=PERSONAL)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    next_attempt_at = mapped_column(UTCDateTime, default=utcnow)
    sent_at = mapped_column(UTCDateTime, nullable=True)


class ErasureTombstone(db.Model):
    """A registration whose personal data was erased, so that ``flask restore`` erases it again
    when an older backup brings it back. It names the row, never the person: the registration's
    id, when it was made, and a fingerprint of its manage-link hash (itself a hash of a random
    secret). The same record is appended to a file outside the database (``ERASURE_TOMBSTONES``),
    which a restore does not replace; see app/services/registration/erasure.py."""

    __tablename__ = "erasure_tombstones"
    __table_args__ = (UniqueConstraint("registration_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the tombstone outlives the row (a session deleted with its registrations).
    registration_id: Mapped[int] = mapped_column(Integer)
    registered_at = mapped_column(UTCDateTime, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(20))  # request (staff), self (the resident), retention
    erased_at = mapped_column(UTCDateTime, default=utcnow)
