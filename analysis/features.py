"""Turning notes into term vectors (the swappable vectorizer component).

A note is represented by its English ``translation`` when one is given (so notes in different
languages about the same thing share terms), otherwise by its own text analysed in its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer

from .counting import count_terms
from .records import Note
from .text import analyze, analyze_pairs, base_language, detect_languages, normalize

__all__ = ["Doc", "NoteVectorizer", "prepare"]


@dataclass(frozen=True)
class Doc:
    """A note made ready for vectorizing."""

    lang: str | None  # language of the note's own text
    source_lang: str | None  # language of the text analysed (``en`` when a translation is used)
    source: str  # the text analysed
    pairs: tuple[tuple[str, str], ...]  # (term, surface word)
    extra: tuple[str, ...] = ()  # terms of the original text when a translation is analysed

    @property
    def terms(self) -> list[str]:
        return [t for t, _ in self.pairs]

    @property
    def all_terms(self) -> list[str]:
        """The terms analysed, then the original text's terms (what is vectorized)."""
        return [t for t, _ in self.pairs] + list(self.extra)


def resolve_languages(notes: Sequence[Note]) -> list[str | None]:
    """The base language of each note: given, or detected (in one batch) when missing."""
    langs = [base_language(n.lang) for n in notes]
    missing = [i for i, lang in enumerate(langs) if lang is None and normalize(notes[i].text)]
    if missing:
        found = detect_languages([notes[i].text for i in missing])
        for i, lang in zip(missing, found, strict=True):
            langs[i] = lang
    return langs


def prepare(notes: Sequence[Note], use_translation: bool = True,
            keep_original: bool = False, langs: Sequence[str | None] | None = None
            ) -> list[Doc]:
    """Normalize, detect languages and analyse notes into :class:`Doc` objects.

    With ``keep_original`` the original text's terms are kept beside a translation's; ``langs``
    (from :func:`resolve_languages`) saves detecting the languages again.
    """
    langs = resolve_languages(notes) if langs is None else langs
    docs = []
    for note, lang in zip(notes, langs, strict=True):
        translation = normalize(note.translation) if use_translation else ""
        text = normalize(note.text)
        extra: tuple[str, ...] = ()
        if translation:
            source, source_lang = translation, "en"
            if keep_original:
                extra = tuple(analyze(text, lang))
        else:
            source, source_lang = text, lang
        docs.append(Doc(lang, source_lang, source, tuple(analyze_pairs(source, source_lang)),
                        extra))
    return docs


def _with_bigrams(terms: list[str]) -> list[str]:
    return terms + [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False) if a != b]


def _unigrams(terms: list[str]) -> list[str]:
    return terms


class NoteVectorizer(TransformerMixin, BaseEstimator):
    """TF-IDF over language-aware stems of :class:`Doc` objects (see :func:`prepare`).

    ``min_df`` may be an int or a float as in scikit-learn; with few documents it is lowered so
    that small sessions still get a vocabulary.
    """

    def __init__(self, bigrams=True, min_df=2, max_df=0.5, max_features=200_000,
                 sublinear_tf=True):
        self.bigrams = bigrams
        self.min_df = min_df
        self.max_df = max_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf

    def _make(self, n_docs: int) -> TfidfVectorizer:
        min_df = self.min_df
        if isinstance(min_df, int) and n_docs < 50:
            min_df = 1
        max_df = self.max_df if n_docs >= 20 else 1.0
        return TfidfVectorizer(
            analyzer=_with_bigrams if self.bigrams else _unigrams,
            min_df=min_df,
            max_df=max_df,
            max_features=self.max_features,
            sublinear_tf=self.sublinear_tf,
            dtype=np.float64,
        )

    def fit(self, docs, y=None):
        terms = [d.all_terms for d in docs]
        vec = self._make(len(terms))
        try:
            vec.fit(terms)
        except ValueError:  # every document empty, or pruned to nothing
            vec = TfidfVectorizer(analyzer=_unigrams, min_df=1, dtype=np.float64)
            vec.fit([["\x00empty"]] + terms)
        self.vectorizer_ = vec
        self.vocabulary_ = vec.vocabulary_
        return self

    def transform(self, docs):
        return self.vectorizer_.transform([d.all_terms for d in docs])

    def fit_transform(self, docs, y=None):
        """Fit and transform in one pass over the documents (half the work of both), counting
        with numpy (:func:`analysis.counting.count_terms`: the same matrix as scikit-learn's)."""
        terms = [d.all_terms for d in docs]
        vec = self._make(len(terms))
        try:
            counted = count_terms(terms, self.bigrams, vec.min_df, vec.max_df, vec.max_features)
            if counted is None:  # too many distinct terms for integer keys
                X = vec.fit_transform(terms)
            else:
                vec.vocabulary_, counts = counted
                vec.fixed_vocabulary_ = False
                vec._tfidf = TfidfTransformer(norm=vec.norm, use_idf=vec.use_idf,
                                              smooth_idf=vec.smooth_idf,
                                              sublinear_tf=vec.sublinear_tf).fit(counts)
                X = vec._tfidf.transform(counts, copy=False)
        except ValueError:
            return self.fit(docs).transform(docs)
        self.vectorizer_ = vec
        self.vocabulary_ = vec.vocabulary_
        return X
