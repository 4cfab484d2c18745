"""The vocabulary of translation: every translatable text is a *unit* (a kind, the id of its
row, its source text in the engagement's default language), and where each kind's source
lives (``sources``). app/services/content/translations.py says how units are translated and
stored."""
import hashlib
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import (
    ActionItem,
    ActionPlan,
    ActionStatusChange,
    Engagement,
    EngagementTranslation,
    EquityOption,
    EquityQuestion,
    ListeningSession,
    Measure,
    MeasureReading,
    PlanGoal,
    PlanReview,
    PlanReviewItem,
    PlanStrategy,
    Prompt,
    PromptTranslation,
    Report,
    Resolution,
    ResolutionClause,
    SessionTranslation,
    Theme,
    ThemeResponse,
)
from .. import ServiceError

STATUSES = ("missing", "stale", "translated")
ORIGINS = ("person", "vendor", "draft")
MAX_TEXT = 10_000
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    key: str
    label: object  # a lazy string
    model: type
    attr: str
    legacy: tuple | None = None  # (translation model, its foreign key column, its field)


KINDS = {
    k.key: k
    for k in (
        Kind(
            "engagement.name",
            _l("Listening process name"),
            Engagement,
            "name",
            (EngagementTranslation, "engagement_id", "name"),
        ),
        Kind(
            "engagement.description",
            _l("Listening process description"),
            Engagement,
            "description",
            (EngagementTranslation, "engagement_id", "description"),
        ),
        Kind(
            "session.title",
            _l("Session title"),
            ListeningSession,
            "title",
            (SessionTranslation, "session_id", "title"),
        ),
        Kind(
            "session.description",
            _l("Session description"),
            ListeningSession,
            "description",
            (SessionTranslation, "session_id", "description"),
        ),
        Kind(
            "session.directions",
            _l("Directions"),
            ListeningSession,
            "directions",
            (SessionTranslation, "session_id", "directions"),
        ),
        Kind(
            "session.access_info",
            _l("Access"),
            ListeningSession,
            "access_info",
            (SessionTranslation, "session_id", "access_info"),
        ),
        Kind("prompt.text", _l("Prompt"), Prompt, "text", (PromptTranslation, "prompt_id", "text")),
        Kind("report.title", _l("Report title"), Report, "title"),
        Kind("report.introduction", _l("Report introduction"), Report, "introduction"),
        Kind("theme.label", _l("Theme name"), Theme, "label"),
        Kind("theme.statement", _l("What we heard"), Theme, "summary"),
        Kind("response.reason", _l("The city's response"), ThemeResponse, "reason"),
        Kind("response.answered_by", _l("Who answers for the response"), ThemeResponse, "answered_by"),
        Kind("resolution.title", _l("Resolution title"), Resolution, "title"),
        Kind("clause.text", _l("Clause"), ResolutionClause, "text"),
        Kind("plan.title", _l("Action plan title"), ActionPlan, "title"),
        Kind("action.goal", _l("Action goal"), ActionItem, "goal"),
        Kind("action.action_step", _l("Action"), ActionItem, "action_step"),
        Kind("action.departments", _l("Departments"), ActionItem, "departments"),
        Kind("action.progress_note", _l("Progress note"), ActionItem, "progress_note"),
        # Plans people can monitor (the plan tracker, app/services/plans/tracker.py).
        Kind("goal.title", _l("Plan goal"), PlanGoal, "title"),
        Kind("strategy.title", _l("Plan strategy"), PlanStrategy, "title"),
        Kind("action.owner", _l("Action owner"), ActionItem, "owner"),
        Kind("action.partners", _l("Action partners"), ActionItem, "partners"),
        Kind("measure.name", _l("Measure of success"), Measure, "name"),
        Kind("measure.unit", _l("Unit of a measure"), Measure, "unit"),
        Kind("reading.source", _l("Source of a reading"), MeasureReading, "source"),
        Kind("status.note", _l("Note on a status change"), ActionStatusChange, "note"),
        Kind("review.participants", _l("Who took part in a plan review"), PlanReview, "participants"),
        Kind("review.summary", _l("Plan review summary"), PlanReview, "summary"),
        Kind("review_item.reason", _l("Why a review adjusted an action"), PlanReviewItem, "reason"),
        Kind("equity.option", _l("Registration answer (district)"), EquityOption, "label"),
    )
}

# The kinds a published report's snapshot carries (its completeness counts these).
REPORT_KINDS = (
    "report.title",
    "report.introduction",
    "theme.label",
    "theme.statement",
    "clause.text",
    "action.goal",
    "action.action_step",
    "action.departments",
)


def source_hash(text):
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


def unit_key(kind, object_id):
    return f"{kind}:{object_id}"


def parse_key(key):
    """(kind, object_id) from ``kind:object_id``; None when it is not one."""
    kind, sep, ident = (key or "").rpartition(":")
    if not sep or kind not in KINDS or not ident.isdigit():
        return None
    return kind, int(ident)


def languages():
    return list(current_app.config["HEARD_LANGUAGES"])


def check_language(language):
    if language not in languages():
        raise ServiceError(_("Choose one of the site's languages."), field="language")
    return language


@dataclass
class Unit:
    kind: str
    object_id: int
    source: str
    source_language: str
    context: str  # where the text appears, e.g. the report or the plan it belongs to
    language: str = ""
    text: str = ""
    status: str = "missing"
    origin: str = ""
    translated_by: str = ""
    translated_at: object = None

    @property
    def key(self):
        return unit_key(self.kind, self.object_id)

    @property
    def label(self):
        return KINDS[self.kind].label

    @property
    def awaiting_review(self):
        return self.origin == "draft" and self.status != "missing"


# --- Sources -------------------------------------------------------------------------------


def _defaults():
    return dict(db.session.execute(select(Engagement.id, Engagement.default_language)).all())


def _legacy_sources(defaults, engagement_id):
    """Units of the kinds kept in the older *Translation tables, from the default-language row."""
    units = []
    engagements = db.session.scalars(select(Engagement).order_by(Engagement.id)).all()
    for engagement in engagements:
        if engagement_id and engagement.id != engagement_id:
            continue
        rows = {t.language: t for t in engagement.translations}
        source = rows.get(engagement.default_language)
        for field in ("name", "description"):
            if source is not None and getattr(source, field):
                units.append(
                    Unit(
                        f"engagement.{field}",
                        engagement.id,
                        getattr(source, field),
                        engagement.default_language,
                        engagement.slug,
                    )
                )
    query = select(ListeningSession).order_by(ListeningSession.starts_at, ListeningSession.id)
    if engagement_id:
        query = query.where(ListeningSession.engagement_id == engagement_id)
    for session in db.session.scalars(query):
        default = defaults.get(session.engagement_id, "en")
        rows = {t.language: t for t in session.translations}
        source = rows.get(default)
        if source is not None:
            for field in ("title", "description", "directions", "access_info"):
                if getattr(source, field):
                    units.append(
                        Unit(
                            f"session.{field}",
                            session.id,
                            getattr(source, field),
                            default,
                            session.slug,
                        )
                    )
        for prompt in session.prompts:
            texts = {t.language: t.text for t in prompt.translations}
            if texts.get(default):
                units.append(
                    Unit(
                        "prompt.text",
                        prompt.id,
                        texts[default],
                        default,
                        f"{session.slug} #{prompt.position}",
                    )
                )
    return units


def _content_sources(defaults, engagement_id):
    units = []

    def add(kind, obj, engagement, context):
        text = getattr(obj, KINDS[kind].attr) or ""
        if text.strip() and (not engagement_id or engagement == engagement_id):
            units.append(Unit(kind, obj.id, text, defaults.get(engagement, "en"), context))

    for report in db.session.scalars(select(Report).order_by(Report.id)):
        add("report.title", report, report.engagement_id, report.title)
        add("report.introduction", report, report.engagement_id, report.title)
        if report.run_id:
            themes = db.session.scalars(
                select(Theme)
                .where(Theme.run_id == report.run_id, Theme.status == "accepted")
                .order_by(Theme.position, Theme.id)
            ).all()
            for theme in themes:
                add("theme.label", theme, report.engagement_id, report.title)
                add(
                    "theme.statement", theme, report.engagement_id, f"{report.title}: {theme.label}"
                )
            answered = db.session.scalars(select(ThemeResponse).where(
                ThemeResponse.theme_id.in_([theme.id for theme in themes]))).all() if themes else []
            for response in answered:
                for kind in ("response.reason", "response.answered_by"):
                    add(kind, response, report.engagement_id, f"{report.title}: {response.theme.label}")
    for resolution in db.session.scalars(select(Resolution).order_by(Resolution.id)):
        name = resolution.number or resolution.title
        add("resolution.title", resolution, resolution.engagement_id, name)
        for clause in resolution.clauses:
            add("clause.text", clause, resolution.engagement_id, f"{name} {clause.label}".strip())
    for plan in db.session.scalars(select(ActionPlan).order_by(ActionPlan.id)):
        add("plan.title", plan, plan.engagement_id, plan.title)
        for item in plan.items:
            context = f"{plan.title} {item.number}".strip()
            for field in ("goal", "action_step", "departments", "progress_note"):
                add(f"action.{field}", item, plan.engagement_id, context)
        _plan_monitoring_sources(add, plan)
    for option in db.session.scalars(select(EquityOption).join(EquityQuestion).order_by(
            EquityQuestion.engagement_id, EquityOption.position, EquityOption.id)):
        add("equity.option", option, option.question.engagement_id, option.label)
    return units


def _plan_monitoring_sources(add, plan):
    """The plan's goals, strategies, owners, measures, status notes and reviews."""
    engagement = plan.engagement_id
    for goal in plan.goals:
        add("goal.title", goal, engagement, f"{plan.title} {goal.number}".strip())
    for strategy in plan.strategies:
        add("strategy.title", strategy, engagement, f"{plan.title} {strategy.number}".strip())
    measures = [m for goal in plan.goals for m in goal.measures] + [
        m for strategy in plan.strategies for m in strategy.measures]
    for item in plan.items:
        context = f"{plan.title} {item.number}".strip()
        add("action.owner", item, engagement, context)
        add("action.partners", item, engagement, context)
        for change in item.status_changes:
            add("status.note", change, engagement, context)
        measures += list(item.measures)
    for measure in measures:
        add("measure.name", measure, engagement, plan.title)
        add("measure.unit", measure, engagement, measure.name)
        for reading in measure.readings:
            add("reading.source", reading, engagement, measure.name)
    for review in plan.reviews:
        context = f"{plan.title} {review.held_on.isoformat() if review.held_on else ''}".strip()
        add("review.participants", review, engagement, context)
        add("review.summary", review, engagement, context)
        for entry in review.entries:
            add("review_item.reason", entry, engagement, context)


def sources(engagement_id=None):
    """Every unit with a source text, in the order the workspace lists them."""
    defaults = _defaults()
    return _legacy_sources(defaults, engagement_id) + _content_sources(defaults, engagement_id)
