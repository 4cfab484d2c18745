"""ThemeModel: cluster notes into themes, with labels, keywords and verbatim quotes.

Pipeline (each step a swappable component): :func:`analysis.features.prepare` (normalize,
detect, tokenize, stem; English translation when given) -> :class:`NoteVectorizer` (TF-IDF,
1-2-grams of stems) -> TruncatedSVD (LSA) -> (MiniBatch)KMeans on unit vectors -> notes far from
every theme, and themes too small to stand, go to ``unassigned``.

Memory is linear in the number of notes (no pairwise matrices); the whole fit runs with BLAS and
OpenMP limited to one thread (``threadpool_limits(1)``), which is faster on small machines.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .features import Doc, NoteVectorizer, prepare
from .records import Note, Theme, as_notes
from .representation import distinctive_terms, label_phrase

__all__ = ["ThemeModel", "auto_n_themes"]


def auto_n_themes(n_notes: int, max_themes: int = 30) -> int:
    """Default number of themes for ``n_notes``: about sqrt(n / 5), between 1 and max_themes.

    Small sets (a single listening session) still get up to six themes, about one per six
    notes: a table's notes touch several subjects, and tiny themes are dissolved anyway.
    """
    if n_notes < 6:
        return 1
    return int(min(max_themes, max(2, round(math.sqrt(n_notes / 5)), min(6, n_notes // 6))))


class ThemeModel(BaseEstimator):
    """Find themes in notes.

    Parameters
    ----------
    n_themes : "auto" or int
        Number of clusters to look for; "auto" picks about sqrt(n/5) (at most ``max_themes``).
    random_state : int
        Seed; the same notes and seed give the same themes.
    n_components : int
        Dimensions of the LSA space.
    min_similarity : float
        A note whose cosine similarity to its nearest theme centre is below this is unassigned.
    min_theme_size : "auto" or int
        Themes with fewer members are dissolved; "auto" is max(2, 0.5% of notes).
    max_themes : int
        Upper bound for "auto".
    n_keywords, n_representatives : int
        How many keywords and quotes each theme carries.
    use_translation : bool
        Analyse the English ``translation`` instead of the text when one is given.
    keep_original : bool
        Also keep the original text's terms beside a translation's.
    """

    def __init__(self, n_themes="auto", random_state=0, n_components=50, min_similarity=0.2,
                 min_theme_size="auto", max_themes=30, n_keywords=8, n_representatives=3,
                 use_translation=True, keep_original=True):
        self.n_themes = n_themes
        self.random_state = random_state
        self.n_components = n_components
        self.min_similarity = min_similarity
        self.min_theme_size = min_theme_size
        self.max_themes = max_themes
        self.n_keywords = n_keywords
        self.n_representatives = n_representatives
        self.use_translation = use_translation
        self.keep_original = keep_original

    # -- fitting -------------------------------------------------------------------------------
    def _check_params(self, n: int) -> tuple[int, int]:
        if self.n_themes == "auto":
            k = auto_n_themes(n, self.max_themes)
        elif isinstance(self.n_themes, int | np.integer) and self.n_themes >= 1:
            k = int(self.n_themes)
        else:
            raise ValueError(f"n_themes must be 'auto' or a positive int, got {self.n_themes!r}")
        if self.min_theme_size == "auto":
            min_size = max(2, int(0.005 * n)) if n >= 10 else 1
        elif isinstance(self.min_theme_size, int | np.integer) and self.min_theme_size >= 1:
            min_size = int(self.min_theme_size)
        else:
            raise ValueError("min_theme_size must be 'auto' or a positive int")
        return max(1, min(k, n)), min_size

    def fit(self, notes, y=None):
        """Cluster ``notes`` (Note objects, dicts or (id, text) pairs). Returns self."""
        notes = as_notes(notes)
        ids = [n.id for n in notes]
        dup = [i for i, c in Counter(ids).items() if c > 1]
        if dup:
            raise ValueError(f"duplicate note id {dup[0]!r}")
        with threadpool_limits(limits=1):
            self._fit(notes)
        return self

    def _fit(self, notes: list[Note]) -> None:
        n = len(notes)
        k, min_size = self._check_params(max(n, 1))
        if n == 0:
            self.vectorizer_, self.svd_, self.centroids_ = None, None, np.zeros((0, 0))
            self.theme_ids_, self.themes_, self.labels_, self.unassigned_ = [], [], [], []
            self.n_themes_ = 0
            return
        docs = prepare(notes, self.use_translation, self.keep_original)
        self.vectorizer_ = NoteVectorizer().fit(docs)
        X = self.vectorizer_.transform(docs)
        n_features = X.shape[1]
        d = min(self.n_components, n_features - 1, n - 1)
        self.svd_ = TruncatedSVD(d, random_state=self.random_state).fit(X) if d >= 2 else None
        Z = self._embed(X)
        # A note that shares no term with any other note has nothing in common with a theme,
        # whatever the projection makes of its own words.
        shared = np.asarray((X > 0).sum(axis=0)).ravel() >= 2
        has_terms = np.asarray(X[:, np.flatnonzero(shared)].getnnz(axis=1) > 0)
        usable = np.flatnonzero(has_terms)

        centers = np.zeros((0, Z.shape[1]))
        if len(usable) > 0:
            k = min(k, len(usable))
            centers = self._cluster(Z[usable], k)
        # Assign, dissolve themes that are too small, re-assign their notes; repeat.
        for _ in range(10):
            labels = self._assign(Z, centers, has_terms)
            sizes = np.bincount(labels[labels >= 0], minlength=len(centers))
            keep = sizes >= min_size
            if keep.all() or not keep.any():
                break
            centers = centers[keep]
        labels = self._assign(Z, centers, has_terms)
        sizes = np.bincount(labels[labels >= 0], minlength=len(centers))
        order = sorted(range(len(centers)), key=lambda c: (-sizes[c], c))
        order = [c for c in order if sizes[c] > 0]
        self.centroids_ = centers[order]
        remap = {old: new for new, old in enumerate(order)}
        labels = np.array([remap.get(int(c), -1) for c in labels])
        self.theme_ids_ = [f"t{i + 1}" for i in range(len(order))]

        self.themes_ = self._describe(notes, docs, Z, labels)
        self.labels_ = [self.theme_ids_[c] if c >= 0 else None for c in labels]
        self.unassigned_ = [note.id for note, c in zip(notes, labels, strict=True) if c < 0]
        self.n_themes_ = len(self.themes_)

    def _embed(self, X) -> np.ndarray:
        Z = self.svd_.transform(X) if self.svd_ is not None else X.toarray()
        return l2_normalize(Z)

    def _cluster(self, Z: np.ndarray, k: int) -> np.ndarray:
        if k == 1:
            return l2_normalize(Z.mean(axis=0, keepdims=True))
        if len(Z) > 20_000:
            km = MiniBatchKMeans(k, random_state=self.random_state, n_init=3,
                                 batch_size=4096, max_no_improvement=20)
        else:
            km = KMeans(k, random_state=self.random_state, n_init=4)
        km.fit(Z)
        return l2_normalize(km.cluster_centers_)

    def _assign(self, Z: np.ndarray, centers: np.ndarray, has_terms: np.ndarray) -> np.ndarray:
        if len(centers) == 0:
            return np.full(len(Z), -1)
        sims = Z @ centers.T
        best = sims.argmax(axis=1)
        ok = has_terms & (sims[np.arange(len(Z)), best] >= self.min_similarity)
        return np.where(ok, best, -1)

    def _describe(self, notes: list[Note], docs: list[Doc], Z: np.ndarray,
                  labels: np.ndarray) -> list[Theme]:
        df_all: Counter = Counter()
        for doc in docs:
            df_all.update(set(doc.terms))
        themes = []
        for c, theme_id in enumerate(self.theme_ids_):
            members = np.flatnonzero(labels == c)
            sims = Z[members] @ self.centroids_[c]
            ranked = members[np.argsort(-sims, kind="stable")]
            member_docs = [docs[i] for i in members]
            terms = distinctive_terms(member_docs, df_all, len(docs), top=max(self.n_keywords, 20))
            keywords = [surface for _, _, surface in terms[: self.n_keywords]]
            # the label is read from the notes nearest the centre, bounded for speed
            near = [docs[i] for i in ranked[:300]]
            label = label_phrase(near, {t: s for t, s, _ in terms}) or (
                ", ".join(keywords[:2]) if keywords else theme_id)
            themes.append(Theme(
                id=theme_id,
                label=label,
                keywords=keywords,
                note_ids=[notes[i].id for i in members],
                representative_ids=self._representatives(notes, docs, ranked),
            ))
        return themes

    def _representatives(self, notes, docs, ranked) -> list[str]:
        """Members nearest the centre, preferring notes with some substance, distinct texts."""
        chosen, seen = [], set()
        for min_terms in (4, 1, 0):
            for i in ranked:
                if len(chosen) >= self.n_representatives:
                    return chosen
                key = docs[i].source.casefold()
                if notes[i].id in chosen or key in seen or len(docs[i].pairs) < min_terms:
                    continue
                chosen.append(notes[i].id)
                seen.add(key)
        return chosen

    # -- using a fitted model ------------------------------------------------------------------
    def transform(self, notes) -> np.ndarray:
        """Cosine similarity of each note to each theme (columns follow ``themes_``)."""
        check_is_fitted(self, "themes_")
        notes = as_notes(notes)
        with threadpool_limits(limits=1):
            docs = prepare(notes, self.use_translation, self.keep_original)
            Z = self._embed(self.vectorizer_.transform(docs))
            return Z @ self.centroids_.T

    def predict(self, notes) -> list[str | None]:
        """Theme id for each note (or None when it fits no theme), without re-clustering."""
        check_is_fitted(self, "themes_")
        notes = as_notes(notes)
        if not notes or not self.themes_:
            return [None] * len(notes)
        with threadpool_limits(limits=1):
            docs = prepare(notes, self.use_translation, self.keep_original)
            X = self.vectorizer_.transform(docs)
            Z = self._embed(X)
            labels = self._assign(Z, self.centroids_, np.asarray(X.getnnz(axis=1) > 0))
        return [self.theme_ids_[c] if c >= 0 else None for c in labels]

    def fit_predict(self, notes, y=None) -> list[str | None]:
        return self.fit(notes).labels_

    def to_dict(self) -> dict:
        """Themes and unassigned ids as plain data (the CLI's JSON shape)."""
        check_is_fitted(self, "themes_")
        return {"themes": [t.to_dict() for t in self.themes_],
                "unassigned": list(self.unassigned_)}
