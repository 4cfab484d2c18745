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
from .jobs import Job
from .limits import RateLimitCount
from .notes import Note, NoteRevision
from .plans import (
    ACTION_STATUSES,
    LINK_STANCES,
    ActionItem,
    ActionPlan,
    Report,
    ReportVersion,
    Resolution,
    ResolutionClause,
    ThemeLink,
)
from .registrations import REGISTRATION_STATUSES, ErasureTombstone, OutboxMessage, Registration
from .responses import RESPONSE_STATES, ThemeResponse
from .themes import AnalysisRun, Code, Codebook, NoteTag, NoteTheme, Theme
from .translations import ContentTranslation
from .users import ROLES, NotetakerAssignment, User
from .vectors import NoteVector

__all__ = [
    "ACTION_STATUSES", "LINK_STANCES", "REGISTRATION_STATUSES", "RESPONSE_STATES", "ROLES", "SESSION_STATUSES",
    "ActionItem", "ActionPlan", "AnalysisRun", "AuditEntry", "Code", "Codebook",
    "ContentTranslation", "Engagement",
    "EngagementTranslation", "ErasureTombstone", "Job", "ListeningSession", "Note", "NoteRevision",
    "NoteTag", "NoteTheme", "NoteVector",
    "NotetakerAssignment", "OutboxMessage", "Prompt", "PromptTranslation", "RateLimitCount", "Registration", "Report",
    "ReportVersion",
    "Resolution", "ResolutionClause", "SessionTable", "SessionTranslation", "Theme", "ThemeLink", "ThemeResponse",
    "User",
]
