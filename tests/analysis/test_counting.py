"""Terms and bigrams counted with numpy give exactly what scikit-learn's CountVectorizer gives
(the lexical path's themes do not change with the speed-up)."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from analysis.counting import count_terms
from analysis.features import NoteVectorizer, _with_bigrams, prepare

from .conftest import make_notes

ENGLISH = [["bus", "late", "bus", "stop"], ["bus", "stop", "shelter"], [], ["rent", "rent"],
           ["rent", "high", "landlord"], ["bus", "late", "night"], ["landlord", "rent", "high"]]
# a Vietnamese term holding a space is named like the bigram of its two syllables
VIETNAMESE = [["xe", "buýt", "xe buýt", "trễ"], ["xe buýt", "trễ"], ["xe", "buýt"],
              ["nhà", "thuê", "nhà thuê"], ["nhà thuê", "đắt"], ["trễ", "xe", "buýt"]]
TIES = [[f"w{i}", f"w{(i * 7) % 13}", f"w{(i * 5) % 11}"] for i in range(40)]


def _sklearn(docs, **kw):
    vec = CountVectorizer(analyzer=_with_bigrams, dtype=np.float64, **kw)
    return vec.fit_transform(docs), vec.vocabulary_


def _assert_same(docs, **kw):
    try:
        X, vocabulary = _sklearn(docs, **kw)
    except ValueError:  # refused the same way
        with pytest.raises(ValueError):
            count_terms(docs, True, kw.get("min_df", 1), kw.get("max_df", 1.0),
                        kw.get("max_features"))
        return
    got_vocabulary, got = count_terms(docs, True, kw.get("min_df", 1), kw.get("max_df", 1.0),
                                      kw.get("max_features"))
    assert got_vocabulary == vocabulary
    assert got.shape == X.shape and got.dtype == X.dtype
    for attr in ("data", "indices", "indptr"):  # the same entries in the same order
        assert np.array_equal(getattr(got, attr), getattr(X, attr)), attr


@pytest.mark.parametrize("docs", [ENGLISH, VIETNAMESE, TIES], ids=["en", "vi", "ties"])
@pytest.mark.parametrize("kw", [{}, {"min_df": 2}, {"max_df": 0.5, "min_df": 2},
                                {"max_features": 5}, {"min_df": 2, "max_features": 7},
                                {"max_df": 3, "min_df": 0.1}, {"max_df": 30, "min_df": 0.05}])
def test_counts_match_scikit_learn(docs, kw):
    _assert_same(docs, **kw)


def test_nothing_left_is_refused_like_scikit_learn():
    with pytest.raises(ValueError):
        count_terms([[], []])
    with pytest.raises(ValueError):
        count_terms(ENGLISH, min_df=50)
    with pytest.raises(ValueError):
        count_terms(ENGLISH, min_df=5, max_df=2)


def test_note_vectorizer_gives_scikit_learns_tfidf():
    notes, _ = make_notes(repeat=3)
    docs = prepare(notes, True, True)
    ours = NoteVectorizer()
    X = ours.fit_transform(docs)
    reference = TfidfVectorizer(analyzer=_with_bigrams, min_df=1, max_df=0.5,
                                max_features=200_000, sublinear_tf=True, dtype=np.float64)
    Y = reference.fit_transform([d.all_terms for d in docs])
    assert ours.vocabulary_ == reference.vocabulary_
    assert np.array_equal(X.data, Y.data) and np.array_equal(X.indices, Y.indices)
    # and it transforms new notes with what it learned
    assert np.array_equal(ours.transform(docs[:4]).toarray(), reference.transform(
        [d.all_terms for d in docs[:4]]).toarray())


def test_large_runs_learn_lsa_from_a_sample_and_still_read_every_term(monkeypatch):
    from analysis import themes

    notes, truth = make_notes(repeat=4)
    monkeypatch.setattr(themes, "SVD_MAX_NOTES", 30)
    model = themes.ThemeModel(n_themes=3, random_state=0).fit(notes)
    assert model.svd_.components_.shape[1] == len(model.vectorizer_.vocabulary_)
    theme = {i: t.id for t in model.themes_ for i in t.note_ids}
    for topic in ("housing", "transit", "parks"):
        found = {theme.get(i) for i, t in truth.items() if t == topic} - {None}
        assert len(found) == 1, topic
    assert model.predict(notes[:5]) == model.labels_[:5]
