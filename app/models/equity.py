"""Who was heard: the optional questions an engagement asks at registration, the answers
(linked to a registration until its personal data goes), the counts they fold into, and the
organizer's baseline for each answer.

Answers live apart from contact details. Erasure (app/services/registration/erasure.py) folds a
registration's answers into :class:`EquityCount` (question, answer, table, attended: no
person, no time) and deletes them: what survives is a count."""
from sqlalchemy import CheckConstraint, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import PERSONAL, UTCDateTime, one_of, utcnow

# The questions Heard provides; services/equity/questions.py holds their wording and answers.
QUESTION_KINDS = ("district", "age", "ethnicity", "first_meeting", "language")


class EquityQuestion(db.Model):
    """A question an engagement asks (each kind once)."""

    __tablename__ = "equity_questions"
    __table_args__ = (
        UniqueConstraint("engagement_id", "kind"),
        one_of("kind", QUESTION_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    options = relationship("EquityOption", back_populates="question", cascade="all, delete-orphan",
                           order_by="EquityOption.position")


class EquityOption(db.Model):
    """An answer the organizer wrote (the districts): its label is content, translated through
    services/content/translations.py (kind ``equity.option``)."""

    __tablename__ = "equity_options"
    __table_args__ = (UniqueConstraint("question_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("equity_questions.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)

    question = relationship("EquityQuestion", back_populates="options")


class EquityAnswer(db.Model):
    """One answer of one registration (several rows for a question that allows several)."""

    __tablename__ = "equity_answers"
    __table_args__ = (UniqueConstraint("registration_id", "question_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    registration_id: Mapped[int] = mapped_column(ForeignKey("registrations.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("equity_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(40))
    # What the resident wrote when they describe themselves another way; never folded.
    described: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)


class EquityCount(db.Model):
    """Answers of registrations whose personal data is gone, as counts: per question, answer,
    table the people sat at (if any) and whether they attended."""

    __tablename__ = "equity_counts"
    __table_args__ = (CheckConstraint("people >= 0", name="people_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("equity_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(40))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("session_tables.id", ondelete="SET NULL"), nullable=True)
    attended: Mapped[bool] = mapped_column(default=False)
    people: Mapped[int] = mapped_column(Integer, default=0)


class EquityBaseline(db.Model):
    """The share of an answer in the population the engagement wants to hear (census shares by
    district, for example), with its source and year."""

    __tablename__ = "equity_baselines"
    __table_args__ = (
        UniqueConstraint("question_id", "value"),
        CheckConstraint("share >= 0 AND share <= 1", name="share_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("equity_questions.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(40))
    share: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(300), default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
