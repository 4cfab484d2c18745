"""Resolutions, action plans, and the links from themes to them; reports."""
from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, one_of, utcnow

# The statuses city action plans use; closed items (done, or dropped from the plan) are never
# overdue, late or due for review.
ACTION_STATUSES = ("not_started", "planning", "in_progress", "ongoing", "complete", "excluded")
ACTION_CLOSED = ("complete", "excluded")
LINK_STATUSES = ("suggested", "confirmed", "rejected")
LINK_STANCES = ("supports", "concern", "change")
REPORT_STATUSES = ("draft", "published")


class Resolution(db.Model):
    __tablename__ = "resolutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(300))
    adopted_on = mapped_column(Date, nullable=True)

    engagement = relationship("Engagement")

    clauses = relationship("ResolutionClause", back_populates="resolution", cascade="all, delete-orphan",
                           order_by="ResolutionClause.position")


class ResolutionClause(db.Model):
    __tablename__ = "resolution_clauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    label: Mapped[str] = mapped_column(String(40), default="")  # "Section 2(b)"
    kind: Mapped[str] = mapped_column(String(20), default="")  # "whereas", "resolved", "section" or ""
    text: Mapped[str] = mapped_column(Text)

    resolution = relationship("Resolution", back_populates="clauses")


class ActionPlan(db.Model):
    __tablename__ = "action_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))

    engagement = relationship("Engagement")
    items = relationship("ActionItem", back_populates="plan", cascade="all, delete-orphan",
                         order_by="ActionItem.position")
    goals = relationship("PlanGoal", back_populates="plan", cascade="all, delete-orphan",
                         order_by="PlanGoal.position")
    strategies = relationship("PlanStrategy", back_populates="plan", cascade="all, delete-orphan",
                              order_by="PlanStrategy.position")
    reviews = relationship("PlanReview", back_populates="plan", cascade="all, delete-orphan",
                           order_by="(PlanReview.held_on.desc(), PlanReview.id.desc())")


class ActionItem(db.Model):
    __tablename__ = "action_items"
    __table_args__ = (
        one_of("status", ACTION_STATUSES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("action_plans.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    number: Mapped[str] = mapped_column(String(40), default="")  # the plan's own numbering, e.g. "1.3.2"
    goal: Mapped[str] = mapped_column(Text)  # the goal's text, kept for the older pages and reports
    action_step: Mapped[str] = mapped_column(Text)
    departments: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    deadline = mapped_column(Date, nullable=True)
    progress_note: Mapped[str] = mapped_column(Text, default="")
    updated_at = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    # Where the item sits in the plan (app/models/plan_monitoring.py); both optional.
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_goals.id", ondelete="SET NULL"), nullable=True)
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("plan_strategies.id", ondelete="SET NULL"),
                                                    nullable=True)
    owner: Mapped[str] = mapped_column(String(200), default="", server_default="")  # a role or a name
    partners: Mapped[str] = mapped_column(String(300), default="", server_default="")
    starts_on = mapped_column(Date, nullable=True)  # the deadline is the timeline's end
    quarter: Mapped[str] = mapped_column(String(7), default="", server_default="")  # "2027-Q2", when set so

    plan = relationship("ActionPlan", back_populates="items")
    goal_ref = relationship("PlanGoal")
    strategy = relationship("PlanStrategy")
    measures = relationship("Measure", back_populates="item", order_by="Measure.position")
    status_changes = relationship("ActionStatusChange", back_populates="item", cascade="all, delete-orphan",
                                  order_by="(ActionStatusChange.changed_at, ActionStatusChange.id)")


class ThemeLink(db.Model):
    """A theme tied to one target: a resolution clause, or a plan's goal, strategy or action item.
    Suggestions are made for clauses and actions; goals and strategies are linked by a person."""

    __tablename__ = "theme_links"
    __table_args__ = (
        CheckConstraint(
            "(CASE WHEN clause_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN action_item_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN strategy_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_target",
        ),
        one_of("status", LINK_STATUSES),
        one_of("stance", LINK_STANCES, nullable=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    clause_id: Mapped[int | None] = mapped_column(ForeignKey("resolution_clauses.id", ondelete="CASCADE"),
                                                  nullable=True)
    action_item_id: Mapped[int | None] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), nullable=True)
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("plan_goals.id", ondelete="CASCADE"), nullable=True)
    strategy_id: Mapped[int | None] = mapped_column(ForeignKey("plan_strategies.id", ondelete="CASCADE"),
                                                    nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="suggested")
    # How the theme bears on the clause or action, set when a person confirms the link.
    stance: Mapped[str | None] = mapped_column(String(20), nullable=True)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    theme = relationship("Theme")
    clause = relationship("ResolutionClause")
    action_item = relationship("ActionItem")
    goal = relationship("PlanGoal")
    strategy = relationship("PlanStrategy")

    @property
    def kind(self):
        """"clause", "action", "goal" or "strategy": what the link points at."""
        if self.clause_id:
            return "clause"
        if self.action_item_id:
            return "action"
        return "goal" if self.goal_id else "strategy"


class Report(db.Model):
    """An engagement's one "What We Heard" report; ``run_id`` is the run its draft is written from.
    Each publication (from that run or a later one) adds a :class:`ReportVersion`."""

    __tablename__ = "reports"
    __table_args__ = (one_of("status", REPORT_STATUSES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True,
                                               unique=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("analysis_runs.id", ondelete="SET NULL"), nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    introduction: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="draft")
    published_at = mapped_column(UTCDateTime, nullable=True)
    created_at = mapped_column(UTCDateTime, default=utcnow)

    versions = relationship("ReportVersion", back_populates="report", cascade="all, delete-orphan",
                            order_by="ReportVersion.number")


class ReportVersion(db.Model):
    """A published report, frozen: what the public saw on that date, whatever changes later."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    published_at = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
    # Where a version was published before migration a15b0c0de5a1 folded an engagement's reports
    # into one: /reports/<legacy_report_id>/v/<legacy_number> still leads to it.
    legacy_report_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    legacy_number: Mapped[int | None] = mapped_column(Integer, nullable=True)

    report = relationship("Report", back_populates="versions")
