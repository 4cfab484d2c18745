"""Linking themes or notes to policy targets (resolution clauses, action items).

Words first: the shared text space of :mod:`analysis.similarity` (stems and character n-grams),
which links action steps to their goals better than meaning alone. With the multilingual
encoder the score blends in the cosine of the two texts' meanings (centred per language), so
a note can also reach a target written in another language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .encoders import note_vectors, resolve_encoder
from .records import as_notes
from .similarity import TextSpace, note_views

__all__ = ["rank_targets"]


def rank_targets(items: Sequence[Any], targets: Sequence[Any], top: int | None = 3,
                 encoder: str = "lexical", encoder_weight: float = 0.35,
                 item_vectors=None, target_vectors=None) -> list[list[tuple[str, float]]]:
    """For each item, the targets ranked by similarity: ``[[(target_id, score), ...], ...]``.

    Items and targets are Notes, Themes, dicts with ``id``/``text`` (and optional ``lang``,
    ``translation``) or ``(id, text)`` pairs. Scores are similarities in [0, 1]; ties keep the
    targets' order. ``top=None`` returns every target. ``encoder`` ("lexical", "multilingual"
    or "auto") adds meaning with weight ``encoder_weight``; ``item_vectors`` /
    ``target_vectors`` are stored raw vectors (see :func:`analysis.encode`), encoded when None.
    An item or target the encoder does not understand is compared by its words only.
    """
    items, targets = as_notes(items), as_notes(targets)
    if not items:
        return []
    if not targets:
        return [[] for _ in items]
    use_encoder = resolve_encoder(encoder) == "multilingual"
    with threadpool_limits(limits=1):
        item_views, target_views = note_views(items), note_views(targets)
        space = TextSpace().fit(item_views + target_views)
        sims = (space.transform(item_views) @ space.transform(target_views).T).toarray()
        if use_encoder:
            Ei, ok_i = note_vectors(items, vectors=item_vectors)
            Et, ok_t = note_vectors(targets, vectors=target_vectors)
            meaning = np.clip(Ei @ Et.T, 0.0, 1.0)
            w = float(encoder_weight) * np.outer(ok_i, ok_t)
            sims = (1.0 - w) * sims + w * meaning
    n = len(targets) if top is None else max(0, min(int(top), len(targets)))
    out = []
    for row in sims:
        order = np.argsort(-row, kind="stable")[:n]
        out.append([(targets[j].id, round(float(row[j]), 4)) for j in order])
    return out
