"""Resolutions and action plans: what the city commits to, and its progress.

Reviewers link themes to these clauses and actions; the public progress tracker shows the
actions' status. Organizers keep them current here.
"""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import ACTION_STATUSES, ActionItem, ActionPlan, Engagement, Resolution, ResolutionClause
from . import ServiceError, audit


def overview():
    """Every engagement with its resolutions (and clauses) and action plans (and items)."""
    engagements = db.session.scalars(
        select(Engagement).options(selectinload(Engagement.translations)).order_by(Engagement.id)
    ).all()
    resolutions = db.session.scalars(
        select(Resolution).options(selectinload(Resolution.clauses)).order_by(Resolution.id)
    ).all()
    plans = db.session.scalars(
        select(ActionPlan).options(selectinload(ActionPlan.items)).order_by(ActionPlan.id)
    ).all()
    return engagements, resolutions, plans


def parse_clauses(text):
    """One clause per line; "Section 2: text" keeps "Section 2" as the clause's label."""
    clauses = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        label, sep, rest = line.partition(":")
        if sep and rest.strip() and len(label) <= 40:
            clauses.append((label.strip(), rest.strip()))
        else:
            clauses.append(("", line))
    return clauses


def add_resolution(actor, *, engagement_id, number, title, adopted_on, clauses_text):
    if db.session.get(Engagement, engagement_id) is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    clauses = parse_clauses(clauses_text)
    if not clauses:
        raise ServiceError(_("Write at least one clause, one per line."), field="clauses")
    resolution = Resolution(engagement_id=engagement_id, number=(number or "").strip()[:40],
                            title=title.strip()[:300], adopted_on=adopted_on)
    for position, (label, text) in enumerate(clauses, start=1):
        resolution.clauses.append(ResolutionClause(position=position, label=label[:40], text=text))
    db.session.add(resolution)
    db.session.flush()
    audit.record(actor, "resolution.create", resolution, clauses=len(clauses))
    db.session.commit()
    return resolution


def add_action(actor, *, engagement_id, plan_title, goal, action_step, departments, status, deadline):
    if db.session.get(Engagement, engagement_id) is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    _check_status(status)
    plan_title = (plan_title or "").strip() or _("Action plan")
    plan = db.session.scalar(select(ActionPlan).where(
        ActionPlan.engagement_id == engagement_id, ActionPlan.title == plan_title[:300]))
    if plan is None:
        plan = ActionPlan(engagement_id=engagement_id, title=plan_title[:300])
        db.session.add(plan)
        db.session.flush()
    item = ActionItem(plan_id=plan.id, position=len(plan.items) + 1, goal=goal.strip(),
                      action_step=action_step.strip(), departments=(departments or "").strip()[:300],
                      status=status, deadline=deadline)
    db.session.add(item)
    db.session.flush()
    audit.record(actor, "action.create", item)
    db.session.commit()
    return item


def get_action(item_id):
    item = db.session.get(ActionItem, item_id)
    if item is None:
        raise LookupError(item_id)
    return item


def update_action(actor, item, *, goal, action_step, departments, status, deadline, progress_note):
    _check_status(status)
    before = item.status
    item.goal, item.action_step = goal.strip(), action_step.strip()
    item.departments = (departments or "").strip()[:300]
    item.status, item.deadline = status, deadline
    item.progress_note = (progress_note or "").strip()
    audit.record(actor, "action.update", item, status_before=before, status=status)
    db.session.commit()
    return item


def _check_status(status):
    if status not in ACTION_STATUSES:
        raise ServiceError(_("Choose a status."), field="status")


def is_overdue(item, today=None):
    return bool(item.deadline and item.status not in ("complete", "excluded") and item.deadline < (today or date.today()))
