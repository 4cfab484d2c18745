"""Values in a plan's cells: dates and periods, and numbering at the start of a text
(shared by the plan import, app/services/plans/importer.py, and its extra columns,
app/services/plans/columns.py)."""
import calendar
import re
from datetime import date, datetime

NO_DEADLINE = {"", "ongoing", "tbd", "tba", "n/a", "na", "none"}
EMBEDDED_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)\.?\s+(?=\S)|^(\d{1,3})[.)]\s+(?=\S)")
QUARTER = re.compile(r"^(?:q([1-4])[\s/,-]*(\d{4})|(\d{4})[\s/,-]*q([1-4]))$", re.IGNORECASE)
US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_deadline(text):
    """A date for a deadline cell, None for no deadline; raises ValueError when unreadable."""
    value = " ".join((text or "").strip().split())
    if value.lower() in NO_DEADLINE:
        return None
    if match := ISO_DATE.match(value):
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := US_DATE.match(value):
        year = int(match.group(3))
        year = year + 2000 if year < 100 else year
        return date(year, int(match.group(1)), int(match.group(2)))
    if match := QUARTER.match(value):
        quarter, year = (int(match.group(1)), int(match.group(2))) if match.group(1) else (
            int(match.group(4)), int(match.group(3)))
        month = quarter * 3
        return date(year, month, calendar.monthrange(year, month)[1])
    if re.fullmatch(r"(?:fy\s*)?\d{4}", value, re.IGNORECASE):
        return date(int(value[-4:]), 12, 31)
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            pass
    for pattern in ("%B %Y", "%b %Y"):
        try:
            month = datetime.strptime(value, pattern).date()
        except ValueError:
            continue
        return date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    raise ValueError(value)


def split_number(action_step):
    """("1.3.2", "Expand ...") from "1.3.2 Expand ..."; ("", text) without numbering."""
    match = EMBEDDED_NUMBER.match(action_step or "")
    if not match:
        return "", action_step or ""
    return (match.group(1) or match.group(2)), action_step[match.end():].strip()
