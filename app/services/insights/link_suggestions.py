"""Which policy (resolution clauses, action items) a theme may speak to: the engagement's
targets, ranked for each theme by the analysis library. People decide; these are suggestions."""
from sqlalchemy import select

from ...extensions import db
from ...models import ActionItem, ActionPlan, Resolution, ResolutionClause
from . import bridge

LINKS_PER_THEME = 3
MIN_LINK_SCORE = 0.05


def policy_targets(engagement_id):
    """Resolution clauses and action items of an engagement, as (key, text, object)."""
    targets = []
    for clause in db.session.scalars(
        select(ResolutionClause).join(Resolution).where(Resolution.engagement_id == engagement_id)
        .order_by(Resolution.id, ResolutionClause.position)
    ):
        targets.append((f"c{clause.id}", clause.text, clause))
    for item in db.session.scalars(
        select(ActionItem).join(ActionPlan).where(ActionPlan.engagement_id == engagement_id)
        .order_by(ActionPlan.id, ActionItem.position)
    ):
        targets.append((f"a{item.id}", f"{item.goal}. {item.action_step}", item))
    return targets


def rank_links(engagement, found_themes):
    """Per theme (library themes, or stored ones), suggested policy targets: [(object, score)]."""
    targets = policy_targets(engagement.id)
    if not targets or not found_themes:
        return [[] for _theme in found_themes]
    objects = {key: obj for key, _text, obj in targets}
    ranked = bridge.rank_targets(found_themes, targets, top=LINKS_PER_THEME)
    return [[(objects[key], score) for key, score in suggestions if score >= MIN_LINK_SCORE]
            for suggestions in ranked]


def rank_for_theme(theme, engagement_id, top=5):
    """Policy targets for one theme as reviewers relabel it: [(object, score)]."""
    targets = policy_targets(engagement_id)
    if not targets:
        return []
    objects = {key: obj for key, _text, obj in targets}
    ranked = bridge.rank_targets([theme], targets, top=top)[0]
    return [(objects[key], score) for key, score in ranked]
