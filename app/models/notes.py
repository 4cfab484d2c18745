"""Notes taken at a table, per prompt, and their edit history."""
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Note(db.Model):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("listening_sessions.id", ondelete="CASCADE"), index=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("session_tables.id", ondelete="CASCADE"), index=True)
    prompt_id: Mapped[int | None] = mapped_column(ForeignKey("prompts.id", ondelete="SET NULL"), nullable=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(10), nullable=True)
    language_detected: Mapped[bool] = mapped_column(default=False)
    translation_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    is_quote: Mapped[bool] = mapped_column(default=False)
    is_sensitive: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(20), default="capture")  # capture | import
    # Generated on the phone; the server stores each id once, so retries never duplicate.
    client_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at = mapped_column(UTCDateTime, default=utcnow)
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    deleted_at = mapped_column(UTCDateTime, nullable=True)

    session = relationship("ListeningSession")
    table = relationship("SessionTable")
    prompt = relationship("Prompt")
    author = relationship("User")
    revisions = relationship("NoteRevision", back_populates="note", cascade="all, delete-orphan",
                             order_by="NoteRevision.version")


class NoteRevision(db.Model):
    """The text of a note before each edit (and before deletion)."""

    __tablename__ = "note_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    translation_en: Mapped[str | None] = mapped_column(Text, nullable=True)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    edited_at = mapped_column(UTCDateTime, default=utcnow)

    note = relationship("Note", back_populates="revisions")
