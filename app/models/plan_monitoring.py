"""The shape of an action plan beyond its action items, and how people monitor it.

Plan -> goal -> strategy -> action item, each level optional (an item may have no strategy,
or no goal). Measures of success hang on a goal, a strategy or an action; readings record
their values over time. Status changes of an action and quarterly reviews are kept as
records, shown on the public tracker.
"""
from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

MEASURE_DIRECTIONS = ("up", "down")  # which way is better
REVIEW_ADJUSTMENTS = ("none", "deadline", "owner", "split", "dropped")


class PlanGoal(db.Model):
    __tablename__ = "plan_goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(Text)

    plan = relationship("ActionPlan", back_populates="goals")
    measures = relationship("Measure", back_populates="goal", order_by="Measure.position")


class PlanStrategy(db.Model):
    __tablename__ = "plan_strategies"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_goals.id", ondelete="SET NULL"), nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(Text)

    plan = relationship("ActionPlan", back_populates="strategies")
    goal = relationship("PlanGoal")
    measures = relationship("Measure", back_populates="strategy", order_by="Measure.position")


class ActionStatusChange(db.Model):
    """One change of an action's status: who, when, from what to what, and why."""

    __tablename__ = "action_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    changed_at = mapped_column(UTCDateTime, default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: the item was created
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")

    item = relationship("ActionItem", back_populates="status_changes")
    changed_by = relationship("User")


class Measure(db.Model):
    """A measure of success of exactly one goal, strategy or action."""

    __tablename__ = "plan_measures"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN strategy_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN action_item_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        one_of("direction", MEASURE_DIRECTIONS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_goals.id", ondelete="CASCADE"), nullable=True)
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("plan_strategies.id", ondelete="CASCADE"),
                                                    nullable=True)
    action_item_id: Mapped[int | None] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"),
                                                       nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(4), default="up")
    baseline_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    baseline_on = mapped_column(Date, nullable=True)
    target_value: Mapped[float | None] = mapped_column(Float, nullable=True)
    target_on = mapped_column(Date, nullable=True)

    goal = relationship("PlanGoal", back_populates="measures")
    strategy = relationship("PlanStrategy", back_populates="measures")
    item = relationship("ActionItem", back_populates="measures")
    readings = relationship("MeasureReading", back_populates="measure", cascade="all, delete-orphan",
                            order_by="(MeasureReading.taken_on, MeasureReading.id)")


class MeasureReading(db.Model):
    __tablename__ = "measure_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(ForeignKey("plan_measures.id", ondelete="CASCADE"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("plan_reviews.id", ondelete="SET NULL"), nullable=True)
    value: Mapped[float] = mapped_column(Float)
    taken_on = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    created_at = mapped_column(UTCDateTime, default=utcnow)

    measure = relationship("Measure", back_populates="readings")


class PlanReview(db.Model):
    """A quarterly review: measure, act, evaluate, adjust."""

    __tablename__ = "plan_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    held_on = mapped_column(Date)
    participants: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    plan = relationship("ActionPlan", back_populates="reviews")
    entries = relationship("PlanReviewItem", back_populates="review", cascade="all, delete-orphan",
                           order_by="PlanReviewItem.id")


class PlanReviewItem(db.Model):
    """What a review found and changed for one action."""

    __tablename__ = "plan_review_items"
    __table_args__ = (
        one_of("adjustment", REVIEW_ADJUSTMENTS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("plan_reviews.id", ondelete="CASCADE"), index=True)
    action_item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    adjustment: Mapped[str] = mapped_column(String(20), default="none")
    reason: Mapped[str] = mapped_column(Text, default="")

    review = relationship("PlanReview", back_populates="entries")
    item = relationship("ActionItem")
