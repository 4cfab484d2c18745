"""The lexical path of large runs: learn on a sample, then read every note fast.

A run over more than :data:`LARGE_NOTES` notes learns its vocabulary, IDF weights, LSA
directions and first theme centres from :data:`FIT_SAMPLE` notes, stratified by language
(:func:`stratified_sample`); every note is then read by :class:`TermReader` -- the terms of a
note as :func:`analysis.features.prepare` finds them, as integer ids, each distinct word
analysed once -- and weighted with the sample's vocabulary (:func:`tfidf_rows`); the centres
are then moved by every note (:func:`analysis.clustering.refine_centres`). Only the sample's
notes (and those named and quoted) become :class:`analysis.features.Doc` objects. Runs up to
:data:`LARGE_NOTES` notes do not come here (their themes are the same as before, bit for bit).

At 100,000 short notes this takes about a third of the CPU of reading every note fully
(docs/analysis.md, "Speed, 2026-12-05 (second pass)").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize as l2_normalize

from .features import NoteVectorizer, prepare
from .records import Note
from .text import _term, base_language, normalize

__all__ = ["FIT_SAMPLE", "LARGE_NOTES", "REFINE_STEPS", "TermReader", "read_large",
           "stratified_sample", "tfidf_rows"]

#: Runs over this many notes take the sampled path.
LARGE_NOTES = 20_000
#: Notes the vocabulary, IDF, LSA directions and first centres of a large run are learned from.
FIT_SAMPLE = 5000
#: Lloyd's steps over every note that move the centres found on the sample.
REFINE_STEPS = 4
#: Languages whose words are not found by the plain ASCII pattern (jieba, syllable pairs).
_SLOW_LANGS = frozenset({"zh", "ja", "vi"})
#: The words of plain ASCII text as ``tokenize`` finds them (``[A-Za-z0-9]+``, case-folded):
#: letters and digits kept (lower-cased), anything else a space; \x01 (never in printable
#: text) marks where a note ends.
_ASCII_FOLD = {c: chr(c).lower() if chr(c).isalnum() or c == 1 else " " for c in range(128)}
_SEP = " \x01 "
_END, _DROP = -2, -1


def stratified_sample(keys: Sequence, size: int, random_state: int) -> np.ndarray:
    """Sorted indices of about ``size`` items, each key (a note's language) given its share
    (at least one item of every key)."""
    n = len(keys)
    if size >= n:
        return np.arange(n)
    rng = np.random.RandomState(random_state)
    codes = np.unique(np.array([str(k) for k in keys], dtype=object), return_inverse=True)[1]
    picked = []
    for code in range(int(codes.max()) + 1):
        rows = np.flatnonzero(codes == code)
        take = max(1, int(round(size * len(rows) / n)))
        picked.append(rng.choice(rows, min(take, len(rows)), replace=False))
    return np.sort(np.concatenate(picked))


class TermReader:
    """The analysed terms of notes (``Doc.all_terms`` of :func:`prepare`), as integer ids.

    Notes in plain printable ASCII, in a language read word by word, without a translation to
    use, are split all at once (one ``str.translate`` and one ``split`` per language) and each
    distinct word is analysed once; any other note goes through :func:`prepare` itself.
    """

    def __init__(self, use_translation: bool, keep_original: bool):
        self.use_translation, self.keep_original = use_translation, keep_original
        self.index: dict[str, int] = {}
        self._words: dict[str | None, dict[str, int]] = {}

    def _id(self, term: str) -> int:
        return self.index.setdefault(term, len(self.index))

    def read(self, notes: Sequence[Note], langs: Sequence[str | None]
             ) -> tuple[np.ndarray, np.ndarray]:
        """``(ids, doc)``: every note's term ids in order, and the note each belongs to."""
        langs = np.array([base_language(lang) or "" for lang in langs], dtype=object)
        texts = [note.text or "" for note in notes]
        plain = np.array([t.isascii() and t.isprintable() for t in texts], dtype=bool)
        if self.use_translation:
            plain &= np.array([not (n.translation and normalize(n.translation)) for n in notes],
                              dtype=bool)
        plain &= ~np.isin(langs, list(_SLOW_LANGS))
        fast = {lang: np.flatnonzero(plain & (langs == lang)).tolist()
                for lang in sorted(set(langs[plain].tolist()))}
        slow = np.flatnonzero(~plain).tolist()
        parts_ids, parts_doc = [], []
        for lang, rows in fast.items():
            # every note at once: letters and digits kept (lower-cased), anything else a space,
            # and a mark between notes; then one split
            words = _SEP.join([texts[i] for i in rows]).translate(_ASCII_FOLD).split()
            cache = self._words.setdefault(lang, {_SEP.strip(): _END})
            for w in set(words).difference(cache):
                term = _term(w, lang or None)
                cache[w] = self._id(term) if term else _DROP
            ids = np.fromiter(map(cache.__getitem__, words), dtype=np.int64, count=len(words))
            end = ids == _END
            doc = np.asarray(rows, dtype=np.int64)[np.cumsum(end) - end]
            parts_ids.append(ids[~end])
            parts_doc.append(doc[~end])
        if slow:
            docs = prepare([notes[i] for i in slow], self.use_translation, self.keep_original,
                           langs=[langs[i] or None for i in slow])
            terms = [d.all_terms for d in docs]
            parts_ids.append(np.array([self._id(t) for t in chain.from_iterable(terms)],
                                      dtype=np.int64))
            parts_doc.append(np.repeat(np.asarray(slow, dtype=np.int64), [len(t) for t in terms]))
        ids = np.concatenate(parts_ids) if parts_ids else np.zeros(0, dtype=np.int64)
        doc = np.concatenate(parts_doc) if parts_doc else np.zeros(0, dtype=np.int64)
        keep = ids >= 0
        ids, doc = ids[keep], doc[keep]
        order = np.argsort(doc, kind="stable")  # notes in order, each note's terms in order
        return ids[order], doc[order]


def _columns(reader: TermReader, vocabulary: dict[str, int], bigrams: bool):
    """Column of each term id (-1 when not in the vocabulary), and the sorted bigram keys
    ``a * n_terms + b`` with their columns."""
    index, n_terms = reader.index, len(reader.index)
    uni = np.full(n_terms, -1, dtype=np.int64)
    keys, cols = [], []
    for name, col in vocabulary.items():
        if name in index:
            uni[index[name]] = col
        if bigrams and " " in name:  # a bigram "a b" (a term may hold a space itself)
            for p in (p for p, ch in enumerate(name) if ch == " "):
                a, b = index.get(name[:p]), index.get(name[p + 1:])
                if a is not None and b is not None and a != b:
                    keys.append(a * n_terms + b)
                    cols.append(col)
    keys_arr = np.asarray(keys, dtype=np.int64)
    order = np.argsort(keys_arr, kind="stable")
    return uni, keys_arr[order], np.asarray(cols, dtype=np.int64)[order]


_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def _lookup(keys: np.ndarray, values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """``values`` of each code among ``keys`` (non-negative), -1 for a code not there: a hash
    table with linear probing, every code looked up at once (a binary search of a million
    bigrams among the vocabulary's costs several times more)."""
    bits = max(4, (8 * len(keys)).bit_length())  # at most an eighth full: a miss ends soon
    mask = (1 << bits) - 1

    def slot(x: np.ndarray) -> np.ndarray:
        return ((x.astype(np.uint64) * _GOLDEN) >> np.uint64(64 - bits)).astype(np.int64)

    table_keys, table_values = [-1] * (mask + 1), [-1] * (mask + 1)
    for key, value, s in zip(keys.tolist(), values.tolist(), slot(keys).tolist(), strict=True):
        while table_keys[s] != -1:
            s = (s + 1) & mask
        table_keys[s], table_values[s] = key, value
    tk, tv = np.array(table_keys, dtype=np.int64), np.array(table_values, dtype=np.int64)
    out = np.full(len(codes), -1, dtype=np.int64)
    todo, pos = np.arange(len(codes)), slot(codes)
    while len(todo):
        found = tk[pos]
        hit = found == codes[todo]
        out[todo[hit]] = tv[pos[hit]]
        go = ~hit & (found != -1)
        todo, pos = todo[go], (pos[go] + 1) & mask
    return out


def tfidf_rows(vectorizer: NoteVectorizer, reader: TermReader, ids: np.ndarray,
               doc: np.ndarray, n_docs: int) -> sp.csr_matrix:
    """TF-IDF rows of the notes read by ``reader``, with a fitted vectorizer's vocabulary and
    weights (what its ``transform`` gives for the same notes, up to the order of sums)."""
    vec = vectorizer.vectorizer_
    bigrams = vectorizer.bigrams and " " in "".join(vectorizer.vocabulary_)
    uni, keys, key_cols = _columns(reader, vectorizer.vocabulary_, bigrams)
    rows, cols = [doc], [uni[ids] if len(uni) else np.zeros(0, dtype=np.int64)]
    if bigrams and len(ids) > 1 and len(keys):
        ok = np.flatnonzero((doc[1:] == doc[:-1]) & (ids[1:] != ids[:-1]))
        code = ids[ok] * len(reader.index) + ids[ok + 1]
        rows.append(doc[ok])
        cols.append(_lookup(keys, key_cols, code))
    row, col = np.concatenate(rows), np.concatenate(cols)
    live = col >= 0
    row, col = row[live], col[live]
    order = np.argsort(row, kind="stable")  # two runs sorted by note: merged
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=n_docs), out=indptr[1:])
    X = sp.csr_matrix((np.ones(len(col)), col[order], indptr),
                      shape=(n_docs, len(vec.vocabulary_)))
    X.sum_duplicates()  # a term twice in a note: counted 2
    if vec.sublinear_tf:
        np.log(X.data, out=X.data)
        X.data += 1.0
    if vec.use_idf:
        X.data *= vec.idf_[X.indices]
    return l2_normalize(X, copy=False)


def read_large(notes: Sequence[Note], langs: Sequence[str | None], sample: np.ndarray,
               use_translation: bool, keep_original: bool, fit_svd, n_components: int):
    """Vocabulary, IDF and LSA directions (``fit_svd(X_sample, d)``) learned from the notes
    ``sample``; every note read fast and weighted with them. Returns ``(vectorizer, svd, X,
    docs)``: the TF-IDF rows of every note, and the sample's docs by note index."""
    docs = prepare([notes[i] for i in sample], use_translation, keep_original,
                   langs=[langs[i] for i in sample])
    vectorizer = NoteVectorizer()
    X_sample = vectorizer.fit_transform(docs)
    d = min(n_components, X_sample.shape[1] - 1, len(sample) - 1)
    svd = fit_svd(X_sample, d) if d >= 2 else None
    reader = TermReader(use_translation, keep_original)
    ids, doc = reader.read(notes, langs)
    X = tfidf_rows(vectorizer, reader, ids, doc, len(notes))
    return vectorizer, svd, X, dict(zip(sample.tolist(), docs, strict=True))

