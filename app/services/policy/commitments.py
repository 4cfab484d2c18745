"""Resolutions and action plans: what the city commits to, and its progress.

Reviewers link themes to these clauses and actions; the public progress tracker shows the
actions' status. Organizers keep them current here.
"""
import re
import zipfile
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import (
    ACTION_CLOSED,
    ACTION_STATUSES,
    ActionItem,
    ActionPlan,
    Engagement,
    Resolution,
    ResolutionClause,
    ThemeLink,
)
from ...platform import audit, upload_archives, uploads
from ...text import clean_text
from .. import ServiceError, get_or_not_found
from ..plans import structure
from . import clause_splitting as clauses_module


def overview():
    """Every engagement with its resolutions (and clauses) and action plans (and items)."""
    engagements = db.session.scalars(
        select(Engagement).options(selectinload(Engagement.translations)).order_by(Engagement.id)
    ).all()
    resolutions = db.session.scalars(
        select(Resolution).options(selectinload(Resolution.clauses)).order_by(Resolution.id)
    ).all()
    plans = db.session.scalars(
        select(ActionPlan).options(selectinload(ActionPlan.items)).order_by(ActionPlan.id)
    ).all()
    return engagements, resolutions, plans


MAX_TEXT = 100_000
CLAUSE_KINDS = ("whereas", "resolved", "section", "")


def upload_max_bytes():
    return current_app.config["POLICY_IMPORT_MAX_BYTES"]


def _unreadable():
    return ServiceError(_("Heard could not read this file. Save it as a Word document (.docx) or as plain "
                          "text (.txt) and upload it again."), field="file")


def resolution_text(filename, data):
    """The text of an uploaded draft resolution (.txt or .docx), cleaned (``clean_text``).
    A .docx is checked against the upload limits (app/platform/uploads.py) before it is
    opened. Raises ServiceError."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if extension not in ("txt", "docx"):
        raise ServiceError(_("Upload a .txt or .docx file."), field="file")
    if len(data) > upload_max_bytes():
        raise ServiceError(_("The file is too large: at most %(mb).1f MB.", mb=upload_max_bytes() / 1024 / 1024),
                           field="file")
    if not data:
        raise ServiceError(_("The file is empty."), field="file")
    if extension == "docx":
        try:
            upload_archives.check_docx(data)
        except (uploads.Malformed, zipfile.BadZipFile):
            raise _unreadable() from None
    try:
        return clean_text(clauses_module.read_file(filename, data))
    except clauses_module.Unreadable:
        raise _unreadable() from None


def split_resolution(text):
    """Title, number and clauses found in a resolution's text (see app/services/policy/clause_splitting.py)."""
    return clauses_module.split(text)


def resolution_source(*, text="", upload=None):
    """The text to split, from the paste or the upload (filename, bytes), and its clauses.
    Raises ServiceError for an empty paste, an unreadable or too large file, or no clauses."""
    if upload is not None and upload[1]:
        if (text or "").strip():
            raise ServiceError(_("Paste the text or upload a file, not both."), field="text")
        text = resolution_text(*upload)
    if len(text or "") > MAX_TEXT:
        raise ServiceError(_("The resolution is too long: at most %(n)d characters.", n=MAX_TEXT), field="text")
    if not (text or "").strip():
        raise ServiceError(_("Paste the resolution's text or upload its file."), field="text")
    found = split_resolution(text)
    if not found.clauses:
        raise ServiceError(_("Heard found no clauses in this text. Start each clause on its own line."),
                           field="text")
    return text, found


def add_resolution(actor, *, engagement_id, number="", title="", adopted_on=None, text="", upload=None):
    """A resolution split into clauses from pasted ``text`` or an ``upload`` (filename, bytes).

    The number and title found in the text's preamble fill in those left blank."""
    if db.session.get(Engagement, engagement_id) is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    text, found = resolution_source(text=text, upload=upload)
    title = (title or "").strip() or found.title
    if not title:
        raise ServiceError(_("Give the resolution a title: Heard found none before the first clause."),
                           field="title")
    resolution = Resolution(engagement_id=engagement_id, number=((number or "").strip() or found.number)[:40],
                            title=title[:300], adopted_on=adopted_on)
    for position, clause in enumerate(found.clauses, start=1):
        resolution.clauses.append(ResolutionClause(position=position, kind=clause.kind, label=clause.label[:40],
                                                   text=clause.text))
    db.session.add(resolution)
    db.session.flush()
    audit.record(actor, "resolution.create", resolution, clauses=len(found.clauses))
    db.session.commit()
    return resolution


def get_resolution(resolution_id):
    return get_or_not_found(Resolution, resolution_id)


def get_clause(clause_id):
    return get_or_not_found(ResolutionClause, clause_id)


def update_resolution(actor, resolution, *, number, title, adopted_on):
    if not (title or "").strip():
        raise ServiceError(_("Give the resolution a title."), field="title")
    resolution.number, resolution.title = (number or "").strip()[:40], title.strip()[:300]
    resolution.adopted_on = adopted_on
    audit.record(actor, "resolution.update", resolution)
    db.session.commit()
    return resolution


def delete_resolution(actor, resolution):
    """Remove a resolution, its clauses and the theme links to them."""
    engagement_id = resolution.engagement_id
    audit.record(actor, "resolution.delete", resolution, title=resolution.title, clauses=len(resolution.clauses))
    db.session.execute(delete(ThemeLink).where(ThemeLink.clause_id.in_([c.id for c in resolution.clauses])))
    db.session.delete(resolution)
    db.session.commit()
    return engagement_id


def _clause_values(kind, label, text):
    if kind not in CLAUSE_KINDS:
        raise ServiceError(_("Choose a kind of clause."), field="kind")
    if not (text or "").strip():
        raise ServiceError(_("Write the clause's text."), field="text")
    return kind, (label or "").strip()[:40], text.strip()


def next_label(resolution, kind):
    """"Whereas 4" for a fourth recital; sections continue the last section's number."""
    if kind in ("whereas", "resolved"):
        count = sum(1 for clause in resolution.clauses if clause.kind == kind)
        return f"{kind.title()} {count + 1}"
    if kind == "section":
        numbers = [int(m.group(1)) for clause in resolution.clauses if clause.kind == "section"
                   for m in [re.match(r"^Section (\d+)$", clause.label)] if m]
        return f"Section {max(numbers, default=0) + 1}"
    return ""


def add_clause(actor, resolution, *, kind, label, text):
    """A clause at the end; a blank label is filled in from its kind ("Whereas 4")."""
    kind, label, text = _clause_values(kind, label, text)
    clause = ResolutionClause(position=len(resolution.clauses) + 1, kind=kind,
                              label=label or next_label(resolution, kind), text=text)
    resolution.clauses.append(clause)
    db.session.flush()
    audit.record(actor, "clause.create", clause)
    db.session.commit()
    return clause


def update_clause(actor, clause, *, kind, label, text):
    clause.kind, clause.label, clause.text = _clause_values(kind, label, text)
    audit.record(actor, "clause.update", clause)
    db.session.commit()
    return clause


def delete_clause(actor, clause):
    """Remove a clause (and the theme links to it); the others close the gap. Labels stay as
    written, since people may already cite them."""
    resolution = clause.resolution
    audit.record(actor, "clause.delete", clause, label=clause.label, text=clause.text[:200])
    db.session.execute(delete(ThemeLink).where(ThemeLink.clause_id == clause.id))
    resolution.clauses.remove(clause)
    db.session.flush()
    for position, other in enumerate(resolution.clauses, start=1):
        other.position = position
    db.session.commit()
    return resolution


def move_clause(actor, clause, direction):
    """Swap a clause with its neighbour: ``direction`` -1 moves it up, +1 down."""
    resolution = clause.resolution
    ordered = list(resolution.clauses)
    index = ordered.index(clause)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
        for position, item in enumerate(ordered, start=1):
            item.position = position
        audit.record(actor, "clause.move", clause, position=clause.position)
        db.session.commit()
    return resolution


# -- action plans ---------------------------------------------------------------------

def natural_key(number):
    """Sort key for plan numbers: 1.2 before 1.10, 2 before 10, unnumbered last."""
    parts = re.findall(r"\d+|[^\d.]+", number or "")
    if not parts:
        return ((1, 0, ""),)
    return tuple((0, int(part), "") if part.isdecimal() else (0, -1, part.lower()) for part in parts)


def order_plan(plan):
    """Positions follow the plan's numbers when every item (goal, strategy) has one;
    otherwise they stay."""
    for rows in (plan.items, plan.goals, plan.strategies):
        ordered = list(rows)
        if ordered and all(row.number for row in ordered):
            ordered.sort(key=lambda row: (natural_key(row.number), row.position))
        for position, row in enumerate(ordered, start=1):
            row.position = position


def find_or_create_plan(engagement_id, plan_title):
    plan_title = ((plan_title or "").strip() or _("Action plan"))[:300]
    plan = db.session.scalar(select(ActionPlan).where(
        ActionPlan.engagement_id == engagement_id, ActionPlan.title == plan_title))
    if plan is None:
        plan = ActionPlan(engagement_id=engagement_id, title=plan_title)
        db.session.add(plan)
        db.session.flush()
    return plan


def add_action(actor, *, engagement_id, plan_title, goal, action_step, departments, status, deadline, number=""):
    if db.session.get(Engagement, engagement_id) is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    _check_status(status)
    number = _check_number(number)
    plan = find_or_create_plan(engagement_id, plan_title)
    item = ActionItem(position=len(plan.items) + 1, number=number, goal=goal.strip(),
                      action_step=action_step.strip(), departments=(departments or "").strip()[:300],
                      status=status, deadline=deadline)
    if item.goal:
        item.goal_ref = structure.find_or_create_goal(plan, "", item.goal)
    plan.items.append(item)
    order_plan(plan)
    structure.record_status(actor, item, None, status)
    db.session.flush()
    audit.record(actor, "action.create", item)
    db.session.commit()
    return item


def get_action(item_id):
    return get_or_not_found(ActionItem, item_id)


def update_action(actor, item, *, goal, action_step, departments, status, deadline, progress_note, number=None,
                  status_note=""):
    _check_status(status)
    if number is not None:
        number = _check_number(number)
        if number != item.number:
            item.number = number
            order_plan(item.plan)
    before = item.status
    if goal.strip() != item.goal:
        item.goal_ref = structure.find_or_create_goal(item.plan, "", goal) if goal.strip() else None
    item.goal, item.action_step = goal.strip(), action_step.strip()
    item.departments = (departments or "").strip()[:300]
    item.status, item.deadline = status, deadline
    item.progress_note = (progress_note or "").strip()
    structure.record_status(actor, item, before, status, status_note)
    audit.record(actor, "action.update", item, status_before=before, status=status)
    db.session.commit()
    return item


NUMBER = re.compile(r"^[0-9A-Za-z]{1,10}(?:\.[0-9A-Za-z]{1,10})*$")


def _check_number(number):
    number = (number or "").strip().rstrip(".")
    if number and (len(number) > 40 or not NUMBER.match(number)):
        raise ServiceError(_("Write the number as digits and dots, such as 1.3.2."), field="number")
    return number


def _check_status(status):
    if status not in ACTION_STATUSES:
        raise ServiceError(_("Choose a status."), field="status")


def is_overdue(item, today=None):
    return bool(item.deadline and item.status not in ACTION_CLOSED
                and item.deadline < (today or date.today()))
