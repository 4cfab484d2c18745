"""CodebookTagger: multi-label tagging of notes with a codebook.

Zero-shot, each code is scored by the best similarity between the note and the code's text in
each language (name, description, examples; see :mod:`analysis.similarity`). Once people confirm
tags, a per-code logistic regression is trained on those notes (with the code texts as extra
examples) and blended with the prior: the more confirmed examples a code has, the more its
classifier counts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .codebook import Codebook, load_codebook, parse_codebook
from .records import Note, as_notes
from .similarity import TextSpace, note_views, text_view
from .text import analyze_pairs, base_language

__all__ = ["CodebookTagger"]


class CodebookTagger(BaseEstimator):
    """Tag notes with codes from a codebook.

    Parameters
    ----------
    codebook : Codebook, dict, path or shipped name
        The codes (see :func:`analysis.load_codebook`).
    threshold : float
        Minimum score for a code to be given.
    prior_scale : float
        Cosine similarity that counts as a full zero-shot match (score 1.0).
    prior_strength : float
        How many confirmed examples the zero-shot prior is worth when blending.
    C : float
        Inverse regularization of the per-code logistic regressions.
    max_codes : int or None
        At most this many codes per note.
    random_state : int
    """

    def __init__(self, codebook, threshold=0.35, prior_scale=0.25, prior_strength=4.0, C=4.0,
                 max_codes=3, random_state=0):
        self.codebook = codebook
        self.threshold = threshold
        self.prior_scale = prior_scale
        self.prior_strength = prior_strength
        self.C = C
        self.max_codes = max_codes
        self.random_state = random_state

    def _codebook(self) -> Codebook:
        cb = self.codebook
        if isinstance(cb, Codebook):
            return cb
        if isinstance(cb, dict):
            return parse_codebook(cb)
        return load_codebook(cb)

    def fit(self, labelled_notes=None, y=None):
        """Prepare the code prior; learn from ``labelled_notes`` when given.

        Confirmed codes come from ``y`` (one list of code ids per note) or, when ``y`` is None,
        from each note's ``meta["codes"]`` (a list, or a ``|``-separated string).
        """
        cb = self._codebook()
        self.codebook_ = cb
        self.classes_ = cb.ids
        notes = as_notes(labelled_notes or [])
        Y = self._targets(notes, y, cb) if notes else np.zeros((0, len(cb.codes)), dtype=int)
        with threadpool_limits(limits=1):
            code_views, owner = [], []
            for j, code in enumerate(cb.codes):
                for lang, text in code.texts().items():
                    lang = base_language(lang)
                    code_views.append(text_view(analyze_pairs(text, lang)))
                    owner.append(j)
            note_v = note_views(notes) if notes else []
            self.space_ = TextSpace().fit(code_views + note_v)
            self.code_vectors_ = self.space_.transform(code_views)
            self.code_owner_ = np.asarray(owner)
            self.n_examples_ = Y.sum(axis=0).astype(int)
            self.models_: list[LogisticRegression | None] = [None] * len(cb.codes)
            if notes:
                X = sp.vstack([self.space_.transform(note_v), self.code_vectors_]).tocsr()
                Yc = np.vstack([Y, np.eye(len(cb.codes), dtype=int)[self.code_owner_]])
                for j in range(len(cb.codes)):
                    if self.n_examples_[j] == 0 or Yc[:, j].min() == Yc[:, j].max():
                        continue
                    clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000,
                                             random_state=self.random_state)
                    self.models_[j] = clf.fit(X, Yc[:, j])
        return self

    def _targets(self, notes: Sequence[Note], y, cb: Codebook) -> np.ndarray:
        index = {cid: j for j, cid in enumerate(cb.ids)}
        Y = np.zeros((len(notes), len(index)), dtype=int)
        for i, note in enumerate(notes):
            codes = y[i] if y is not None else note.meta.get("codes", [])
            if isinstance(codes, str):
                codes = [c.strip() for c in codes.split("|") if c.strip()]
            for c in codes:
                if c not in index:
                    raise ValueError(f"note {note.id!r}: unknown code {c!r}")
                Y[i, index[c]] = 1
        return Y

    def prior_scores(self, notes) -> np.ndarray:
        """Zero-shot scores in [0, 1], shape (n_notes, n_codes)."""
        check_is_fitted(self, "space_")
        X = self.space_.transform(note_views(as_notes(notes)))
        sims = (X @ self.code_vectors_.T).toarray()
        out = np.zeros((X.shape[0], len(self.classes_)))
        for j in range(len(self.classes_)):
            out[:, j] = sims[:, self.code_owner_ == j].max(axis=1)
        if out.shape[1] >= 3:
            # similarity above what the note shares with a typical code (common words, shared
            # character n-grams) is what marks a match
            out = out - np.median(out, axis=1, keepdims=True)
        return np.clip(out / self.prior_scale, 0.0, 1.0)

    def decision_scores(self, notes) -> np.ndarray:
        """Blended scores in [0, 1] for every code, shape (n_notes, n_codes)."""
        check_is_fitted(self, "space_")
        notes = as_notes(notes)
        if not notes:
            return np.zeros((0, len(self.classes_)))
        with threadpool_limits(limits=1):
            prior = self.prior_scores(notes)
            if not any(m is not None for m in self.models_):
                return prior
            X = self.space_.transform(note_views(notes))
            scores = prior.copy()
            for j, model in enumerate(self.models_):
                if model is None:
                    continue
                p = model.predict_proba(X)[:, 1]
                n = float(self.n_examples_[j])
                scores[:, j] = (self.prior_strength * prior[:, j] + n * p) / (
                    self.prior_strength + n)
        return scores

    def predict(self, notes) -> list[list[tuple[str, float]]]:
        """For each note, the codes at or above ``threshold``, best first: [(code_id, score)]."""
        scores = self.decision_scores(notes)
        out = []
        for row in scores:
            order = np.argsort(-row, kind="stable")
            ranked = [(self.classes_[j], round(float(row[j]), 4)) for j in order
                      if row[j] >= self.threshold]
            out.append(ranked[: self.max_codes] if self.max_codes else ranked)
        return out
