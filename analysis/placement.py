"""Place new notes in an existing, reviewed set of themes, without re-clustering.

Once people have reviewed themes (renamed, merged, moved notes), running :class:`ThemeModel`
again would throw their work away. :func:`place_notes` instead represents every note the way
``ThemeModel`` does (TF-IDF of language-aware stems, then LSA, on unit vectors), takes each
theme's centre as the mean of its current members, and puts each new note in the theme whose
centre is nearest by cosine similarity, or in none when every centre is further than
``min_similarity``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize
from threadpoolctl import threadpool_limits

from .features import NoteVectorizer, prepare
from .records import as_notes

__all__ = ["place_notes"]


def place_notes(members: Mapping[str, Iterable], new_notes, min_similarity: float = 0.2,
                n_components: int = 50, random_state: int = 0, use_translation: bool = True,
                keep_original: bool = True) -> list[tuple[str | None, float]]:
    """Nearest theme for each new note.

    ``members`` maps a theme id to its current notes (Note objects, dicts or (id, text) pairs);
    themes without members are ignored. Returns, per new note in order, ``(theme_id, similarity)``
    or ``(None, best_similarity)`` when no theme is close enough (or the note has no usable
    words). The representation is fitted on the members and the new notes together, so new
    words carried by the new notes count.
    """
    themes = [(theme_id, as_notes(notes)) for theme_id, notes in members.items()]
    themes = [(theme_id, notes) for theme_id, notes in themes if notes]
    new = as_notes(new_notes)
    if not new:
        return []
    if not themes:
        return [(None, 0.0) for _ in new]
    member_notes = [note for _, notes in themes for note in notes]
    owner = np.repeat(np.arange(len(themes)), [len(notes) for _, notes in themes])
    with threadpool_limits(limits=1):
        docs = prepare(member_notes + new, use_translation, keep_original)
        X = NoteVectorizer().fit(docs).transform(docs)
        n = X.shape[0]
        d = min(n_components, X.shape[1] - 1, n - 1)
        Z = TruncatedSVD(d, random_state=random_state).fit_transform(X) if d >= 2 else X.toarray()
        Z = l2_normalize(Z)
        members_Z, new_Z = Z[: len(member_notes)], Z[len(member_notes):]
        centres = np.vstack([members_Z[owner == t].mean(axis=0) for t in range(len(themes))])
        centres = l2_normalize(centres)
        sims = new_Z @ centres.T
    has_terms = np.asarray(X[len(member_notes):].getnnz(axis=1) > 0)
    out = []
    for i, row in enumerate(sims):
        best = int(row.argmax())
        score = float(row[best])
        if has_terms[i] and score >= min_similarity:
            out.append((themes[best][0], score))
        else:
            out.append((None, score if has_terms[i] else 0.0))
    return out
