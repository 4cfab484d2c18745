"""The plan import's columns beyond goal and action (see app/services/plans/values.py):
strategy, owner, partners, start and end, and a measure of success with its baseline and
target. :func:`check_row` fills in and checks a row; :func:`store_row` stores it."""
import calendar
import re
from datetime import date

from flask_babel import gettext as _

from . import measures, structure, values

MAX_OWNER, MAX_PARTNERS, MAX_STRATEGY, MAX_MEASURE, MAX_UNIT = 200, 300, 2000, 300, 40
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})$", re.IGNORECASE)
# A number as people write it in a plan: 1,200 / 45% / $3.5 / -2 / 12.5 days.
_AMOUNT = re.compile(r"^[^\d+\-.]*([+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+\-]?\.\d+)\s*[^\d]*$")


def parse_start(text):
    """The first day of a start cell: a quarter, a month or a year means its first day.
    None when blank; raises ValueError when unreadable."""
    value = " ".join((text or "").strip().split())
    if not value or value.lower() in values.NO_DEADLINE:
        return None
    if match := values.QUARTER.match(value):
        quarter, year = (int(match.group(1)), int(match.group(2))) if match.group(1) else (
            int(match.group(4)), int(match.group(3)))
        return date(year, 3 * quarter - 2, 1)
    if match := _YEAR.match(value):
        return date(int(match.group(1)), 1, 1)
    end = values.parse_deadline(value)
    last_day = calendar.monthrange(end.year, end.month)[1]
    if end.day == last_day and not re.search(rf"\b{last_day}\b", value):  # "March 2027"
        return end.replace(day=1)
    return end


def parse_amount(text):
    """A number from a cell ("1,200", "45%", "$3.5"); None when blank; ValueError otherwise."""
    value = (text or "").strip()
    if not value:
        return None
    match = _AMOUNT.match(value)
    if not match:
        raise ValueError(value)
    return float(match.group(1).replace(",", ""))


def _quarter(text):
    match = values.QUARTER.match(" ".join((text or "").split()))
    if not match:
        return ""
    quarter, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return f"{year}-Q{quarter}"


def _date_error(row, column, text):
    row.errors.append([column, _(
        "Unknown date \"%(value)s\". Write it as 2027-03-31, 3/31/2027, Q2 2027 or 2027.", value=text)])


def check_row(row):
    """Numbers of the goal and the strategy, the timeline and the measure of one row; errors
    are added to ``row.errors``."""
    number, text = values.split_number(row.goal)
    if number:
        row.goal_number, row.goal = number, text
    number, text = values.split_number(row.strategy)
    if number:
        row.strategy_number, row.strategy = number, text
    parts = row.number.split(".") if row.number else []
    if not row.goal_number and len(parts) >= 2:
        row.goal_number = parts[0]
    if row.strategy and not row.strategy_number and len(parts) >= 3:
        row.strategy_number = ".".join(parts[:2])
    if len(row.strategy) > MAX_STRATEGY:
        row.errors.append([_("Strategy"), _("At most %(n)d characters.", n=MAX_STRATEGY)])
    if len(row.owner) > MAX_OWNER:
        row.errors.append([_("Owner"), _("At most %(n)d characters.", n=MAX_OWNER)])
    if len(row.partners) > MAX_PARTNERS:
        row.errors.append([_("Partners"), _("At most %(n)d characters.", n=MAX_PARTNERS)])
    row.quarter = "" if row.start_text else _quarter(row.deadline_text)
    try:
        start = parse_start(row.start_text)
    except ValueError:
        start = None
        _date_error(row, _("Start"), row.start_text)
    if row.quarter:
        start = structure.quarter_bounds(row.quarter)[0]
    row.starts_on = start.isoformat() if start else ""
    if start and row.deadline and date.fromisoformat(row.deadline) < start:
        row.errors.append([_("End"), _("The end date must not come before the start date.")])
    _check_measure(row)


def _check_measure(row):
    row.baseline, row.target = ["", None], ["", None]
    if not row.measure:
        if any((row.unit, row.baseline_text, row.target_text, row.baseline_date_text, row.target_date_text)):
            row.errors.append([_("Measure"), _("Name the measure that this baseline and target belong to.")])
        return
    if len(row.measure) > MAX_MEASURE:
        row.errors.append([_("Measure"), _("At most %(n)d characters.", n=MAX_MEASURE)])
    if len(row.unit) > MAX_UNIT:
        row.errors.append([_("Unit"), _("At most %(n)d characters.", n=MAX_UNIT)])
    for pair, column, value_text, date_column, date_text in (
            (row.baseline, _("Baseline"), row.baseline_text, _("Baseline date"), row.baseline_date_text),
            (row.target, _("Target"), row.target_text, _("Target date"), row.target_date_text)):
        try:
            pair[1] = parse_amount(value_text)
        except ValueError:
            row.errors.append([column, _("Write a number, such as 42 or 3.5.")])
        try:
            day = values.parse_deadline(date_text) if date_text.strip() else None
        except ValueError:
            day = None
            _date_error(row, date_column, date_text)
        pair[0] = day.isoformat() if day else ""
    if row.baseline[0] and row.target[0] and row.target[0] <= row.baseline[0]:
        row.errors.append([_("Target date"), _("The target date must come after the baseline date.")])


def _day(text):
    return date.fromisoformat(text) if text else None


def store_row(plan, row, item):
    """The row's goal, strategy, item details and measure, added to ``plan`` (not committed)."""
    goal = structure.find_or_create_goal(plan, row.goal_number, row.goal) if row.goal else None
    strategy = (structure.find_or_create_strategy(plan, goal, row.strategy_number, row.strategy)
                if row.strategy else None)
    if item is not None:
        item.goal_ref, item.strategy = goal, strategy
        item.owner, item.partners = row.owner, row.partners
        item.starts_on, item.quarter = _day(row.starts_on), row.quarter
    if row.measure:
        target = item or strategy or goal
        baseline, goal_point = row.baseline or ["", None], row.target or ["", None]
        direction = "down" if None not in (baseline[1], goal_point[1]) and goal_point[1] < baseline[1] else "up"
        measures.new_measure(
            target, plan=plan, name=row.measure, unit=row.unit, direction=direction,
            baseline=(_day(baseline[0]), baseline[1]), target_point=(_day(goal_point[0]), goal_point[1]))
