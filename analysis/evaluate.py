"""Measuring quality on labelled notes: themes against a ``label`` column, tags against
``codes``, each beside a baseline computed in the same run."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    f1_score,
    normalized_mutual_info_score,
)
from sklearn.model_selection import GroupKFold, KFold
from threadpoolctl import threadpool_limits

from .codebook import Codebook
from .records import Note
from .tagging import CodebookTagger
from .themes import ThemeModel

__all__ = ["baseline_themes", "cross_language_agreement", "evaluate_tags", "evaluate_themes"]


def _scores(labels: Sequence[str], found: Sequence[Any]) -> dict[str, float]:
    # unassigned notes count as one more cluster, so leaving notes out is not free
    found = ["\x00unassigned" if f is None else str(f) for f in found]
    return {"nmi": round(float(normalized_mutual_info_score(labels, found)), 4),
            "ami": round(float(adjusted_mutual_info_score(labels, found)), 4),
            "ari": round(float(adjusted_rand_score(labels, found)), 4)}


def baseline_themes(texts: Sequence[str], k: int, seed: int = 0) -> list[int]:
    """The baseline: scikit-learn's default TF-IDF + KMeans told the true number of themes."""
    with threadpool_limits(limits=1):
        X = TfidfVectorizer().fit_transform(texts)
        return KMeans(k, random_state=seed, n_init=10).fit_predict(X).tolist()


def cross_language_agreement(groups: Sequence[str], found: Sequence[Any]) -> float:
    """Share of pairs of notes in one group (a sentence and its translations) that share a
    theme (both unassigned does not count as sharing)."""
    members = defaultdict(list)
    for g, f in zip(groups, found, strict=True):
        members[g].append(f)
    same = total = 0
    for fs in members.values():
        for i in range(len(fs)):
            for j in range(i + 1, len(fs)):
                total += 1
                same += fs[i] is not None and fs[i] == fs[j]
    return round(same / total, 4) if total else float("nan")


def evaluate_themes(notes: Sequence[Note], labels: Sequence[str], seed: int = 0,
                    n_themes: str | int = "auto", groups: Sequence[str] | None = None,
                    encoder: str = "lexical") -> dict[str, Any]:
    k_true = len(set(labels))
    model = ThemeModel(n_themes=n_themes, random_state=seed, encoder=encoder).fit(notes)
    out: dict[str, Any] = {
        "notes": len(notes), "true_themes": k_true, "themes_found": model.n_themes_,
        "unassigned": len(model.unassigned_), "model": _scores(labels, model.labels_),
        "baseline_text": _scores(labels, baseline_themes([n.text for n in notes], k_true, seed)),
    }
    if any(n.translation for n in notes):
        texts = [n.translation or n.text for n in notes]
        out["baseline_translation"] = _scores(labels, baseline_themes(texts, k_true, seed))
    if groups is not None:
        out["cross_language"] = {"model": cross_language_agreement(groups, model.labels_)}
        if any(n.translation for n in notes):
            bare = [Note(n.id, n.text, n.lang) for n in notes]
            m2 = ThemeModel(n_themes=n_themes, random_state=seed, encoder=encoder).fit(bare)
            out["cross_language"]["model_without_translation"] = cross_language_agreement(
                groups, m2.labels_)
            out["without_translation"] = _scores(labels, m2.labels_)
    return out


def _f1(Y: np.ndarray, P: np.ndarray) -> dict[str, float]:
    return {"micro_f1": round(float(f1_score(Y, P, average="micro", zero_division=0)), 4),
            "macro_f1": round(float(f1_score(Y, P, average="macro", zero_division=0)), 4)}


def _matrix(tags: list[list[tuple[str, float]]], ids: list[str]) -> np.ndarray:
    index = {c: j for j, c in enumerate(ids)}
    P = np.zeros((len(tags), len(ids)), dtype=int)
    for i, row in enumerate(tags):
        for c, _ in row:
            P[i, index[c]] = 1
    return P


def evaluate_tags(notes: Sequence[Note], codes: Sequence[list[str]], codebook: Codebook,
                  seed: int = 0, folds: int = 5, groups: Sequence[str] | None = None,
                  encoder: str = "lexical") -> dict[str, Any]:
    """Zero-shot F1, and F1 after learning from confirmed tags (k-fold cross-validated; with
    ``groups``, translations of one sentence stay in one fold so they cannot leak)."""
    ids = codebook.ids
    index = {c: j for j, c in enumerate(ids)}
    Y = np.zeros((len(notes), len(ids)), dtype=int)
    for i, cs in enumerate(codes):
        for c in cs:
            if c in index:
                Y[i, index[c]] = 1
    zero = CodebookTagger(codebook, random_state=seed, encoder=encoder).fit()
    out = {"zero_shot": _f1(Y, _matrix(zero.predict(notes), ids))}
    # baseline: always tag every note with the most frequent code
    top = np.zeros_like(Y)
    top[:, int(Y.sum(axis=0).argmax())] = 1
    out["baseline_most_frequent"] = _f1(Y, top)
    if len(notes) >= 2 * folds:
        P = np.zeros_like(Y)
        if groups is not None:
            splits = GroupKFold(folds).split(notes, groups=groups)
        else:
            splits = KFold(folds, shuffle=True, random_state=seed).split(notes)
        for train, test in splits:
            tagger = CodebookTagger(codebook, random_state=seed, encoder=encoder).fit(
                [notes[i] for i in train], [[c for c in codes[i] if c in index] for i in train])
            P[test] = _matrix(tagger.predict([notes[i] for i in test]), ids)
        out[f"trained_{folds}fold"] = _f1(Y, P)
    return out
