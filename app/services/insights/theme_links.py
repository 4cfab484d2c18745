"""Links from a theme to policy: people confirm a suggested link with a stance (supports,
raises a concern, suggests a change), reject it, or link a theme by hand to a clause or to a
goal, strategy or action of a plan of its own engagement. Every decision records who made it."""
from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...ids import parse_id
from ...models import ResolutionClause, ThemeLink
from ...models.plans import LINK_STANCES, LINK_STATUSES
from ...platform import audit
from .. import ServiceError
from ..plans import links
from . import link_suggestions


def _stance(stance):
    if stance not in LINK_STANCES:
        raise ServiceError(_("Choose how the theme bears on it: supports, raises a concern or suggests a change."),
                           field="stance")
    return stance


def decide_link(actor, link_id, decision, stance=None, theme=None):
    """Confirm a suggested link with a stance, reject it, or send it back to suggested."""
    link = db.session.get(ThemeLink, link_id)
    if link is None or decision not in LINK_STATUSES or (
            theme is not None and link.theme_id != theme.id):
        raise ServiceError(_("That link no longer exists."))
    link.stance = _stance(stance) if decision == "confirmed" else None
    link.status = decision
    link.decided_by_id = actor.id
    audit.record(actor, "link." + decision, link, stance=link.stance)
    db.session.commit()
    return link


def link_candidates(theme):
    """Clauses and action items ranked for this theme, for a person to link by hand:
    ``[(form key, text, score)]``."""
    out = []
    for target, score in link_suggestions.rank_for_theme(theme, theme.run.engagement_id, top=10):
        if isinstance(target, ResolutionClause):
            out.append((f"clause:{target.id}", f"{target.label} {target.text}".strip(), score))
        else:
            out.append((f"action:{target.id}", f"{target.number} {target.action_step}".strip(), score))
    return out


def add_link(actor, theme, target_key, stance=None):
    """Link the theme by hand to ``target_key``: "clause:<id>", "action:<id>", "goal:<id>" or
    "strategy:<id>", a target of the theme's own engagement; the link is confirmed at once."""
    kind, _sep, raw_id = (target_key or "").partition(":")
    target_id = parse_id(raw_id)
    if target_id is None or kind not in links.TARGETS:
        raise ServiceError(_("Choose a clause, or a goal, strategy or action of a plan."), field="target")
    stance = _stance(stance)
    model, column = links.TARGETS[kind]
    target = db.session.get(model, target_id)
    if target is None or links.engagement_of(target) != theme.run.engagement_id:
        raise ServiceError(_("Choose a clause, or a goal, strategy or action of a plan."), field="target")
    link = db.session.scalar(select(ThemeLink).where(ThemeLink.theme_id == theme.id,
                                                     getattr(ThemeLink, column) == target.id))
    if link is None:
        link = ThemeLink(theme_id=theme.id, **{column: target.id})
        db.session.add(link)
    link.status, link.stance, link.decided_by_id = "confirmed", stance, actor.id
    db.session.flush()
    audit.record(actor, "link.add", link, stance=stance)
    db.session.commit()
    return link


