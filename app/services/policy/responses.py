"""The city's response to each reviewed theme, and the measures the public sees.

A response says what became of a theme: adopted, partly adopted, not adopted or under
consideration (``RESPONSE_STATES``), the reason in plain words (staff-authored, translated as
the content kind ``response.reason``), who answers for it, and a decision-due date while it is
under consideration. The clauses and actions that carry it out are the theme's confirmed links.

Public pages read responses live, not from a report version's snapshot: responses change after
publication and residents are told about changes, so each response is shown with its date.
"""
from dataclasses import dataclass
from datetime import date
from statistics import median

from flask_babel import gettext as _
from sqlalchemy import func, select

from ...extensions import db
from ...models import RESPONSE_STATES, ListeningSession, Note, NoteTheme, Theme, ThemeResponse
from ...models.types import utcnow
from ...platform import audit
from ...text import clean_text
from .. import ServiceError
from ..reports.texts import Translator

MAX_REASON = 5000


def response_for(theme):
    return db.session.scalar(select(ThemeResponse).where(ThemeResponse.theme_id == theme.id))


def responses_for(theme_ids):
    """{theme id: ThemeResponse} for the themes that have one (one query)."""
    ids = [int(i) for i in theme_ids]
    if not ids:
        return {}
    return {r.theme_id: r for r in db.session.scalars(select(ThemeResponse).where(ThemeResponse.theme_id.in_(ids)))}


def save_response(actor, theme, *, state, reason, answered_by="", decision_due=None):
    """Record (or change) the city's response to an accepted theme; audited, committed."""
    if theme.status != "accepted":
        raise ServiceError(_("Accept the theme before answering it."), field="state")
    if state not in RESPONSE_STATES:
        raise ServiceError(_("Choose a response."), field="state")
    reason = clean_text(reason or "").strip()
    if not reason:
        raise ServiceError(_("Say in plain words why."), field="reason")
    if len(reason) > MAX_REASON:
        raise ServiceError(_("The reason is too long."), field="reason")
    if state == "under_consideration":
        if decision_due is None:
            raise ServiceError(_("Give the date by which a decision is due."), field="decision_due")
    else:
        decision_due = None
    response = response_for(theme)
    now = utcnow()
    created = response is None
    if created:
        response = ThemeResponse(theme_id=theme.id, first_answered_at=now)
        db.session.add(response)
    old_state = None if created else response.state
    response.state, response.reason = state, reason
    response.answered_by = clean_text(answered_by or "").strip()[:200]
    response.decision_due = decision_due
    response.updated_at, response.updated_by_id = now, getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, "theme.respond", theme, state=state, old_state=old_state,
                 decision_due=decision_due.isoformat() if decision_due else None)
    db.session.commit()
    return response


def is_overdue(response, today=None):
    """Under consideration past the date a decision was due."""
    today = today or date.today()
    return (response is not None and response.state == "under_consideration"
            and response.decision_due is not None and response.decision_due < today)


def session_dates(theme_ids):
    """{theme id: the day of the latest session whose notes the theme counts} (one query)."""
    ids = [int(i) for i in theme_ids]
    if not ids:
        return {}
    rows = db.session.execute(
        select(NoteTheme.theme_id, func.max(ListeningSession.starts_at))
        .join(Note, Note.id == NoteTheme.note_id).join(ListeningSession, ListeningSession.id == Note.session_id)
        .where(NoteTheme.theme_id.in_(ids), NoteTheme.excluded.is_(False), Note.deleted_at.is_(None))
        .group_by(NoteTheme.theme_id))
    return {theme_id: starts_at for theme_id, starts_at in rows if starts_at is not None}


@dataclass(frozen=True)
class Measures:
    themes: int
    answered: int
    overdue: int
    median_days: float | None  # from the theme's (latest) session to its first answer

    @property
    def unanswered(self):
        return self.themes - self.answered

    @property
    def share(self):
        """Percent of themes answered (0 when there are none)."""
        return round(100 * self.answered / self.themes) if self.themes else 0


def measures(theme_ids, today=None):
    ids = list(dict.fromkeys(int(i) for i in theme_ids))
    found = responses_for(ids)
    held = session_dates(found)
    days = []
    for theme_id, response in found.items():
        if theme_id in held and response.first_answered_at is not None:
            days.append(max(0, (response.first_answered_at - held[theme_id]).days))
    return Measures(themes=len(ids), answered=len(found), overdue=sum(is_overdue(r, today) for r in found.values()),
                    median_days=median(days) if days else None)


def accepted_theme_ids(run_id):
    return list(db.session.scalars(select(Theme.id).where(Theme.run_id == run_id, Theme.status == "accepted")))


# --- What the public pages show ------------------------------------------------------------

@dataclass(frozen=True)
class ResponseView:
    state: str
    reason: object  # a reports.Text in the reader's language, or marked untranslated
    answered_by: object
    decision_due: date | None
    updated_at: object
    overdue: bool


@dataclass
class Answers:
    """Current responses to a set of themes, for one reader: ``get(theme_id)`` and measures."""

    views: dict
    measures: Measures

    def get(self, theme_id):
        return self.views.get(theme_id)


def answers(theme_ids, language, source_language="en", today=None):
    """The current responses to ``theme_ids`` in ``language`` (reasons translated through the
    content-translation machinery), with the share answered, overdue count and median days."""
    ids = list(dict.fromkeys(int(i) for i in theme_ids))
    found = responses_for(ids)
    keys = [f"{kind}:{r.id}" for r in found.values() for kind in ("response.reason", "response.answered_by")]
    tr = Translator(language, source_language, live_keys=keys)
    views = {theme_id: ResponseView(
        state=r.state, reason=tr("response.reason", r.id, r.reason),
        answered_by=tr("response.answered_by", r.id, r.answered_by), decision_due=r.decision_due,
        updated_at=r.updated_at, overdue=is_overdue(r, today)) for theme_id, r in found.items()}
    return Answers(views=views, measures=measures(ids, today))
