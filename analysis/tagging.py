"""CodebookTagger: multi-label tagging of notes with a codebook.

Zero-shot, each code is scored by the best similarity between the note and the code's text in
each language (name, description, examples; see :mod:`analysis.similarity`). Once people confirm
tags, a per-code logistic regression is trained on those notes (with the code texts as extra
examples) and blended with the prior: the more confirmed examples a code has, the more its
classifier counts.

With ``encoder="multilingual"`` (or "auto" where installed) the note's meaning counts too: the
zero-shot prior blends the word similarity with the encoder's similarity between the note and
each code text (:mod:`analysis.encoders`, centred per language), and the classifiers read the
encoder vector beside the words. A note the encoder does not understand (Hmong without a
translation) is scored by its words alone.
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
from .encoders import (
    DIM,
    centre,
    encode,
    encoder_input,
    encoder_inputs,
    note_vectors,
    resolve_encoder,
)
from .features import resolve_languages
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
    encoder : "lexical", "multilingual" or "auto"
        Words only, or words and meaning (see the module docstring).
    encoder_weight : float in [0, 1]
        The encoder's share of the zero-shot prior.
    encoder_scale : float
        Encoder cosine above a note's median code similarity that counts as a full match.
    """

    def __init__(self, codebook, threshold=0.35, prior_scale=0.25, prior_strength=4.0, C=4.0,
                 max_codes=3, random_state=0, encoder="lexical", encoder_weight=0.8,
                 encoder_scale=0.25):
        self.codebook = codebook
        self.threshold = threshold
        self.prior_scale = prior_scale
        self.prior_strength = prior_strength
        self.C = C
        self.max_codes = max_codes
        self.random_state = random_state
        self.encoder = encoder
        self.encoder_weight = encoder_weight
        self.encoder_scale = encoder_scale

    def _codebook(self) -> Codebook:
        cb = self.codebook
        if isinstance(cb, Codebook):
            return cb
        if isinstance(cb, dict):
            return parse_codebook(cb)
        return load_codebook(cb)

    def fit(self, labelled_notes=None, y=None, *, vectors=None):
        """Prepare the code prior; learn from ``labelled_notes`` when given.

        Confirmed codes come from ``y`` (one list of code ids per note) or, when ``y`` is None,
        from each note's ``meta["codes"]`` (a list, or a ``|``-separated string). ``vectors``:
        stored raw encoder vectors of the labelled notes (see :func:`analysis.encode`).
        """
        self.encoder_ = "multilingual" if (vectors is not None and self.encoder != "lexical") \
            else resolve_encoder(self.encoder)
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
            self.code_embeddings_ = None
            if self.encoder_ == "multilingual":
                self._fit_code_embeddings(cb)
            self.n_examples_ = Y.sum(axis=0).astype(int)
            self.models_: list[LogisticRegression | None] = [None] * len(cb.codes)
            if notes:
                X = sp.vstack([self._features(notes, note_v, vectors),
                               self._code_features()]).tocsr()
                Yc = np.vstack([Y, np.eye(len(cb.codes), dtype=int)[self.code_owner_]])
                for j in range(len(cb.codes)):
                    if self.n_examples_[j] == 0 or Yc[:, j].min() == Yc[:, j].max():
                        continue
                    clf = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000,
                                             random_state=self.random_state)
                    self.models_[j] = clf.fit(X, Yc[:, j])
        return self

    def _fit_code_embeddings(self, cb: Codebook) -> None:
        texts, langs, owner = [], [], []
        for j, code in enumerate(cb.codes):
            for lang, text in code.texts().items():
                found = encoder_input(text, lang)
                if found is not None:  # a code text in Hmong is read by its words only
                    texts.append(found[0])
                    langs.append(found[1])
                    owner.append(j)
        self.code_embeddings_ = centre(encode(texts), langs) if texts else np.zeros((0, 384))
        self.code_embedding_owner_ = np.asarray(owner, dtype=int)

    def _note_embeddings(self, notes, vectors) -> tuple[np.ndarray, np.ndarray]:
        return note_vectors(notes, vectors=vectors)

    def _features(self, notes, views, vectors):
        X = self.space_.transform(views)
        if self.encoder_ != "multilingual":
            return X
        E, _ = self._note_embeddings(notes, vectors)
        return sp.hstack([X, sp.csr_matrix(E.astype(np.float64))]).tocsr()

    def _code_features(self):
        X = self.code_vectors_
        if self.encoder_ != "multilingual":
            return X
        # a code's own texts, by meaning: the mean of its texts' vectors
        E = np.zeros((X.shape[0], self.code_embeddings_.shape[1]))
        for j in range(len(self.classes_)):
            mine = self.code_embeddings_[self.code_embedding_owner_ == j]
            if len(mine):
                E[self.code_owner_ == j] = mine.mean(axis=0)
        return sp.hstack([X, sp.csr_matrix(E)]).tocsr()

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

    def _per_code(self, sims: np.ndarray, owner: np.ndarray, scale: float) -> np.ndarray:
        out = np.zeros((sims.shape[0], len(self.classes_)))
        for j in range(len(self.classes_)):
            if (owner == j).any():
                out[:, j] = sims[:, owner == j].max(axis=1)
        if out.shape[1] >= 3:
            # similarity above what the note shares with a typical code (common words, shared
            # character n-grams, the encoder's common ground) is what marks a match
            out = out - np.median(out, axis=1, keepdims=True)
        return np.clip(out / scale, 0.0, 1.0)

    def prior_scores(self, notes, *, vectors=None) -> np.ndarray:
        """Zero-shot scores in [0, 1], shape (n_notes, n_codes)."""
        check_is_fitted(self, "space_")
        notes = as_notes(notes)
        X = self.space_.transform(note_views(notes))
        lexical = self._per_code((X @ self.code_vectors_.T).toarray(), self.code_owner_,
                                 self.prior_scale)
        if self.encoder_ != "multilingual" or len(self.code_embeddings_) == 0:
            return lexical
        E, understood = self._note_embeddings(notes, vectors)
        meaning = self._per_code(E @ self.code_embeddings_.T, self.code_embedding_owner_,
                                 self.encoder_scale)
        w = float(self.encoder_weight) * understood[:, None]
        return (1.0 - w) * lexical + w * meaning

    def decision_scores(self, notes, *, vectors=None) -> np.ndarray:
        """Blended scores in [0, 1] for every code, shape (n_notes, n_codes)."""
        check_is_fitted(self, "space_")
        notes = as_notes(notes)
        if not notes:
            return np.zeros((0, len(self.classes_)))
        with threadpool_limits(limits=1):
            if self.encoder_ == "multilingual" and vectors is None:
                # encode once for the prior and the classifiers
                vectors = _raw_vectors(notes)
            prior = self.prior_scores(notes, vectors=vectors)
            if not any(m is not None for m in self.models_):
                return prior
            X = self._features(notes, note_views(notes), vectors)
            scores = prior.copy()
            for j, model in enumerate(self.models_):
                if model is None:
                    continue
                p = model.predict_proba(X)[:, 1]
                n = float(self.n_examples_[j])
                scores[:, j] = (self.prior_strength * prior[:, j] + n * p) / (
                    self.prior_strength + n)
        return scores

    def predict(self, notes, *, vectors=None) -> list[list[tuple[str, float]]]:
        """For each note, the codes at or above ``threshold``, best first: [(code_id, score)]."""
        scores = self.decision_scores(notes, vectors=vectors)
        out = []
        for row in scores:
            order = np.argsort(-row, kind="stable")
            ranked = [(self.classes_[j], round(float(row[j]), 4)) for j in order
                      if row[j] >= self.threshold]
            out.append(ranked[: self.max_codes] if self.max_codes else ranked)
        return out


def _raw_vectors(notes) -> np.ndarray:
    """Raw encoder vectors of the notes' encoder inputs (NaN rows where not understood)."""
    inputs = encoder_inputs(notes, resolve_languages(notes))
    out = np.full((len(notes), DIM), np.nan, dtype=np.float32)
    live = [i for i, x in enumerate(inputs) if x is not None]
    if live:
        out[live] = encode([inputs[i][0] for i in live])
    return out
