"""Coverage of a run's open themes by policy: themes x resolution clauses and themes x action
items, from the confirmed links, and what is left to link (``gaps_only``)."""
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import ActionItem, ActionPlan, Resolution, ResolutionClause, ThemeLink
from .theme_review import open_themes


@dataclass
class Coverage:
    themes: list
    clauses: list  # ResolutionClause, with .resolution loaded, in resolution order
    actions: list  # ActionItem, with .plan loaded, in plan order
    # (theme id, "clause" or "action", target id) -> the confirmed link's stance ("" if none given)
    stances: dict

    def cell(self, theme, kind, target):
        return self.stances.get((theme.id, kind, target.id))

    def themes_without(self, kind):
        answered = {theme_id for theme_id, k, _i in self.stances if k == kind}
        return [t for t in self.themes if t.id not in answered]

    @property
    def unanswered_themes(self):
        """Themes no resolution clause answers."""
        return self.themes_without("clause")

    @property
    def unspoken_clauses(self):
        """Clauses no theme spoke to."""
        spoken = {i for _t, kind, i in self.stances if kind == "clause"}
        return [c for c in self.clauses if c.id not in spoken]

    @property
    def unspoken_actions(self):
        spoken = {i for _t, kind, i in self.stances if kind == "action"}
        return [a for a in self.actions if a.id not in spoken]

    # What the matrices show: everything, or with ``gaps_only`` the rows no theme spoke to and
    # the themes nothing of that kind answers (what is left to link).
    gaps_only: bool = False
    resolutions: list = field(default_factory=list)  # the engagement's, for the filter
    plans: list = field(default_factory=list)

    def rows(self, kind):
        if kind == "clause":
            return self.unspoken_clauses if self.gaps_only else self.clauses
        return self.unspoken_actions if self.gaps_only else self.actions

    def columns(self, kind):
        return self.themes_without(kind) if self.gaps_only else self.themes


def coverage(run, *, resolution_id=None, plan_id=None, gaps_only=False):
    """Confirmed links of the run's open themes to the engagement's clauses and actions, of one
    resolution and one plan when asked."""
    themes = open_themes(run)
    resolutions = list(db.session.scalars(
        select(Resolution).where(Resolution.engagement_id == run.engagement_id).order_by(Resolution.id)))
    plans = list(db.session.scalars(
        select(ActionPlan).where(ActionPlan.engagement_id == run.engagement_id).order_by(ActionPlan.id)))
    clause_query = (select(ResolutionClause).join(Resolution).where(Resolution.engagement_id == run.engagement_id)
                    .options(selectinload(ResolutionClause.resolution))
                    .order_by(Resolution.id, ResolutionClause.position))
    if resolution_id is not None:
        clause_query = clause_query.where(Resolution.id == resolution_id)
    action_query = (select(ActionItem).join(ActionPlan).where(ActionPlan.engagement_id == run.engagement_id)
                    .options(selectinload(ActionItem.plan)).order_by(ActionPlan.id, ActionItem.position))
    if plan_id is not None:
        action_query = action_query.where(ActionPlan.id == plan_id)
    clauses = list(db.session.scalars(clause_query))
    actions = list(db.session.scalars(action_query))
    stances = {}
    if themes:
        for link in db.session.scalars(select(ThemeLink).where(and_(
                ThemeLink.theme_id.in_([t.id for t in themes]), ThemeLink.status == "confirmed"))):
            if link.clause_id:
                stances[(link.theme_id, "clause", link.clause_id)] = link.stance or ""
            elif link.action_item_id:
                stances[(link.theme_id, "action", link.action_item_id)] = link.stance or ""
    return Coverage(themes=themes, clauses=clauses, actions=actions, stances=stances, gaps_only=gaps_only,
                    resolutions=resolutions, plans=plans)
