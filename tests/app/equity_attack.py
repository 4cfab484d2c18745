"""An exact attacker on a suppressed table of counts (tests only): what can someone who sees
the shown counts, every column's total and the links (attended <= registered, row by row)
work out about each hidden count?"""



def _compositions(total, lows, highs):
    """Every way to give ``total`` to len(lows) cells, each within [low, high]."""
    if not lows:
        if total == 0:
            yield ()
        return
    rest_low = sum(lows[1:])
    rest_high = sum(highs[1:])
    for first in range(max(lows[0], total - rest_high), min(highs[0], total - rest_low) + 1):
        for rest in _compositions(total - first, lows[1:], highs[1:]):
            yield (first,) + rest


def _box_ranges(total, lows, highs):
    """Exact range of each cell when cells in [low, high] add up to ``total`` (None: impossible)."""
    if not sum(lows) <= total <= sum(highs):
        return None
    return [(max(lo, total - (sum(highs) - hi)), min(hi, total - (sum(lows) - lo))) for lo, hi in zip(lows, highs, strict=True)]


UNBOUNDED = 10**9


def _little_ranges(little, total, floor, caps, name):
    """Ranges of the smaller column's hidden counts, each at most its row's ``caps``."""
    hidden = [r for r, v in enumerate(little) if v is None]
    if total is None:
        return {(name, r): (floor, caps[r]) for r in hidden}
    rest = total - sum(v for v in little if v is not None)
    box = _box_ranges(rest, [floor] * len(hidden), [caps[r] for r in hidden])
    if box is None:
        return None
    return {(name, r): rng for r, rng in zip(hidden, box, strict=True)}


def exact_ranges(shown, totals, floors, larger="registered", smaller="attended", limit=20_000):
    """``shown``: {column: [count or None]}; ``totals``: {column: total, None where withheld}; ``floors``: {column:
    0 or 1}, the least a hidden count can be. Returns {(column, row): (low, high)} of the hidden
    counts, or None when the search is too large. Only the two columns ``larger`` and
    ``smaller`` are linked (``smaller`` <= ``larger`` in each row)."""
    big, little = shown[larger], shown.get(smaller)
    hidden_big = [r for r, v in enumerate(big) if v is None]
    if totals[larger] is None:  # a withheld total: the hidden counts are bounded only below
        ranges = {(larger, r): (max(floors[larger], little[r] if little and little[r] is not None else 0), UNBOUNDED)
                  for r in hidden_big}
        if little is not None:
            ranges.update(_little_ranges(little, totals[smaller], floors[smaller],
                                         [UNBOUNDED if v is None else v for v in big], smaller))
        return ranges
    rest_big = totals[larger] - sum(v for v in big if v is not None)
    lows = [max(floors[larger], little[r] if little and little[r] is not None else 0) for r in hidden_big]
    highs = [rest_big] * len(hidden_big)
    ranges = {}
    seen = 0
    for assignment in _compositions(rest_big, lows, highs):
        seen += 1
        if seen > limit:
            return None
        values = list(big)
        for r, v in zip(hidden_big, assignment, strict=True):
            values[r] = v
        if little is not None:
            found = _little_ranges(little, totals[smaller], floors[smaller], values, smaller)
            if found is None:
                continue
            for key, (lo, hi) in found.items():
                old = ranges.get(key, (lo, hi))
                ranges[key] = (min(old[0], lo), max(old[1], hi))
        for r, v in zip(hidden_big, assignment, strict=True):
            old = ranges.get((larger, r), (v, v))
            ranges[larger, r] = (min(old[0], v), max(old[1], v))
    return ranges


def pinned(ranges):
    """The hidden counts that have a single possible value other than 0 (a zero names nobody,
    and is shown where it is not hidden)."""
    return sorted(key for key, (low, high) in ranges.items() if low == high and high > 0)



