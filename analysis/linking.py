"""Linking themes or notes to policy targets (resolution clauses, action items)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .records import as_notes
from .similarity import TextSpace, note_views

__all__ = ["rank_targets"]


def rank_targets(items: Sequence[Any], targets: Sequence[Any], top: int | None = 3
                 ) -> list[list[tuple[str, float]]]:
    """For each item, the targets ranked by similarity: ``[[(target_id, score), ...], ...]``.

    Items and targets are Notes, Themes, dicts with ``id``/``text`` (and optional ``lang``,
    ``translation``) or ``(id, text)`` pairs. Scores are cosine similarities in [0, 1]; ties keep
    the targets' order. ``top=None`` returns every target.
    """
    items, targets = as_notes(items), as_notes(targets)
    if not items:
        return []
    if not targets:
        return [[] for _ in items]
    with threadpool_limits(limits=1):
        item_views, target_views = note_views(items), note_views(targets)
        space = TextSpace().fit(item_views + target_views)
        sims = (space.transform(item_views) @ space.transform(target_views).T).toarray()
    n = len(targets) if top is None else max(0, min(int(top), len(targets)))
    out = []
    for row in sims:
        order = np.argsort(-row, kind="stable")[:n]
        out.append([(targets[j].id, round(float(row[j]), 4)) for j in order])
    return out
