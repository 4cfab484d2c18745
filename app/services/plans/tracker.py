"""What the public plan tracker shows: the plan as written (goal -> strategy -> action), each
measure with its chart, progress and readings, each action's status history and when it was
last reviewed, and the log of quarterly reviews. Read only."""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import ActionItem, ActionPlan, Measure, PlanReview
from .. import NotFound
from ..content import translations
from ..reports.texts import Translator
from . import measures as plan_measures
from . import reviews as plan_reviews
from . import structure

# The content units the tracker may show (kind, model attribute), for the Translator.
UNIT_FIELDS = {
    "goal": (("goal.title", "title"),),
    "strategy": (("strategy.title", "title"),),
    "item": (("action.action_step", "action_step"), ("action.departments", "departments"),
             ("action.owner", "owner"), ("action.partners", "partners"), ("action.progress_note", "progress_note")),
    "measure": (("measure.name", "name"), ("measure.unit", "unit")),
    "reading": (("reading.source", "source"),),
    "change": (("status.note", "note"),),
    "review": (("review.participants", "participants"), ("review.summary", "summary")),
    "entry": (("review_item.reason", "reason"),),
}


@dataclass
class MeasureView:
    measure: object
    progress: object  # plan_measures.Progress
    chart: object  # plan_measures.Chart or None
    rows: list  # (kind "baseline" / "reading" / "target", date, value, expected, reading or None)


@dataclass
class PlanTracker:
    plan: object
    tree: list
    measures: dict  # {measure id: MeasureView}
    last_reviewed: date | None
    item_reviewed: dict  # {item id: date}
    overdue_review: dict  # {item id: last review or None}
    reviews: list
    counts: dict  # {progress status: number of measures}


def plan_links(language):
    """[(plan, its title as a Text in ``language``)] for the list of plans on the tracker."""
    plans = db.session.scalars(select(ActionPlan).order_by(ActionPlan.id)).all()
    return [(plan, Translator(language, plan.engagement.default_language,
                              live_keys=[translations.unit_key("plan.title", plan.id)])("plan.title", plan.id,
                                                                                       plan.title))
            for plan in plans]


def get_plan(plan_id):
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.id == plan_id).options(
        selectinload(ActionPlan.items).selectinload(ActionItem.status_changes),
        selectinload(ActionPlan.items).selectinload(ActionItem.measures).selectinload(Measure.readings),
        selectinload(ActionPlan.goals), selectinload(ActionPlan.strategies),
        selectinload(ActionPlan.reviews).selectinload(PlanReview.entries)))
    if plan is None:
        raise NotFound(str(plan_id))
    return plan


def _measure_view(measure, today, rtl):
    result = plan_measures.measure_progress(measure, today)
    baseline = (measure.baseline_on, measure.baseline_value)
    target = (measure.target_on, measure.target_value)
    has_path = None not in baseline and None not in target

    def expected(day):
        return plan_measures.expected_on(day, baseline, target) if has_path and day else None

    rows = []
    if measure.baseline_value is not None:
        rows.append(("baseline", measure.baseline_on, measure.baseline_value, None, None))
    rows += [("reading", r.taken_on, r.value, expected(r.taken_on), r) for r in measure.readings]
    if measure.target_value is not None:
        rows.append(("target", measure.target_on, measure.target_value, None, None))
    return MeasureView(measure, result, plan_measures.chart(measure, rtl), rows)


def tracker(plan, today=None, rtl=False):
    today = today or date.today()
    tree = structure.tree(plan)
    views = {m.id: _measure_view(m, today, rtl) for m in all_measures(plan)}
    counts = {}
    for view in views.values():
        counts[view.progress.status] = counts.get(view.progress.status, 0) + 1
    return PlanTracker(plan=plan, tree=tree, measures=views, last_reviewed=plan_reviews.last_reviewed(plan),
                       item_reviewed=plan_reviews.item_reviews(plan),
                       overdue_review=plan_reviews.overdue_for_review(plan, today),
                       reviews=list(plan.reviews), counts=counts)


def all_measures(plan):
    return ([m for goal in plan.goals for m in goal.measures] + [m for s in plan.strategies for m in s.measures]
            + [m for item in plan.items for m in item.measures])


def _objects(plan):
    yield "goal", plan.goals
    yield "strategy", plan.strategies
    yield "item", plan.items
    measures = all_measures(plan)
    yield "measure", measures
    yield "reading", [r for m in measures for r in m.readings]
    yield "change", [c for item in plan.items for c in item.status_changes]
    yield "review", plan.reviews
    yield "entry", [e for review in plan.reviews for e in review.entries]


def translator(plan, language):
    """A Translator for every text of the plan the tracker shows."""
    keys = [translations.unit_key("plan.title", plan.id)]
    for name, rows in _objects(plan):
        keys += [translations.unit_key(kind, row.id) for row in rows for kind, _attr in UNIT_FIELDS[name]]
    return Translator(language, plan.engagement.default_language, live_keys=keys)
