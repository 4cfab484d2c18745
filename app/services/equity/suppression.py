"""Small counts hidden, so that nobody can be picked out of a table of counts.

Pure functions, no Flask, no database. A table here is a set of *columns* of counts over the
same rows (registered, attended, ...), each column with its total, and *links* between
columns (attended <= registered, row by row).

Rules (THRESHOLD is 5):

* a count from 1 to 4 is hidden (primary suppression); a zero is shown, since it names no one;
* a column total from 1 to 4 withholds the whole column (every count, zeros and total);
* in linked columns (attended <= registered), a row hidden in one is hidden in the other;
* complementary suppression: whoever knows the shown counts, every column's total (assumed
  known, even when hidden) and the links must not be able to work out a hidden count. A
  hidden count is taken as at least 1 (zeros are shown), unless the column hides its zeros
  too. :func:`bounds` gives the range each hidden count could take; while one of them has a
  single possible value, the smallest shown non-zero count of its column is hidden as well,
  and when none is left, the column's zeros; when even that does not help, the whole column
  is withheld.

:func:`bounds` propagates interval constraints to a fixed point, so its ranges may be wider
than the exact ones only where the links interact; the tests attack the published tables
with an exact search as well.
"""
from dataclasses import dataclass, field

THRESHOLD = 5


@dataclass
class Protected:
    """What to hide: ``cells`` as (column, row), ``totals`` as column names, ``zeros_hidden``
    the columns whose zeros are hidden too (there, a hidden count may be 0)."""

    cells: set = field(default_factory=set)
    totals: set = field(default_factory=set)
    zeros_hidden: set = field(default_factory=set)

    def hidden(self, column, row):
        return (column, row) in self.cells

    def value(self, columns, column, row):
        """The count to show, or None where it is hidden."""
        return None if self.hidden(column, row) else columns[column][row]

    def total(self, columns, column):
        return None if column in self.totals else sum(columns[column])


def small(count, threshold=THRESHOLD):
    return 0 < count < threshold


def bounds(columns, protected, links=(), limit=None):
    """{(column, row): (low, high)} for each hidden count, as someone who sees the table can
    narrow it down. ``links`` are pairs (smaller, larger) of column names: the smaller
    column's count is at most the larger's in every row."""
    limit = limit if limit is not None else max((sum(v) for v in columns.values()), default=0)
    low, high = {}, {}
    for column, values in columns.items():
        floor = 0 if column in protected.zeros_hidden else 1
        for row, count in enumerate(values):
            if protected.hidden(column, row):
                low[column, row], high[column, row] = floor, limit
            else:
                low[column, row] = high[column, row] = count
    changed = True
    while changed:
        changed = False
        for column, values in columns.items():
            total = sum(values)
            rows = range(len(values))
            sum_low = sum(low[column, r] for r in rows)
            sum_high = sum(high[column, r] for r in rows)
            for r in rows:
                new_low = max(low[column, r], total - (sum_high - high[column, r]))
                new_high = min(high[column, r], total - (sum_low - low[column, r]))
                if (new_low, new_high) != (low[column, r], high[column, r]):
                    low[column, r], high[column, r] = new_low, new_high
                    changed = True
        for smaller, larger in links:
            for r in range(len(columns[smaller])):
                if low[larger, r] < low[smaller, r]:
                    low[larger, r], changed = low[smaller, r], True
                if high[smaller, r] > high[larger, r]:
                    high[smaller, r], changed = high[larger, r], True
    return {key: (low[key], high[key]) for key in protected.cells}


def _pinned(columns, protected, links):
    return sorted(key for key, (low, high) in bounds(columns, protected, links).items() if low >= high)


def _widen(columns, protected, column):
    """Hide one more count of ``column``: the smallest shown non-zero one, else its zeros.
    False when nothing is left to hide."""
    values = columns[column]
    shown = [(count, row) for row, count in enumerate(values) if count and not protected.hidden(column, row)]
    if shown:
        protected.cells.add((column, min(shown)[1]))
        return True
    zeros = [row for row, count in enumerate(values) if not count and not protected.hidden(column, row)]
    if zeros:
        protected.cells.update((column, row) for row in zeros)
        protected.zeros_hidden.add(column)
        return True
    return False


def protect(columns, links=(), threshold=THRESHOLD):
    """The :class:`Protected` pattern for ``columns`` ({name: [count per row]}, equal lengths).

    Deterministic: the same table always hides the same cells."""
    protected = Protected()
    for column, values in columns.items():
        if any(count < 0 for count in values):
            raise ValueError(f"negative count in {column!r}")
        if small(sum(values), threshold):
            _withhold(protected, column, values)
        protected.cells.update((column, row) for row, count in enumerate(values) if small(count, threshold))
    # Linked columns hide the same rows: a count shown beside a hidden one bounds it (and the
    # sum of the hidden ones), which can pin it. Then widen until nothing is pinned.
    for _round in range(10 * sum(len(v) for v in columns.values()) + 10):
        _align(columns, protected, links)
        pinned = _pinned(columns, protected, links)
        if not pinned:
            return protected
        if not any(_widen(columns, protected, column) for column, _row in pinned):
            break
    # Nothing more to hide that helps (every count of a column is hidden and still follows
    # from its total): withhold the whole column.
    for column, _row in _pinned(columns, protected, links):
        _withhold(protected, column, columns[column])
    return protected


def _align(columns, protected, links):
    for smaller, larger in links:
        for row in range(len(columns[smaller])):
            if protected.hidden(smaller, row) or protected.hidden(larger, row):
                for column in (smaller, larger):
                    protected.cells.add((column, row))
                    if not columns[column][row]:
                        protected.zeros_hidden.add(column)  # a hidden count there may be 0


def _withhold(protected, column, values):
    """Hide a whole column, zeros and total included: nothing says which rows are empty."""
    protected.totals.add(column)
    protected.zeros_hidden.add(column)
    protected.cells.update((column, row) for row in range(len(values)))
