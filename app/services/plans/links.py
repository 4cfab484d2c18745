"""Theme links to any level of a plan: besides a resolution clause or an action item, a theme
can be linked by hand to a plan's goal or strategy. The analysis suggests links to clauses and
actions only; what a person links to a goal or a strategy is shown under it on the public plan
tracker, from the latest published version of each report (what the public was shown)."""
from sqlalchemy import select

from ...extensions import db
from ...models import ActionItem, ActionPlan, ResolutionClause
from ...models.plan_monitoring import PlanGoal, PlanStrategy
from ..content import translations

# form key kind -> (model, ThemeLink column)
TARGETS = {
    "clause": (ResolutionClause, "clause_id"),
    "action": (ActionItem, "action_item_id"),
    "goal": (PlanGoal, "goal_id"),
    "strategy": (PlanStrategy, "strategy_id"),
}


def engagement_of(target):
    """The engagement a clause, action item, goal or strategy belongs to."""
    if isinstance(target, ResolutionClause):
        return target.resolution.engagement_id
    return target.plan.engagement_id


def level_choices(engagement_id):
    """``[(form key, text)]`` for every goal and strategy of the engagement's plans, in plan order."""
    plans = db.session.scalars(select(ActionPlan).where(ActionPlan.engagement_id == engagement_id)
                               .order_by(ActionPlan.id)).all()
    out = []
    for plan in plans:
        for goal in sorted(plan.goals, key=lambda g: (g.position, g.id)):
            out.append((f"goal:{goal.id}", " ".join(p for p in (goal.number, goal.title) if p)))
        for strategy in sorted(plan.strategies, key=lambda s: (s.position, s.id)):
            out.append((f"strategy:{strategy.id}", " ".join(p for p in (strategy.number, strategy.title) if p)))
    return out


def snapshot_entry(link):
    """What a report version freezes of a confirmed link to a goal or strategy (None otherwise)."""
    level = link.goal if link.goal_id else link.strategy if link.strategy_id else None
    if level is None:
        return None
    return {"kind": "goal" if link.goal_id else "strategy", "id": level.id, "plan_id": level.plan_id,
            "number": level.number, "title": level.title, "stance": link.stance or ""}


def tracker_themes(plan):
    """{("goal" or "strategy", id): [theme]} for the plan's levels, from the latest version of each
    published report; a theme is {"label", "report_id", "theme_id", "stance", "source_language",
    "labels"} as on /progress (shown with reports.theme_label)."""
    from ..reports import snapshots  # reports freezes snapshot_entry's output: import it late

    found = {}
    for report in snapshots.published_reports():
        version = snapshots.latest_version(report)
        snapshot = (version.snapshot or {}) if version is not None else {}
        frozen = snapshot.get("translations") or {}
        source_language = (snapshot.get("engagement") or {}).get("default_language") or "en"
        for theme in snapshot.get("themes", []):
            key = translations.unit_key("theme.label", theme["id"])
            labels = {code: texts[key] for code, texts in frozen.items() if key in texts}
            for level in theme.get("plan_levels", []):
                if level.get("plan_id") != plan.id:
                    continue
                found.setdefault((level["kind"], level["id"]), []).append({
                    "label": theme["label"], "report_id": report.id, "theme_id": theme["id"],
                    "stance": level.get("stance", ""), "source_language": source_language, "labels": labels})
    return found
