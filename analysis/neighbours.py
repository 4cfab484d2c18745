"""Pulling each note towards what notes in other languages say about the same thing, and (in a
run read in one language) smoothing each note by its nearest notes to find the themes' centres.

Even aligned per language (:func:`analysis.encoders.centre`), the encoder's vectors keep a
trace of their language, and a note near a theme's edge tends to fall on its own language's
side while its translation falls on the other. Before clustering, each note's vector is moved
towards the similarity-weighted mean of its nearest notes *in other languages*
(``v + alpha * mean``, re-normalised). Notes in one language are left as they are; a run in a
single language is unchanged.

No translation is needed: a note's nearest notes in other languages are the ones that say the
most similar things (its translation, when there is one). Measured on the dev data's learning
half only (offsets learned on one half of its pairs, themes on the other, both ways round; see
``benchmarks/eval_learning_half.py``): the share of sentence-translation pairs in one theme rose
from 0.928 to 0.971, and on the held-out half from 0.878 to 0.951 (``docs/analysis.md``).

The smoothing (:func:`smooth_by_neighbours`) serves runs the pull leaves alone: each language
of the learning half themed alone rose from a mean AMI of 0.362 to 0.385. In runs of several
languages it lowered both measures there, so :class:`analysis.ThemeModel` uses it only when the
encoder reads every note in one language.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.preprocessing import normalize as l2_normalize

__all__ = ["pull_across_languages", "smooth_by_neighbours"]

#: The pull is computed for runs of at most this many notes (it compares every pair of notes:
#: about a second at 10,000; larger runs, over stored vectors, are clustered without it).
MAX_NOTES = 10_000


def pull_across_languages(E: np.ndarray, langs: Sequence[str | None], alpha: float = 0.5,
                          neighbours: int = 5, chunk: int = 1000) -> np.ndarray:
    """``E`` (unit rows; zero rows are notes left out) with each live row moved towards the
    similarity-weighted mean of its ``neighbours`` most similar live rows of other languages,
    counting only those at least as similar to it as its nearest note of its own language (a
    language whose notes are all about one subject must not drag the others' notes to it).

    Returns a new array; ``E`` itself is returned unchanged when ``alpha`` is 0, when fewer
    than two languages have live rows, or when there are more than :data:`MAX_NOTES` rows.
    """
    keys = np.array([lang or "" for lang in langs], dtype=object)
    live = np.flatnonzero(np.abs(E).sum(axis=1) > 0)
    if alpha <= 0 or len(set(keys[live].tolist())) < 2 or len(E) > MAX_NOTES:
        return E
    L = E[live].astype(np.float32)
    codes = np.unique(keys[live], return_inverse=True)[1]
    k = min(neighbours, len(live) - int(np.bincount(codes).max()))  # others of every row
    pulled = np.empty_like(L)
    for start in range(0, len(L), chunk):
        rows = slice(start, start + chunk)
        S = L[rows] @ L.T
        same = codes[rows, None] == codes[None, :]
        own = np.where(same, S, -np.inf)
        own[np.arange(S.shape[0]), np.arange(start, start + S.shape[0])] = -np.inf  # itself
        floor = own.max(axis=1, keepdims=True)  # its nearest note of its own language
        floor = np.where(np.isfinite(floor), floor, 0.0)
        S[same] = -np.inf  # other languages only
        nn = np.argpartition(-S, k - 1, axis=1)[:, :k]
        w = np.take_along_axis(S, nn, axis=1)
        w = np.where(w >= floor, np.maximum(w, 0.0), 0.0)
        total = w.sum(axis=1, keepdims=True)
        mean = np.einsum("ij,ijd->id", w, L[nn]) / np.where(total > 0, total, 1.0)
        pulled[rows] = L[rows] + alpha * mean
    out = np.array(E, dtype=np.float32, copy=True)
    out[live] = l2_normalize(pulled)
    return out


def smooth_by_neighbours(Z: np.ndarray, alpha: float = 1.0, neighbours: int = 10,
                         chunk: int = 1000) -> np.ndarray:
    """``Z`` (unit rows; zero rows are notes left out) with each live row moved towards the
    similarity-weighted mean of its ``neighbours`` most similar live rows, whatever their
    language (``v + alpha * mean``, re-normalised).

    A short note's vector says its subject with noise; its nearest notes say much the same
    subject with other noise, so the mean of a few of them is a steadier guide to where the
    note belongs. Used only to find the themes' centres (notes are then assigned by their own
    vectors). Returns ``Z`` itself when ``alpha`` is 0, when there are fewer than three live
    rows, or when there are more than :data:`MAX_NOTES` rows.
    """
    live = np.flatnonzero(np.abs(Z).sum(axis=1) > 0)
    if alpha <= 0 or len(live) < 3 or len(Z) > MAX_NOTES:
        return Z
    L = Z[live].astype(np.float32)
    k = min(neighbours, len(live) - 1)
    smoothed = np.empty_like(L)
    for start in range(0, len(L), chunk):
        rows = slice(start, start + chunk)
        S = L[rows] @ L.T
        S[np.arange(S.shape[0]), np.arange(start, start + S.shape[0])] = -np.inf  # itself
        nn = np.argpartition(-S, k - 1, axis=1)[:, :k]
        w = np.maximum(np.take_along_axis(S, nn, axis=1), 0.0)
        total = w.sum(axis=1, keepdims=True)
        mean = np.einsum("ij,ijd->id", w, L[nn]) / np.where(total > 0, total, 1.0)
        smoothed[rows] = L[rows] + alpha * mean
    out = np.array(Z, dtype=np.float64, copy=True)
    out[live] = l2_normalize(smoothed)
    return out
