"""A shared text-similarity space for tagging and linking.

Texts are compared by the average of two cosines: one over language-aware word stems
(see :mod:`analysis.text`) and one over character 3-5-grams inside words, which tolerates
morphology where no stemmer exists (Tagalog, Somali, Vietnamese) and spelling variants.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalize

from .features import resolve_languages
from .records import Note
from .text import analyze_pairs, normalize

__all__ = ["TextSpace", "note_views", "text_view"]


def note_views(notes: Sequence[Note]) -> list[tuple[list[str], str]]:
    """For each note: (terms, content words) over its text and, when given, its translation.

    Content words are the folded surface words without stop words, for character n-grams.
    """
    langs = resolve_languages(notes)
    out = []
    for note, lang in zip(notes, langs, strict=True):
        pairs = analyze_pairs(normalize(note.text), lang)
        if note.translation and normalize(note.translation):
            pairs += analyze_pairs(normalize(note.translation), "en")
        out.append(text_view(pairs))
    return out


def text_view(pairs: list[tuple[str, str]]) -> tuple[list[str], str]:
    """A (terms, content words) view from :func:`analysis.text.analyze_pairs` output."""
    return [t for t, _ in pairs], " ".join(w for _, w in pairs)


def _identity(terms):
    return terms


def _with_bigrams(terms):
    return terms + [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]


class TextSpace(TransformerMixin, BaseEstimator):
    """TF-IDF over stems (1-2-grams) and character n-grams, each L2-normalized, side by side.

    ``transform`` returns rows whose dot product is the mean of the two cosines.
    """

    def __init__(self, char_weight=0.4, bigrams=True):
        self.char_weight = char_weight
        self.bigrams = bigrams

    def fit(self, views, y=None):
        views = list(views)
        self.words_ = TfidfVectorizer(analyzer=_with_bigrams if self.bigrams else _identity,
                                      sublinear_tf=True, dtype=np.float64)
        self.chars_ = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                      dtype=np.float64, min_df=1)
        self.words_.fit([t for t, _ in views] + [["\x00"]])
        self.chars_.fit([s for _, s in views] + ["\x00"])
        return self

    def transform(self, views):
        views = list(views)
        w = l2_normalize(self.words_.transform([t for t, _ in views]))
        c = l2_normalize(self.chars_.transform([s for _, s in views]))
        a = float(self.char_weight)
        return sp.hstack([w * np.sqrt(1 - a), c * np.sqrt(a)]).tocsr()
