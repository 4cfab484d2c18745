"""On track, off track or no recent reading: a measure's latest reading against the straight
path from its baseline to its target (app/services/plan_measures.progress, a pure function)."""
import math
from datetime import date

import pytest

from app.services.plans.measures import RECENT_DAYS, expected_on, progress

TODAY = date(2027, 1, 15)
BASE, GOAL = (date(2026, 1, 1), 100.0), (date(2028, 1, 1), 300.0)


def _status(readings, direction="up", baseline=BASE, target=GOAL, today=TODAY):
    return progress(direction=direction, baseline=baseline, target=target, readings=readings, today=today).status


def test_the_path_is_a_straight_line_held_flat_outside_its_dates():
    assert expected_on(date(2025, 6, 1), BASE, GOAL) == 100
    assert expected_on(date(2026, 1, 1), BASE, GOAL) == 100
    assert expected_on(date(2027, 1, 1), BASE, GOAL) == pytest.approx(100 + 200 * 365 / 730)
    assert expected_on(date(2028, 1, 1), BASE, GOAL) == 300
    assert expected_on(date(2030, 1, 1), BASE, GOAL) == 300


@pytest.mark.parametrize("value, expected", [(250, "on_track"), (200, "on_track"), (199.5, "off_track")])
def test_up_is_better(value, expected):
    # On 2027-01-01 the path stands at 200: at or above it is on track.
    assert _status([(date(2027, 1, 1), value)]) == expected


@pytest.mark.parametrize("value, expected", [(150, "on_track"), (200, "on_track"), (200.5, "off_track")])
def test_down_is_better(value, expected):
    baseline, target = (date(2026, 1, 1), 300.0), (date(2028, 1, 1), 100.0)
    assert _status([(date(2027, 1, 1), value)], "down", baseline, target) == expected


def test_a_reading_exactly_on_the_path_is_on_track():
    assert _status([(date(2027, 1, 1), expected_on(date(2027, 1, 1), BASE, GOAL))]) == "on_track"
    assert _status([(date(2026, 1, 1), 100.0)], today=date(2026, 2, 1)) == "on_track"


def test_only_the_latest_reading_counts_whatever_the_order_given():
    readings = [(date(2027, 1, 1), 260.0), (date(2026, 6, 1), 90.0)]
    assert _status(readings) == "on_track"
    assert _status(list(reversed(readings))) == "on_track"
    assert _status([(date(2026, 6, 1), 260.0), (date(2027, 1, 1), 120.0)]) == "off_track"


def test_no_reading_or_only_old_ones_is_no_recent_reading():
    assert _status([]) == "no_recent_reading"
    old = date.fromordinal(TODAY.toordinal() - RECENT_DAYS - 1)
    assert _status([(old, 500.0)]) == "no_recent_reading"
    edge = date.fromordinal(TODAY.toordinal() - RECENT_DAYS)
    assert _status([(edge, 500.0)]) == "on_track"


def test_readings_in_the_future_and_unreadable_values_are_ignored():
    assert _status([(date(2027, 6, 1), 999.0)]) == "no_recent_reading"
    assert _status([(date(2027, 1, 1), math.nan), (None, 5.0), (date(2027, 1, 2), None)]) == "no_recent_reading"


@pytest.mark.parametrize("baseline, target", [
    (None, GOAL), (BASE, None), ((None, 100.0), GOAL), (BASE, (date(2028, 1, 1), None))])
def test_without_a_baseline_or_a_target_there_is_no_path(baseline, target):
    assert _status([(date(2027, 1, 1), 250.0)], baseline=baseline, target=target) == "no_target"


def test_a_target_dated_before_its_baseline_holds_from_the_baseline_on():
    baseline, target = (date(2026, 1, 1), 100.0), (date(2025, 1, 1), 300.0)
    assert _status([(date(2027, 1, 1), 299.0)], baseline=baseline, target=target) == "off_track"
    assert _status([(date(2027, 1, 1), 300.0)], baseline=baseline, target=target) == "on_track"


def test_a_target_equal_to_its_baseline_means_holding_the_line():
    flat = (date(2028, 1, 1), 100.0)
    assert _status([(date(2027, 1, 1), 100.0)], target=flat) == "on_track"
    assert _status([(date(2027, 1, 1), 99.0)], target=flat) == "off_track"
    assert _status([(date(2027, 1, 1), 99.0)], "down", target=flat) == "on_track"


def test_the_result_names_the_reading_and_the_path_it_was_judged_against():
    result = progress(direction="up", baseline=BASE, target=GOAL, readings=[(date(2027, 1, 1), 250.0)], today=TODAY)
    assert result.latest == (date(2027, 1, 1), 250.0)
    assert result.expected == pytest.approx(200, abs=0.5)
