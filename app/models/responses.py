"""The city's response to a reviewed theme ("you said, we did")."""
from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

# The one list of response states: the check constraint and the labels are built from it.
RESPONSE_STATES = ("adopted", "partly_adopted", "not_adopted", "under_consideration")


class ThemeResponse(db.Model):
    """One theme's answer: what the city decided, why in plain words, who answers for it, and
    (while under consideration) when a decision is due. The clauses and actions that carry it
    out are the theme's confirmed ThemeLinks."""

    __tablename__ = "theme_responses"
    __table_args__ = (one_of("state", RESPONSE_STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), unique=True)
    state: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text, default="")  # staff-authored; translated as "response.reason"
    answered_by: Mapped[str] = mapped_column(String(200), default="")  # office or role, shown publicly
    decision_due = mapped_column(Date, nullable=True)
    first_answered_at = mapped_column(UTCDateTime, default=utcnow)  # for "days from session to answer"
    updated_at = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    theme = relationship("Theme")
