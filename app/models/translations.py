"""Translations of what organizers and analysts write for the public, in one table.

One row per (kind, object, language): ``kind`` names the text ("report.title",
"theme.statement", "action.departments", ...; the list is ``services.content.translations.KINDS``),
``object_id`` the row it belongs to. ``source_hash`` is the hash of the source text the
translator saw: when the source changes, the translation is stale until someone looks again.
"""

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class ContentTranslation(db.Model):
    __tablename__ = "content_translations"
    __table_args__ = (
        UniqueConstraint("kind", "object_id", "language"),
        Index("ix_content_translations_language_kind", "language", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, default="")
    source_hash: Mapped[str] = mapped_column(String(64), default="")
    # "person" (typed in the workspace), "vendor" (imported from a file), "draft" (a first
    # draft nobody has reviewed yet, such as the demo's).
    origin: Mapped[str] = mapped_column(String(20), default="person")
    translated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )
    translated_at = mapped_column(UTCDateTime, default=utcnow)

    translated_by = relationship("User")
