"""An action plan from a CSV or XLSX file: check every row, show a preview, then store all
rows or none (the same flow as the paper-note import, app/services/capture/paper_notes.py).

Columns (a header row, any order; case, spaces, underscores, hyphens and a trailing colon do
not matter):

* ``Goal`` and ``Action step`` (needed). A blank goal repeats the goal of the row above, so a
  spreadsheet with merged goal cells works.
* ``Departments``, ``Status``, ``Deadline`` (optional).
* ``Number`` (also ``No.``, ``No``, ``#``), optional. Without it, numbering at the start of the
  action step ("1.3.2 Expand ..." or "4. Open ...") is taken off the text and kept as the
  number. A plan whose items all have numbers is ordered by them, 1.2 before 1.10.
* ``Strategy`` (optional): the level between goal and action (Kansas City's 1.3 under goal 1).
  Like the goal, a blank strategy under the same goal repeats the one above; numbering at its
  start ("1.3 Expand ...") is kept as its number, and so is the goal's ("1. Safer streets").
  Without one, a goal number is taken from the action's (1 for 1.3.2), a strategy number too
  when the action has three parts (1.3 for 1.3.2).
* ``Owner`` (a role or a name), ``Partners``, ``Start`` and ``End`` (the deadline's other
  name); a quarter (``Q2 2027``) as the end with no start is kept as the item's quarter.
* ``Measure``, ``Unit``, ``Baseline``, ``Baseline date``, ``Target``, ``Target date``
  (optional): a measure of success of the row's action. A row with a measure but no action
  step is a measure of its strategy, or of its goal when it has none. Higher is better when
  the target is above the baseline, lower when below.

Status: one of Not started, Planning, In progress, Ongoing, Complete, Excluded, in any case
(also "completed", "done", or the stored keys such as ``in_progress``); blank means Not started.

Deadline: ``2027-03-31``, ``3/31/2027`` (month first, as in the US; ``3/31/27`` too),
``March 31, 2027``; a period without a day means its last day, so an item is overdue only once
the whole period is over: ``Q2 2027`` is June 30, 2027, ``March 2027`` is March 31, 2027, and
``2027`` is December 31, 2027. Blank, ``Ongoing``, ``TBD`` and ``N/A`` mean no deadline.

The file itself is read by :func:`note_import.read_table` (size limit, UTF-8, no formulas).
The checked preview waits in ``<instance>/plan-imports/<token>.json``; committing claims the
file first, so the same preview cannot be stored twice.
"""
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import date

from flask import current_app, has_app_context
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ... import i18n
from ...extensions import db
from ...labels import LABELS
from ...models import ACTION_STATUSES, ActionItem, Engagement
from ...platform import audit, staging
from ...platform.staging import CheckedRows, ImportRefused
from .. import ServiceError
from ..capture import paper_notes
from ..policy import commitments
from . import columns as plan_columns
from . import structure
from .values import NO_DEADLINE, QUARTER, parse_deadline, split_number

MAX_ROWS = 2000
MAX_GOAL, MAX_STEP, MAX_DEPARTMENTS = 500, 2000, 300

COLUMNS = {
    "goal": ("goal", "goals"),
    "action_step": ("action step", "action steps", "action", "actions", "step"),
    "departments": ("departments", "department", "department(s)", "departments responsible",
                    "department responsible", "lead department", "lead departments", "responsible"),
    "status": ("status",),
    "deadline": ("deadline", "due", "due date"),
    "number": ("number", "no.", "no", "#", "num", "item", "item number"),
    "strategy": ("strategy", "strategies", "objective"),
    "owner": ("owner", "accountable", "accountable owner", "lead", "goal owner", "action owner"),
    "partners": ("partners", "partner", "partner organizations", "supporting departments"),
    "start": ("start", "start date", "begins"),
    "end": ("end", "end date"),
    "measure": ("measure", "measures", "measure of success", "measures of success", "indicator", "metric"),
    "unit": ("unit", "units"),
    "baseline": ("baseline", "baseline value"),
    "baseline_date": ("baseline date", "baseline year", "as of"),
    "target": ("target", "target value"),
    "target_date": ("target date", "target year", "by"),
}
REQUIRED = ("goal", "action_step")
# The columns a row carries as text (PlanRow field: column); "end" fills in "deadline".
EXTRA = {"strategy": "strategy", "owner": "owner", "partners": "partners", "start_text": "start",
         "measure": "measure", "unit": "unit", "baseline_text": "baseline", "baseline_date_text": "baseline_date",
         "target_text": "target", "target_date_text": "target_date"}
# The column names as the preview shows them; a file may use them in any of Heard's languages.
COLUMN_LABELS = {"goal": _l("Goal"), "action_step": _l("Action step"), "departments": _l("Departments"),
                 "status": _l("Status"), "deadline": _l("Deadline"), "number": _l("Number"),
                 "strategy": _l("Strategy"), "owner": _l("Owner"), "partners": _l("Partners"), "start": _l("Start"),
                 "end": _l("End"), "measure": _l("Measure"), "unit": _l("Unit"), "baseline": _l("Baseline"),
                 "baseline_date": _l("Baseline date"), "target": _l("Target"), "target_date": _l("Target date")}

__all__ = ["NO_DEADLINE", "QUARTER", "parse_deadline", "parse_status", "split_number"]

# Each status by its own words ("not started"), and the other words plans use for some of them;
# _in_every_language adds the labels the app shows, in each language.
STATUS_WORDS = {
    **{status.replace("_", " "): status for status in ACTION_STATUSES},
    "planned": "planning", "on going": "ongoing", "completed": "complete", "done": "complete",
}


@dataclass
class PlanRow:
    line: int
    goal: str
    action_step: str
    departments: str = ""
    status_text: str = ""
    deadline_text: str = ""
    number: str = ""
    status: str = ""
    deadline: str = ""  # ISO date once checked
    errors: list = field(default_factory=list)  # [column, message] pairs
    strategy: str = ""
    owner: str = ""
    partners: str = ""
    start_text: str = ""
    measure: str = ""
    unit: str = ""
    baseline_text: str = ""
    baseline_date_text: str = ""
    target_text: str = ""
    target_date_text: str = ""
    # Filled in by the check:
    goal_number: str = ""
    strategy_number: str = ""
    starts_on: str = ""
    quarter: str = ""
    baseline: list = field(default_factory=list)  # [ISO date or "", value or None]
    target: list = field(default_factory=list)

    @property
    def deadline_date(self):
        return date.fromisoformat(self.deadline) if self.deadline else None


@dataclass
class PlanPreview(CheckedRows):
    token: str
    filename: str
    engagement_id: int
    plan_title: str
    rows: list


def max_bytes():
    """The largest file accepted: the note import's limit, ``NOTE_IMPORT_MAX_BYTES``."""
    return paper_notes.max_bytes()


def _normal(header):
    """A header cell as a key: case, spaces, underscores, hyphens and a trailing colon ignored."""
    return re.sub(r"[\s_\-]+", "", header.strip().rstrip(":").lower())


# -- values --------------------------------------------------------------------------------

def _status_words(value):
    return " ".join((value or "").replace("_", " ").replace("-", " ").lower().split())


def _in_every_language():
    """Column names and status words as they read in each of Heard's languages (the labels
    the app shows), so a plan written from a translated preview or tracker reads back."""
    cache = current_app.extensions.get("heard_plan_words")
    if cache is None:
        columns, statuses = {}, {}
        for code in i18n.LANGUAGES:
            with force_locale(i18n.babel_locale(code)):
                for name, label in COLUMN_LABELS.items():
                    columns.setdefault(name, set()).add(_normal(str(label)))
                for key, label in LABELS["action_status"].items():
                    statuses.setdefault(_status_words(str(label)), key)
        cache = current_app.extensions["heard_plan_words"] = (columns, statuses)
    return cache


def parse_status(text):
    """The status key for a cell, or None when unknown. Blank means not started."""
    value = _status_words(text)
    if not value:
        return "not_started"
    if value.replace(" ", "_") in ACTION_STATUSES:
        return value.replace(" ", "_")
    if value in STATUS_WORDS or not has_app_context():
        return STATUS_WORDS.get(value)
    return _in_every_language()[1].get(value)


# -- reading and checking ------------------------------------------------------------------

def parse(filename, data):
    """Rows of the file as PlanRow objects, before checking. Raises ImportRefused."""
    try:
        table = paper_notes.read_table(filename, data)
    except ServiceError as error:
        raise ImportRefused(error.message) from None
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [_normal(cell) for cell in table[0]]
    position = {}
    translated = _in_every_language()[0]
    for name, aliases in COLUMNS.items():
        keys = {_normal(alias) for alias in aliases} | translated[name]
        for index, cell in enumerate(header):
            if cell in keys and name not in position:
                position[name] = index
    if "deadline" not in position and "target_date" in position and "measure" not in position:
        position["deadline"] = position.pop("target_date")  # "Target date" of an action, not a measure
    if "action_step" not in position and "measure" in position:
        position["action_step"] = len(header)  # a file of goal and strategy measures only
    if any(name not in position for name in REQUIRED):
        raise ImportRefused(_("The file needs a header row with the columns Goal and Action step; Departments, "
                              "Status, Deadline and Number are optional."))
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        value = {name: (cells[i].strip() if i < len(cells) else "") for name, i in position.items()}
        rows.append(PlanRow(line=line, goal=value["goal"], action_step=value["action_step"],
                            departments=value.get("departments", ""), status_text=value.get("status", ""),
                            deadline_text=value.get("deadline", "") or value.get("end", ""),
                            number=value.get("number", ""),
                            **{key: value.get(column, "") for key, column in EXTRA.items()}))
    if not rows:
        raise ImportRefused(_("The file has a header but no actions."))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(n)d rows. Split it into smaller files.", n=MAX_ROWS))
    return rows


def check_rows(rows):
    """Fill in status, deadline, number and goal, and each row's errors as (column, message)."""
    previous_goal = previous_strategy = ""
    for row in rows:
        row.errors = []
        if not row.goal and previous_goal:
            row.goal = previous_goal
        if not row.strategy and previous_strategy and row.goal == previous_goal:
            row.strategy = previous_strategy
        previous_goal, previous_strategy = row.goal or previous_goal, row.strategy
        if not row.goal:
            row.errors.append([_("Goal"), _("The goal is missing.")])
        elif len(row.goal) > MAX_GOAL:
            row.errors.append([_("Goal"), _("At most %(n)d characters.", n=MAX_GOAL)])
        if not row.number:
            row.number, row.action_step = split_number(row.action_step)
        row.number = row.number.strip().rstrip(".")
        if row.number and (len(row.number) > 40 or not commitments.NUMBER.match(row.number)):
            row.errors.append([_("Number"), _("Write the number as digits and dots, such as 1.3.2.")])
        if not row.action_step and not row.measure:
            row.errors.append([_("Action step"), _("The action step is missing.")])
        elif len(row.action_step) > MAX_STEP:
            row.errors.append([_("Action step"), _("At most %(n)d characters.", n=MAX_STEP)])
        if len(row.departments) > MAX_DEPARTMENTS:
            row.errors.append([_("Departments"), _("At most %(n)d characters.", n=MAX_DEPARTMENTS)])
        row.status = parse_status(row.status_text) or ""
        if not row.status:
            row.errors.append([_("Status"), _(
                "Unknown status \"%(value)s\". Use one of: Not started, Planning, In progress, Ongoing, "
                "Complete, Excluded.", value=row.status_text)])
        try:
            deadline = parse_deadline(row.deadline_text)
        except ValueError:
            row.deadline = ""
            row.errors.append([_("Deadline"), _(
                "Unknown date \"%(value)s\". Write it as 2027-03-31, 3/31/2027, Q2 2027 or 2027.",
                value=row.deadline_text)])
        else:
            row.deadline = deadline.isoformat() if deadline else ""
        plan_columns.check_row(row)
    numbers = {}
    for row in rows:
        if row.number and row.action_step:
            if row.number in numbers:
                row.errors.append([_("Number"), _("Number %(number)s is also used in row %(row)d.",
                                                  number=row.number, row=numbers[row.number])])
            else:
                numbers[row.number] = row.line
    return rows


# -- preview storage -----------------------------------------------------------------------

STAGING = staging.Staging("plan-imports")


def _require_organizer(actor):
    if not actor.has_role("organizer", "admin"):
        raise ImportRefused(_("Only organizers can import action plans."))


def preview(actor, *, engagement_id, plan_title, filename, data):
    """Check a file and keep its preview for :func:`commit`. Raises ImportRefused."""
    _require_organizer(actor)
    if db.session.get(Engagement, engagement_id) is None:
        raise ServiceError(_("Choose an engagement."), field="engagement")
    rows = check_rows(parse(filename, data))
    plan_title = ((plan_title or "").strip() or _("Action plan"))[:300]
    token = STAGING.save(actor, {"filename": os.path.basename(filename or ""), "engagement_id": engagement_id,
                                 "plan_title": plan_title, "rows": [asdict(row) for row in rows]})
    return PlanPreview(token, os.path.basename(filename or ""), engagement_id, plan_title, rows)


def load_preview(actor, token):
    _require_organizer(actor)
    stored = STAGING.load(actor, token)
    return PlanPreview(token, stored["filename"], stored["engagement_id"], stored["plan_title"],
                       [PlanRow(**row) for row in stored["rows"]])


def commit(actor, token):
    """Store every row of a checked preview into its plan, or none. Returns (plan, count)."""
    _require_organizer(actor)
    stored = STAGING.claim(actor, token)  # once, even if sent twice at once
    rows = check_rows([PlanRow(**row) for row in stored["rows"]])
    if not rows or any(row.errors for row in rows):
        raise ImportRefused(_("Some rows have errors, so nothing was stored. Fix the file and upload it again."))
    if db.session.get(Engagement, stored["engagement_id"]) is None:
        raise staging.expired()
    plan = commitments.find_or_create_plan(stored["engagement_id"], stored["plan_title"])
    start = len(plan.items)
    for offset, row in enumerate(rows, start=1):
        item = None
        if row.action_step:
            item = ActionItem(
                position=start + offset, number=row.number, goal=row.goal, action_step=row.action_step,
                departments=row.departments, status=row.status,
                deadline=date.fromisoformat(row.deadline) if row.deadline else None)
            plan.items.append(item)
            structure.record_status(actor, item, None, row.status)
        plan_columns.store_row(plan, row, item)
    commitments.order_plan(plan)
    db.session.flush()
    audit.record(actor, "plan.import", plan, count=len(rows), filename=stored["filename"])
    db.session.commit()
    return plan, len(rows)
