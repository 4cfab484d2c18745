"""Suppression: counts under 5 are hidden, and no hidden count can be worked out from what is
shown, the totals and the links. Many random small-count tables (seeded), attacked exactly."""
import random

import pytest

from app.services.equity import suppression
from tests.app.equity_attack import exact_ranges, pinned


def _hide(columns, protected):
    return {c: [None if protected.hidden(c, r) else v for r, v in enumerate(values)] for c, values in columns.items()}


def _attack(columns, protected):
    floors = {c: 0 if c in protected.zeros_hidden else 1 for c in columns}
    # The attacker knows every shown total. A withheld total (under 5) is withheld everywhere
    # (the funnel's people counts are suppressed the same way).
    totals = {c: protected.total(columns, c) for c in columns}
    return exact_ranges(_hide(columns, protected), totals, floors)


def _table(rng, rows):
    registered = [rng.choice((0, 0, 1, 1, 2, 3, 4, 5, 6, 8, 12, 20)) for _ in range(rows)]
    attended = [rng.randint(0, r) if rng.random() < 0.8 else r for r in registered]
    return {"registered": registered, "attended": attended}


def test_small_counts_are_hidden_and_zeros_shown():
    columns = {"registered": [12, 3, 0, 9], "attended": [10, 1, 0, 7]}
    protected = suppression.protect(columns, [("attended", "registered")])
    for column, values in columns.items():
        for row, count in enumerate(values):
            if 0 < count < 5:
                assert protected.hidden(column, row)
    assert not protected.hidden("registered", 2)  # a zero names nobody
    assert protected.total(columns, "registered") == 24


def test_one_hidden_count_takes_a_second_with_it():
    """A single hidden count in a column would be total minus the rest."""
    columns = {"registered": [30, 2, 9]}
    protected = suppression.protect(columns)
    assert protected.cells == {("registered", 1), ("registered", 2)}


def test_hidden_counts_that_must_all_be_one_hide_more():
    """Two hidden counts adding up to 2 are 1 and 1: something else must be hidden."""
    columns = {"registered": [1, 1, 0, 20]}
    protected = suppression.protect(columns)
    assert not pinned(_attack(columns, protected))
    assert protected.hidden("registered", 3) or "registered" in protected.zeros_hidden


def test_a_small_total_withholds_the_column():
    columns = {"registered": [3, 0, 1]}
    protected = suppression.protect(columns)
    assert protected.total(columns, "registered") is None
    assert all(protected.hidden("registered", r) for r in range(3))


def test_a_column_of_ones_is_withheld():
    columns = {"registered": [1, 1, 1, 1, 1]}
    protected = suppression.protect(columns)
    assert "registered" in protected.zeros_hidden
    assert not pinned(_attack(columns, protected))


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        suppression.protect({"registered": [3, -1]})


def test_the_same_table_hides_the_same_cells():
    columns = {"registered": [4, 4, 7, 2, 0, 9], "attended": [1, 4, 6, 2, 0, 3]}
    first = suppression.protect(columns, [("attended", "registered")])
    assert all(suppression.protect(columns, [("attended", "registered")]) == first for _ in range(5))


@pytest.mark.parametrize("seed", range(8))
def test_no_hidden_count_can_be_recovered_from_the_totals(seed):
    """The totals attack over many random tables of small counts: one column, and two linked
    columns (attended <= registered), from 1 to 7 rows."""
    rng = random.Random(seed)
    attacked = 0
    for _ in range(60):
        columns = _table(rng, rng.randint(1, 7))
        if rng.random() < 0.3:
            columns = {"registered": columns["registered"]}
        protected = suppression.protect(columns, [("attended", "registered")] if "attended" in columns else ())
        for column, values in columns.items():  # every small count is hidden
            assert all(protected.hidden(column, r) for r, v in enumerate(values) if 0 < v < 5), columns
            if 0 < sum(values) < 5:
                assert protected.total(columns, column) is None
        ranges = _attack(columns, protected)
        if ranges is None:
            continue  # too many possibilities to enumerate: the attacker's problem too
        attacked += 1
        assert not pinned(ranges), (columns, protected, ranges)
        if protected.totals:
            continue
        # With every total known, bounds() never claims more than the exact attacker knows.
        approx = suppression.bounds(columns, protected, [("attended", "registered")] if "attended" in columns
                                    else ())
        for key, (low, high) in ranges.items():
            assert approx[key][0] <= low and high <= approx[key][1]
    assert attacked >= 40
