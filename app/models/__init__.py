"""All models, importable from one place. Models import only ``app.extensions``."""
from .audit import AuditEntry
from .engagements import (
    SESSION_STATUSES,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Prompt,
    PromptTranslation,
    SessionTable,
    SessionTranslation,
)
from .equity import (
    QUESTION_KINDS,
    EquityAnswer,
    EquityBaseline,
    EquityCount,
    EquityOption,
    EquityQuestion,
)
from .jobs import JOB_STATUSES, Job
from .limits import RateLimitCount
from .notes import Note, NoteRevision
from .plan_monitoring import (
    MEASURE_DIRECTIONS,
    REVIEW_ADJUSTMENTS,
    ActionStatusChange,
    Measure,
    MeasureReading,
    PlanGoal,
    PlanReview,
    PlanReviewItem,
    PlanStrategy,
)
from .plans import (
    ACTION_CLOSED,
    ACTION_STATUSES,
    LINK_STANCES,
    LINK_STATUSES,
    REPORT_STATUSES,
    ActionItem,
    ActionPlan,
    Report,
    ReportVersion,
    Resolution,
    ResolutionClause,
    ThemeLink,
)
from .registrations import (
    ACCESS_NEEDS,
    HEARD_FROM,
    OUTBOX_CHANNELS,
    OUTBOX_STATUSES,
    REGISTRATION_DETAILS,
    REGISTRATION_STATUSES,
    ErasureTombstone,
    OutboxMessage,
    Registration,
)
from .responses import RESPONSE_STATES, ThemeResponse
from .themes import (
    ASSIGNERS,
    RUN_STAGES,
    RUN_STATUSES,
    THEME_STATUSES,
    AnalysisRun,
    Code,
    Codebook,
    NoteTag,
    NoteTheme,
    Theme,
)
from .translations import ContentTranslation
from .users import ROLES, NotetakerAssignment, User
from .vectors import NoteVector

__all__ = [
    "ACCESS_NEEDS", "ACTION_CLOSED", "ACTION_STATUSES", "ASSIGNERS", "HEARD_FROM", "JOB_STATUSES", "LINK_STATUSES",
    "OUTBOX_CHANNELS", "OUTBOX_STATUSES", "REPORT_STATUSES", "RUN_STAGES", "RUN_STATUSES", "THEME_STATUSES",
    "LINK_STANCES", "QUESTION_KINDS", "MEASURE_DIRECTIONS", "REVIEW_ADJUSTMENTS",
    "ActionStatusChange", "Measure", "MeasureReading", "PlanGoal", "PlanReview", "PlanReviewItem",
    "PlanStrategy", "REGISTRATION_DETAILS", "REGISTRATION_STATUSES", "RESPONSE_STATES", "ROLES", "SESSION_STATUSES",
    "EquityAnswer", "EquityBaseline", "EquityCount", "EquityOption", "EquityQuestion",
    "ActionItem", "ActionPlan", "AnalysisRun", "AuditEntry", "Code", "Codebook",
    "ContentTranslation", "Engagement",
    "EngagementTranslation", "ErasureTombstone", "Job", "ListeningSession", "Note", "NoteRevision",
    "NoteTag", "NoteTheme", "NoteVector",
    "NotetakerAssignment", "OutboxMessage", "Prompt", "PromptTranslation", "RateLimitCount", "Registration", "Report",
    "ReportVersion",
    "Resolution", "ResolutionClause", "SessionTable", "SessionTranslation", "Theme", "ThemeLink", "ThemeResponse",
    "User",
]
