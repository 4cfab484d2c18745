"""A plan's shape (goal -> strategy -> action item, each level optional), who is accountable
for an action, its timeline, and the history of its status.

An action's ``goal`` text stays on the row for the pages and reports that read it; its goal
row (``goal_ref``) is what the plan tracker groups by. Numbers are the plan's own and sort
naturally (1.2 before 1.10, see ``policy.natural_key``).
"""
import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...models import ACTION_STATUSES, ActionPlan, ActionStatusChange, PlanGoal, PlanStrategy
from ...platform import audit
from ...text import clean_text
from .. import ServiceError, get_or_not_found

MAX_OWNER, MAX_PARTNERS = 200, 300
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def quarter_bounds(quarter):
    """(first day, last day) of "2027-Q2"; None for anything else."""
    match = QUARTER.match(quarter or "")
    if not match:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    first_month, last_month = 3 * number - 2, 3 * number
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def quarter_of(day):
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


# -- levels ------------------------------------------------------------------------------------

def find_or_create_goal(plan, number, title):
    """The plan's goal with this number (or, without one, this title); created when missing."""
    number, title = (number or "").strip()[:40], clean_text(title or "").strip()
    for goal in plan.goals:
        if (goal.number == number) if number else (goal.title == title):
            if title and not goal.title:
                goal.title = title
            return goal
    goal = PlanGoal(number=number, title=title, position=len(plan.goals) + 1)
    plan.goals.append(goal)
    return goal


def find_or_create_strategy(plan, goal, number, title):
    number, title = (number or "").strip()[:40], clean_text(title or "").strip()
    for strategy in plan.strategies:
        same_goal = strategy.goal is goal
        if same_goal and ((number and strategy.number == number) or (not number and strategy.title == title)):
            return strategy
    strategy = PlanStrategy(number=number, title=title, goal=goal, position=len(plan.strategies) + 1)
    plan.strategies.append(strategy)
    return strategy


# -- status history ----------------------------------------------------------------------------

def record_status(actor, item, before, after, note=""):
    """A row of the item's public status history when its status changed (``before`` None:
    the item is new). Caller commits."""
    if before == after:
        return None
    change = ActionStatusChange(from_status=before, to_status=after, changed_by_id=getattr(actor, "id", None),
                                note=clean_text(note or "").strip()[:2000])
    item.status_changes.append(change)
    return change


def set_status(actor, item, status, note=""):
    if status not in ACTION_STATUSES:
        raise ServiceError(_("Choose a status."), field="status")
    before = item.status
    item.status = status
    change = record_status(actor, item, before, status, note)
    audit.record(actor, "action.status", item, status_before=before, status=status)
    db.session.commit()
    return change


# -- who and when ------------------------------------------------------------------------------

def update_details(actor, item, *, owner="", partners="", starts_on=None, deadline=None, quarter="",
                   strategy_id=None):
    """The item's owner, partners and timeline (a start and end date, or a quarter)."""
    quarter = (quarter or "").strip().upper()
    if quarter:
        bounds = quarter_bounds(quarter)
        if bounds is None:
            raise ServiceError(_("Write the quarter as 2027-Q2."), field="quarter")
        starts_on, deadline = bounds
    if starts_on and deadline and deadline < starts_on:
        raise ServiceError(_("The end date must not come before the start date."), field="deadline")
    strategy = None
    if strategy_id:
        strategy = db.session.get(PlanStrategy, strategy_id)
        if strategy is None or strategy.plan_id != item.plan_id:
            raise ServiceError(_("Choose a strategy of this plan."), field="strategy")
    item.owner = clean_text(owner or "").strip()[:MAX_OWNER]
    item.partners = clean_text(partners or "").strip()[:MAX_PARTNERS]
    item.starts_on, item.deadline, item.quarter = starts_on, deadline, quarter
    item.strategy = strategy
    if strategy is not None and strategy.goal is not None:
        item.goal_ref, item.goal = strategy.goal, strategy.goal.title
    audit.record(actor, "action.details", item)
    db.session.commit()
    return item


def get_plan(plan_id):
    return get_or_not_found(ActionPlan, plan_id)


def plans():
    return db.session.scalars(select(ActionPlan).order_by(ActionPlan.id)).all()


# -- the tree the tracker shows ----------------------------------------------------------------

@dataclass
class StrategyNode:
    strategy: object
    items: list = field(default_factory=list)


@dataclass
class GoalNode:
    goal: object  # None: the actions filed under no goal
    strategies: list = field(default_factory=list)
    items: list = field(default_factory=list)  # the goal's actions under no strategy


def tree(plan):
    """[GoalNode] in plan order; actions under no goal come last, in a node whose goal is None."""
    nodes = {goal.id: GoalNode(goal) for goal in plan.goals}
    loose = GoalNode(None)
    strategy_nodes = {}
    for strategy in plan.strategies:
        node = StrategyNode(strategy)
        strategy_nodes[strategy.id] = node
        (nodes.get(strategy.goal_id) or loose).strategies.append(node)
    for item in plan.items:
        if item.strategy_id in strategy_nodes:
            strategy_nodes[item.strategy_id].items.append(item)
        else:
            (nodes.get(item.goal_id) or loose).items.append(item)
    result = list(nodes.values())
    if loose.items or loose.strategies:
        result.append(loose)
    return result


def is_structured(plan):
    return bool(plan.goals or plan.strategies)


def item_label(item):
    """How a review or an export names an item: its number, else the start of its text."""
    return item.number or (item.action_step[:60] + ("…" if len(item.action_step) > 60 else ""))
