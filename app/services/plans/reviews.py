"""Quarterly reviews of an action plan: measure, act, evaluate, adjust.

A review is a record: its date, who took part, a summary, and for each action reviewed its
status then, new readings of its measures, and what was adjusted (deadline moved, owner
changed, split, dropped) and why. Recording a review applies what it decided: the status
(with a line in the status history), a moved deadline, a new owner; a dropped action is
"excluded". Actions still open and not reviewed for more than a quarter are flagged.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

from ...extensions import db
from ...models import ACTION_CLOSED, ACTION_STATUSES, REVIEW_ADJUSTMENTS, PlanReview, PlanReviewItem
from ...platform import audit
from ...text import clean_text
from .. import ServiceError, get_or_not_found
from . import measures as plan_measures
from . import structure

QUARTER_DAYS = 92
MAX_TEXT = 5000


@dataclass
class Entry:
    """What a review decided about one action (the form's row, or a demo's)."""

    item_id: int
    status: str
    adjustment: str = "none"
    reason: str = ""
    deadline: date | None = None  # the new deadline, when the adjustment moves it
    owner: str = ""  # the new owner, when the adjustment changes it
    readings: dict = field(default_factory=dict)  # {measure id: value}


def _check(plan, held_on, entries, today):
    if held_on is None:
        raise ServiceError(_("Give the date of the review."), field="held_on")
    if held_on > today:
        raise ServiceError(_("The review's date cannot be in the future."), field="held_on")
    items = {item.id: item for item in plan.items}
    if not entries:
        raise ServiceError(_("Review at least one action."), field="entries")
    for entry in entries:
        item = items.get(entry.item_id)
        if item is None:
            raise ServiceError(_("Choose actions of this plan."), field="entries")
        if entry.status not in ACTION_STATUSES:
            raise ServiceError(_("Choose a status."), field="entries")
        if entry.adjustment not in REVIEW_ADJUSTMENTS:
            raise ServiceError(_("Choose what was adjusted."), field="entries")
        if entry.adjustment != "none" and not clean_text(entry.reason or "").strip():
            raise ServiceError(_("Say why action %(item)s was adjusted.", item=structure.item_label(item)),
                               field="entries")
        if entry.adjustment == "deadline" and entry.deadline is None:
            raise ServiceError(_("Give the new deadline of action %(item)s.", item=structure.item_label(item)),
                               field="entries")
        if entry.adjustment == "owner" and not clean_text(entry.owner or "").strip():
            raise ServiceError(_("Name the new owner of action %(item)s.", item=structure.item_label(item)),
                               field="entries")
        measures = {m.id for m in item.measures}
        if set(entry.readings) - measures:
            raise ServiceError(_("Choose measures of this action."), field="entries")
    return items


def record_review(actor, plan, *, held_on, participants="", summary="", entries=(), today=None):
    """Store a review of ``plan`` and apply what it decided. Raises ServiceError."""
    entries = list(entries)
    items = _check(plan, held_on, entries, today or date.today())
    review = PlanReview(held_on=held_on, participants=clean_text(participants or "").strip()[:MAX_TEXT],
                        summary=clean_text(summary or "").strip()[:MAX_TEXT], recorded_by_id=getattr(actor, "id", None))
    plan.reviews.append(review)
    db.session.flush()
    for entry in entries:
        item = items[entry.item_id]
        reason = clean_text(entry.reason or "").strip()[:MAX_TEXT]
        status = "excluded" if entry.adjustment == "dropped" else entry.status
        review.entries.append(PlanReviewItem(action_item_id=item.id, status=status, adjustment=entry.adjustment,
                                             reason=reason))
        if entry.adjustment == "deadline":
            item.deadline, item.quarter = entry.deadline, ""
        elif entry.adjustment == "owner":
            item.owner = clean_text(entry.owner).strip()[:structure.MAX_OWNER]
        before = item.status
        item.status = status
        structure.record_status(actor, item, before, status, reason)
        for measure in item.measures:
            if measure.id in entry.readings and entry.readings[measure.id] not in (None, ""):
                plan_measures.new_reading(measure, value=entry.readings[measure.id], taken_on=held_on,
                                          review=review)
    audit.record(actor, "plan.review", plan, review=review.id, items=len(entries))
    db.session.commit()
    return review


# -- reading -----------------------------------------------------------------------------------

def last_reviewed(plan):
    """The date of the plan's latest review, or None."""
    return max((review.held_on for review in plan.reviews), default=None)


def item_reviews(plan):
    """{item id: the date it was last reviewed}."""
    found = {}
    for review in plan.reviews:
        for entry in review.entries:
            if entry.action_item_id not in found or review.held_on > found[entry.action_item_id]:
                found[entry.action_item_id] = review.held_on
    return found


def overdue_for_review(plan, today=None):
    """{item id: last review date or None} of the open actions not reviewed for more than a
    quarter: since their last review, or since they were added to the plan (the first line
    of their status history) when no review has looked at them yet."""
    today = today or date.today()
    reviewed = item_reviews(plan)
    limit = today - timedelta(days=QUARTER_DAYS)
    flagged = {}
    for item in plan.items:
        if item.status in ACTION_CLOSED:
            continue
        since = reviewed.get(item.id)
        if since is None and item.status_changes and item.status_changes[0].changed_at is not None:
            since = item.status_changes[0].changed_at.date()
        if since is None or since < limit:
            flagged[item.id] = reviewed.get(item.id)
    return flagged


def get_review(review_id):
    return get_or_not_found(PlanReview, review_id)
