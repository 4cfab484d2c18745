"""ThemeModel: cluster notes into themes, with labels, keywords and verbatim quotes.

Pipeline (each step a swappable component): :func:`analysis.features.prepare` (normalize,
detect, tokenize, stem; English translation when given) -> :class:`NoteVectorizer` (TF-IDF,
1-2-grams of stems) -> TruncatedSVD (LSA) -> (MiniBatch)KMeans on unit vectors -> notes far from
every theme, and themes too small to stand, go to ``unassigned``. A lexical run over 20,000
notes learns its vocabulary, weights, LSA directions and first centres from a sample of 5,000
notes stratified by language (:mod:`analysis.lexical`), reads every other note fast, and moves
the centres by every note (:func:`analysis.clustering.refine_centres`); smaller runs are as
before, bit for bit. Keywords, names and quotes: :func:`analysis.describe.describe_themes`.

With ``encoder="multilingual"`` the notes' meaning comes from a multilingual sentence encoder
(:mod:`analysis.encoders`, vectors centred per language), placed beside the LSA vectors with
weights so that a dot product is ``(1 - w) * meaning + w * words``; the words still name the
themes (:mod:`analysis.describe`).

Memory is linear in the number of notes (no pairwise matrices); the whole fit runs with BLAS and
OpenMP limited to one thread (``threadpool_limits(1)``), which is faster on small machines.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from .clustering import auto_n_themes, cluster_centres, refine_centres
from .describe import describe_themes
from .encoders import DIM, encoder_inputs, note_vectors, resolve_encoder
from .features import NoteVectorizer, prepare, resolve_languages
from .lexical import FIT_SAMPLE, LARGE_NOTES, REFINE_STEPS, read_large, stratified_sample
from .neighbours import MAX_NOTES as PULL_MAX_NOTES
from .neighbours import pull_across_languages, smooth_by_neighbours
from .records import Note, as_notes

__all__ = ["ThemeModel", "auto_n_themes"]


#: Lexical share of the similarity when the multilingual encoder is used ("auto" weight), and
#: the number of notes above which "auto" clusters on meaning alone (the lexical analysis of
#: every note would then dominate a run over stored vectors).
AUTO_LEXICAL_WEIGHT = 0.2
LEXICAL_MAX_NOTES = 20_000
#: The LSA directions are learned from a sample of this many notes of larger runs.
SVD_MAX_NOTES = 20_000


def _same_language_share(langs) -> float:
    """The chance that two notes analysed for their words share a language.

    Words only meet within a language: between languages their similarity is nil, so in a run
    of many languages they pull each language's notes together and a note away from its
    translation's theme. "auto" scales the words' share by this chance (1 for a run in one
    language or with every note translated; 0.1 for ten languages in equal parts).
    """
    counts = np.array(list(Counter(langs).values()), dtype=float)
    return float(((counts / counts.sum()) ** 2).sum()) if len(counts) else 1.0


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
    min_similarity : "auto" or float
        A note whose cosine similarity to its nearest theme centre is below this is unassigned
        ("auto": 0.2 on the lexical path, 0.15 with the encoder).
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
    encoder : "lexical", "multilingual" or "auto"
        The representation: words (TF-IDF/LSA), or meaning from the multilingual sentence
        encoder (:mod:`analysis.encoders`) combined with words; "auto" uses the encoder when it
        is installed. Notes in a language the encoder does not cover, without a translation,
        are left out of every theme and listed in ``not_understood_``.
    lexical_weight : "auto" or float in [0, 1]
        With the encoder, the share of word similarity beside meaning ("auto": 0.2 times the
        chance that two notes' words are in one language, and 0 for runs over more than 20,000
        notes).
    session_key, table_key : str
        Keys of ``note.meta`` naming a note's session and table (for counts and flags).
    language_pull : float
        With the encoder, in a run of several languages (up to 10,000 notes), each note's
        meaning is moved this far towards its nearest notes in other languages before
        clustering (:mod:`analysis.neighbours`); 0 turns it off. Only when fitting.
    neighbour_smoothing : float
        With the encoder, in a run the encoder reads in one language (up to 10,000 notes, where
        the pull moves nothing), the themes' centres are found on the notes' vectors each moved
        this far towards the mean of its 10 nearest notes
        (:func:`analysis.neighbours.smooth_by_neighbours`); notes are then assigned by their
        own vectors. 0 turns it off.
    """

    def __init__(self, n_themes="auto", random_state=0, n_components=50, min_similarity="auto",
                 min_theme_size="auto", max_themes=30, n_keywords=8, n_representatives=3,
                 use_translation=True, keep_original=True, encoder="lexical",
                 lexical_weight="auto", session_key="session_id", table_key="table_id",
                 language_pull=0.5, neighbour_smoothing=1.0):
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
        self.encoder = encoder
        self.lexical_weight = lexical_weight
        self.session_key = session_key
        self.table_key = table_key
        self.language_pull = language_pull
        self.neighbour_smoothing = neighbour_smoothing

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

    def _threshold(self) -> float:
        if self.min_similarity == "auto":
            return 0.2 if self.encoder_ == "lexical" else 0.15
        return float(self.min_similarity)

    def _lexical_share(self, n: int) -> float:
        if self.encoder_ == "lexical":
            return 1.0
        w = self.lexical_weight
        if w == "auto":
            return AUTO_LEXICAL_WEIGHT if n <= LEXICAL_MAX_NOTES else 0.0
        if not isinstance(w, int | float) or not 0.0 <= float(w) <= 1.0:
            raise ValueError(f"lexical_weight must be 'auto' or a number in [0, 1], got {w!r}")
        return float(w)

    def fit(self, notes, y=None, *, vectors=None):
        """Cluster ``notes`` (Note objects, dicts or (id, text) pairs). Returns self.

        ``vectors`` (multilingual encoder only): stored raw vectors from
        :func:`analysis.encode`, one row per note in order, of the text
        :func:`analysis.encoder_input` names for it; rows of NaN (or zeros) are encoded now.
        """
        notes = as_notes(notes)
        ids = [n.id for n in notes]
        dup = [i for i, c in Counter(ids).items() if c > 1]
        if dup:
            raise ValueError(f"duplicate note id {dup[0]!r}")
        if vectors is not None:
            if self.encoder == "lexical":
                raise ValueError("vectors are only used with encoder='multilingual' or 'auto'")
            self.encoder_ = "multilingual"
            vectors = np.asarray(vectors, dtype=np.float32)
            if vectors.shape != (len(notes), DIM):
                raise ValueError(f"vectors must have shape ({len(notes)}, {DIM}), "
                                 f"got {vectors.shape}")
        else:
            self.encoder_ = resolve_encoder(self.encoder)
        with threadpool_limits(limits=1):
            self._fit(notes, vectors)
        return self

    def _encoded(self, notes, langs, vectors, fitting=False) -> tuple[np.ndarray, np.ndarray]:
        """Centred encoder vectors (zero rows for notes not understood) and the mask of notes
        the encoder understands."""
        E, understood = note_vectors(notes, langs, vectors)
        if fitting:
            # what every note of this run shares (once languages are aligned) says nothing
            # about its theme: remove it, the same for every language
            rows = understood & E.any(axis=1)
            self.encoder_mean_ = E[rows].mean(axis=0) if rows.any() else np.zeros(DIM)
        live = E.any(axis=1)
        E[live] -= self.encoder_mean_
        E = l2_normalize(E)
        if fitting and self.language_pull and len(notes) <= PULL_MAX_NOTES:
            read_as = [x[1] if x is not None else None for x in encoder_inputs(notes, langs)]
            E = pull_across_languages(E, read_as, alpha=float(self.language_pull))
        return E, understood

    def _fit(self, notes: list[Note], vectors) -> None:
        n = len(notes)
        k, min_size = self._check_params(max(n, 1))
        self.vectorizer_, self.svd_, self.lexical_weight_ = None, None, self._lexical_share(n)
        if n == 0:
            self.centroids_ = np.zeros((0, 0))
            self.theme_ids_, self.themes_, self.labels_, self.unassigned_ = [], [], [], []
            self.not_understood_, self.n_themes_ = [], 0
            return
        langs = resolve_languages(notes)
        docs = None
        # a large lexical run learns on a sample of its notes (analysis.lexical)
        large = self.encoder_ == "lexical" and n > LARGE_NOTES
        if self.lexical_weight_ > 0:
            if large:
                sample = stratified_sample(langs, FIT_SAMPLE, self.random_state)
                self.vectorizer_, self.svd_, X, docs = read_large(
                    notes, langs, sample, self.use_translation, self.keep_original,
                    self._fit_svd, self.n_components)
            else:
                docs = prepare(notes, self.use_translation, self.keep_original, langs=langs)
                self.vectorizer_ = NoteVectorizer()
                X = self.vectorizer_.fit_transform(docs)
                d = min(self.n_components, X.shape[1] - 1, n - 1)
                self.svd_ = self._fit_svd(X, d) if d >= 2 else None
            Z_lex = self._embed(X)
            if self.encoder_ != "lexical" and self.lexical_weight == "auto":
                self.lexical_weight_ *= _same_language_share([d.source_lang for d in docs])
            # a note sharing no term with any other note has nothing to meet others by
            shared = np.flatnonzero(np.asarray((X > 0).sum(axis=0)).ravel() >= 2)
            has_terms = np.asarray(X[:, shared].getnnz(axis=1) > 0)
        if self.encoder_ == "lexical":
            Z, usable, understood = Z_lex, has_terms, np.ones(n, dtype=bool)
        else:
            E, understood = self._encoded(notes, langs, vectors, fitting=True)
            if docs is not None:
                Z_lex[~has_terms] = 0.0  # met by meaning alone
                Z_lex = self._centre_words(Z_lex, [d.source_lang for d in docs], fitting=True)
            Z = self._fuse(E, Z_lex if docs is not None else None)
            usable = understood & (np.abs(Z).sum(axis=1) > 0)

        fit_rows = np.flatnonzero(usable)
        centers = np.zeros((0, Z.shape[1]))
        if len(fit_rows) > 0:
            sampled = fit_rows[np.isin(fit_rows, list(docs))] if large else fit_rows
            sampled = sampled if len(sampled) else fit_rows  # (no usable note in the sample)
            k = min(k, len(sampled))
            found_on = Z[sampled]
            if (self.encoder_ != "lexical" and self.neighbour_smoothing
                    and len(sampled) <= PULL_MAX_NOTES and self._one_language(notes, langs, sampled)):
                found_on = smooth_by_neighbours(found_on, float(self.neighbour_smoothing))
            centers = cluster_centres(found_on, k, self.encoder_ == "lexical", self.random_state)
            if large:  # found on the sample, then moved by every note
                centers = refine_centres(Z[fit_rows], centers, REFINE_STEPS)
        # Assign, dissolve themes that are too small, re-assign their notes; repeat.
        for _ in range(10):
            labels = self._assign(Z, centers, usable)
            sizes = np.bincount(labels[labels >= 0], minlength=len(centers))
            keep = sizes >= min_size
            if keep.all() or not keep.any():
                break
            centers = centers[keep]
        labels = self._assign(Z, centers, usable)
        sizes = np.bincount(labels[labels >= 0], minlength=len(centers))
        order = sorted(range(len(centers)), key=lambda c: (-sizes[c], c))
        order = [c for c in order if sizes[c] > 0]
        self.centroids_ = centers[order]
        remap = np.full(len(centers) + 1, -1)  # old centre -> new; -1 (the last) stays -1
        remap[order] = np.arange(len(order))
        labels = remap[labels]
        self.theme_ids_ = [f"t{i + 1}" for i in range(len(order))]

        self.themes_ = describe_themes(self, notes, langs, docs, Z, labels)
        self.labels_ = [self.theme_ids_[c] if c >= 0 else None for c in labels]
        self.unassigned_ = [note.id for note, c in zip(notes, labels, strict=True) if c < 0]
        self.not_understood_ = [note.id for note, ok in zip(notes, understood, strict=True)
                                if not ok]
        self.n_themes_ = len(self.themes_)

    @staticmethod
    def _one_language(notes, langs, rows) -> bool:
        """Whether the encoder reads the notes of ``rows`` in one language (the pull across
        languages then leaves them as they are, and the smoothing by neighbours stands in)."""
        read_as = encoder_inputs([notes[i] for i in rows], [langs[i] for i in rows])
        return len({x[1] for x in read_as if x is not None}) < 2

    def _fit_svd(self, X, d: int) -> TruncatedSVD:
        """LSA directions; those of runs over SVD_MAX_NOTES notes are learned from a random
        sample of that many, over the terms the sample uses (the directions of 20,000 short
        notes hold for the rest, at a fifth of the cost), and weigh other terms zero."""
        if X.shape[0] > SVD_MAX_NOTES:
            rng = np.random.RandomState(self.random_state)
            sample = X[np.sort(rng.choice(X.shape[0], SVD_MAX_NOTES, replace=False))]
            used = np.flatnonzero(sample.getnnz(axis=0))
        if X.shape[0] <= SVD_MAX_NOTES or len(used) <= d + 1:
            return TruncatedSVD(d, random_state=self.random_state).fit(X)
        svd = TruncatedSVD(d, random_state=self.random_state).fit(sample[:, used])
        components = np.zeros((svd.components_.shape[0], X.shape[1]))
        components[:, used] = svd.components_
        svd.components_, svd.n_features_in_ = components, X.shape[1]  # for every term
        return svd

    def _embed(self, X) -> np.ndarray:
        Z = self.svd_.transform(X) if self.svd_ is not None else X.toarray()
        return l2_normalize(Z)

    def _centre_words(self, Z: np.ndarray, langs, fitting=False) -> np.ndarray:
        """Subtract each language's mean word vector (of this run).

        Words of different languages live in different LSA directions; uncentred, they pull
        the notes of each language together whatever they say, and a note would leave its
        translation's theme for its language's.
        """
        keys = np.array([lang or "" for lang in langs], dtype=object)
        if fitting:
            self.word_means_ = {}
            for lang in sorted(set(keys.tolist())):
                rows = (keys == lang) & Z.any(axis=1)
                if rows.sum() >= 2:
                    self.word_means_[lang] = Z[rows].mean(axis=0)
        Z = Z.copy()
        live = Z.any(axis=1)
        for lang, mean in self.word_means_.items():
            Z[(keys == lang) & live] -= mean
        return l2_normalize(Z)

    def _fuse(self, E: np.ndarray, Z_lex: np.ndarray | None) -> np.ndarray:
        """Side by side, weighted so that a dot product is (1 - w) * meaning + w * words."""
        w = self.lexical_weight_
        if Z_lex is None or w <= 0:
            return E
        Z = np.hstack([E * np.sqrt(1.0 - w), Z_lex * np.sqrt(w)])
        return l2_normalize(Z)

    def _assign(self, Z: np.ndarray, centers: np.ndarray, usable: np.ndarray) -> np.ndarray:
        if len(centers) == 0:
            return np.full(len(Z), -1)
        sims = Z @ centers.T
        best = sims.argmax(axis=1)
        ok = usable & (sims[np.arange(len(Z)), best] >= self._threshold())
        return np.where(ok, best, -1)

    # -- using a fitted model ------------------------------------------------------------------
    def _represent(self, notes: list[Note], vectors) -> tuple[np.ndarray, np.ndarray]:
        langs = resolve_languages(notes)
        Z_lex, has_terms = None, np.ones(len(notes), dtype=bool)
        if self.vectorizer_ is not None:
            docs = prepare(notes, self.use_translation, self.keep_original, langs=langs)
            X = self.vectorizer_.transform(docs)
            Z_lex, has_terms = self._embed(X), np.asarray(X.getnnz(axis=1) > 0)
        if self.encoder_ == "lexical":
            return Z_lex, has_terms
        E, understood = self._encoded(notes, langs, vectors)
        if Z_lex is not None:
            Z_lex[~has_terms] = 0.0
            Z_lex = self._centre_words(Z_lex, [d.source_lang for d in docs])
        Z = self._fuse(E, Z_lex)
        return Z, understood & (np.abs(Z).sum(axis=1) > 0)

    def transform(self, notes, *, vectors=None) -> np.ndarray:
        """Cosine similarity of each note to each theme (columns follow ``themes_``)."""
        check_is_fitted(self, "themes_")
        notes = as_notes(notes)
        with threadpool_limits(limits=1):
            Z, _ = self._represent(notes, vectors)
            return Z @ self.centroids_.T

    def predict(self, notes, *, vectors=None) -> list[str | None]:
        """Theme id for each note (or None when it fits no theme, or the encoder does not
        understand it), without re-clustering."""
        check_is_fitted(self, "themes_")
        notes = as_notes(notes)
        if not notes or not self.themes_:
            return [None] * len(notes)
        with threadpool_limits(limits=1):
            Z, usable = self._represent(notes, vectors)
            labels = self._assign(Z, self.centroids_, usable)
        return [self.theme_ids_[c] if c >= 0 else None for c in labels]

    def fit_predict(self, notes, y=None, *, vectors=None) -> list[str | None]:
        return self.fit(notes, vectors=vectors).labels_

    def to_dict(self) -> dict:
        """Themes, unassigned ids and (a subset of those) the ids of notes the encoder does not
        understand, as plain data (the CLI's JSON shape)."""
        check_is_fitted(self, "themes_")
        return {"themes": [t.to_dict() for t in self.themes_],
                "unassigned": list(self.unassigned_),
                "not_understood": list(self.not_understood_),
                "encoder": self.encoder_}
