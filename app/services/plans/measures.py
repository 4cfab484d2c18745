"""Measures of success of a plan's goals, strategies and actions, and their readings.

:func:`progress` is a pure function: a measure is *on track* when its latest reading is at
least as good as a straight path from the baseline to the target would have it on that
reading's date (the better side depends on the measure's direction); *off track* when it is
worse; *no recent reading* when there is no reading, or the latest is older than
:data:`RECENT_DAYS` (a quarter and a month's grace: the review cycle is quarterly); and *no
target* when the baseline or the target is missing, so no path can be drawn.

:func:`chart` gives the geometry of the small SVG chart the tracker draws on the server.
"""
import math
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from ...extensions import db
from ...models import MEASURE_DIRECTIONS, ActionItem, Measure, MeasureReading, PlanGoal, PlanStrategy
from ...platform import audit
from ...text import clean_text
from .. import ServiceError, get_or_not_found

RECENT_DAYS = 123
# A reading this close to the path (relative to the distance from baseline to target) counts
# as on it: readings are rounded, and 49.999... is 50.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Progress:
    status: str  # "on_track", "off_track", "no_recent_reading" or "no_target"
    expected: float | None = None  # where the path is on the latest reading's date
    latest: tuple | None = None  # (date, value) of the latest reading


def expected_on(day, baseline, target):
    """The path's value on ``day``: ``baseline`` and ``target`` are (date, value). Before the
    baseline the path is the baseline; after the target date, the target."""
    (start, low), (end, high) = baseline, target
    if end <= start:  # no time to get there: the target holds from the baseline date on
        return high if day >= start else low
    if day <= start:
        return low
    if day >= end:
        return high
    share = (day - start).days / (end - start).days
    return low + (high - low) * share


def progress(*, direction, baseline, target, readings, today, recent_days=RECENT_DAYS):
    """The :class:`Progress` of a measure. ``baseline`` and ``target`` are (date, value)
    pairs or None (or hold a None); ``readings`` (date, value) pairs in any order; readings
    after ``today`` are ignored."""
    known = sorted((day, value) for day, value in readings
                   if day is not None and value is not None and day <= today and math.isfinite(value))
    latest = known[-1] if known else None
    if latest is None or (today - latest[0]).days > recent_days:
        return Progress("no_recent_reading", latest=latest)
    if not baseline or not target or None in baseline or None in target:
        return Progress("no_target", latest=latest)
    expected = expected_on(latest[0], baseline, target)
    slack = TOLERANCE * max(1.0, abs(target[1] - baseline[1]))
    better = latest[1] >= expected - slack if direction == "up" else latest[1] <= expected + slack
    return Progress("on_track" if better else "off_track", expected=expected, latest=latest)


def measure_progress(measure, today=None):
    return progress(
        direction=measure.direction, baseline=(measure.baseline_on, measure.baseline_value),
        target=(measure.target_on, measure.target_value),
        readings=[(r.taken_on, r.value) for r in measure.readings], today=today or date.today())


# -- the chart ---------------------------------------------------------------------------------

WIDTH, HEIGHT, PAD = 320, 160, 24


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: tuple | None  # ((x1, y1), (x2, y2)) of the line from baseline to target
    points: tuple  # ((x, y), ...) of the readings, in date order
    line: str  # the readings as an SVG points attribute
    ticks: tuple  # ((y, label), ...) for the lowest and highest values


def _number(value):
    return f"{value:g}"


def chart(measure, rtl=False):
    """Where the path and the readings fall in a WIDTH x HEIGHT box; time runs right to left
    when ``rtl`` (Arabic), as the page does. None when there is nothing to draw."""
    readings = [(r.taken_on, r.value) for r in measure.readings if r.taken_on is not None]
    ends = [(d, v) for d, v in ((measure.baseline_on, measure.baseline_value),
                                (measure.target_on, measure.target_value)) if d is not None and v is not None]
    everything = readings + ends
    if not everything:
        return None
    days = [d.toordinal() for d, _v in everything]
    values = [v for _d, v in everything]
    first, last = min(days), max(days)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1

    def place(day, value):
        share = (day.toordinal() - first) / (last - first) if last > first else 0.5
        x = PAD + share * (WIDTH - 2 * PAD)
        if rtl:
            x = WIDTH - x
        y = HEIGHT - PAD - (value - low) / (high - low) * (HEIGHT - 2 * PAD)
        return round(x, 1), round(y, 1)

    path = tuple(place(*end) for end in ends) if len(ends) == 2 else None
    points = tuple(place(d, v) for d, v in sorted(readings))
    return Chart(WIDTH, HEIGHT, path, points, " ".join(f"{x},{y}" for x, y in points),
                 ((place(date.fromordinal(first), low)[1], _number(low)),
                  (place(date.fromordinal(first), high)[1], _number(high))))


# -- writing ---------------------------------------------------------------------------------

MAX_NAME, MAX_UNIT, MAX_SOURCE = 300, 40, 300
TARGETS = {"goal": PlanGoal, "strategy": PlanStrategy, "action": ActionItem}


def _value(value, field):
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ServiceError(_("Write a number, such as 42 or 3.5."), field=field) from None
    if not math.isfinite(number):
        raise ServiceError(_("Write a number, such as 42 or 3.5."), field=field)
    return number


def new_measure(target, *, name, unit="", direction="up", baseline=(None, None), target_point=(None, None),
                plan=None):
    """A Measure on ``target`` (a goal, strategy or action item of ``plan``, by default its
    own), not yet added. Raises ServiceError."""
    name = clean_text(name or "").strip()
    if not name:
        raise ServiceError(_("Name the measure."), field="name")
    if direction not in MEASURE_DIRECTIONS:
        raise ServiceError(_("Choose whether higher or lower is better."), field="direction")
    measure = Measure(plan_id=(plan or target.plan).id, name=name[:MAX_NAME],
                      unit=clean_text(unit or "").strip()[:MAX_UNIT],
                      direction=direction, baseline_on=baseline[0], baseline_value=_value(baseline[1], "baseline"),
                      target_on=target_point[0], target_value=_value(target_point[1], "target"))
    if measure.baseline_on and measure.target_on and measure.target_on <= measure.baseline_on:
        raise ServiceError(_("The target date must come after the baseline date."), field="target_on")
    measure.position = len(target.measures)  # before the measure joins the list (and the session)
    if isinstance(target, PlanGoal):
        measure.goal = target
    elif isinstance(target, PlanStrategy):
        measure.strategy = target
    else:
        measure.item = target
    db.session.add(measure)
    return measure


def add_measure(actor, target, **values):
    measure = new_measure(target, **values)
    db.session.flush()
    audit.record(actor, "measure.create", measure)
    db.session.commit()
    return measure


def new_reading(measure, *, value, taken_on, source="", review=None):
    number = _value(value, "value")
    if number is None:
        raise ServiceError(_("Write the reading's value."), field="value")
    if taken_on is None:
        raise ServiceError(_("Give the reading's date."), field="taken_on")
    reading = MeasureReading(value=number, taken_on=taken_on, source=clean_text(source or "").strip()[:MAX_SOURCE],
                             review_id=getattr(review, "id", None))
    measure.readings.append(reading)
    return reading


def add_reading(actor, measure, **values):
    reading = new_reading(measure, **values)
    db.session.flush()
    audit.record(actor, "measure.reading", measure, value=reading.value, taken_on=reading.taken_on.isoformat())
    db.session.commit()
    return reading


def get_measure(measure_id):
    return get_or_not_found(Measure, measure_id)
