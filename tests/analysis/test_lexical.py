"""The lexical path of large runs (analysis/lexical.py): learned on a sample, every note read
fast; the same terms and weights as the full path, and themes that agree with it."""

import numpy as np
import pytest
from sklearn.metrics import adjusted_mutual_info_score

from analysis import Note, themes
from analysis.features import NoteVectorizer, prepare
from analysis.lexical import TermReader, _lookup, stratified_sample, tfidf_rows

MIXED = [
    Note("a", "The BUS comes late; the bus-stop has no shelter (route 5).", "en"),
    Note("b", "Rent is too high!! Families are being evicted, 2 of them on my street.", "en"),
    Note("c", "La renta es muy alta y el dueño no repara nada", "es"),
    Note("d", "Renta alta, desalojos: el dueño sube la renta cada año", "es"),
    Note("e", "Xe buýt đến trễ và trạm xe buýt không có mái che", "vi"),
    Note("f", "xe buýt trễ quá", "vi"),
    Note("g", "公交车总是晚点，车站没有遮阳棚", "zh"),
    Note("h", "El autobús llega tarde", "es", translation="The bus comes late"),
    Note("i", "Café near the park is closed, the playground is broken", "en"),
    Note("j", "tab\there and a\x00control character", "en"),
    Note("k", "", "en"),
    Note("l", "the and of", "en"),
    Note("m", "The park playground is broken and the bus is late", None),
]


def _synthetic(n, topics=8, seed=0):
    rng = np.random.RandomState(seed)
    words = [[f"t{t}w{i}" for i in range(30)] for t in range(topics)]
    common = [f"c{i}" for i in range(400)]
    notes = [Note(str(i), " ".join(list(rng.choice(words[i % topics], 6))
                                   + list(rng.choice(common, 8))), "en") for i in range(n)]
    return notes, [i % topics for i in range(n)]


@pytest.mark.parametrize("use_translation,keep_original", [(True, True), (True, False),
                                                          (False, False)])
def test_reader_finds_the_terms_prepare_finds(use_translation, keep_original):
    langs = [note.lang for note in MIXED]
    reader = TermReader(use_translation, keep_original)
    ids, doc = reader.read(MIXED, langs)
    terms = np.array(list(reader.index), dtype=object)
    docs = prepare(MIXED, use_translation, keep_original, langs=langs)
    for i, d in enumerate(docs):
        assert terms[ids[doc == i]].tolist() == d.all_terms, MIXED[i].id
    assert np.all(np.diff(doc) >= 0)


def test_rows_weigh_terms_as_the_fitted_vectorizer_does():
    notes = MIXED * 3 + _synthetic(60)[0]
    langs = [note.lang for note in notes]
    docs = prepare(notes, True, True, langs=langs)
    vectorizer = NoteVectorizer()
    vectorizer.fit(docs[::2])  # a vocabulary from a sample: some terms of the rest are unknown
    reader = TermReader(True, True)
    ids, doc = reader.read(notes, langs)
    X = tfidf_rows(vectorizer, reader, ids, doc, len(notes))
    expected = vectorizer.transform(docs)
    assert X.shape == expected.shape
    assert np.allclose(X.toarray(), expected.toarray(), atol=1e-12)
    assert any(" " in term for term in vectorizer.vocabulary_)  # bigrams were looked up


def test_hash_lookup_finds_every_key_and_only_them():
    rng = np.random.RandomState(0)
    keys = np.unique(rng.randint(0, 10**12, 5000))
    values = rng.permutation(len(keys))
    codes = np.concatenate([keys, rng.randint(0, 10**12, 5000), keys[:7]])
    got = _lookup(keys, values, codes)
    table = dict(zip(keys.tolist(), values.tolist(), strict=True))
    assert got.tolist() == [table.get(c, -1) for c in codes.tolist()]
    assert _lookup(keys[:0], values[:0], codes).tolist() == [-1] * len(codes)


def test_a_stratified_sample_gives_each_language_its_share():
    langs = ["en"] * 700 + ["es"] * 250 + ["so"] * 49 + ["hmn"]
    sample = stratified_sample(langs, 100, 0)
    picked = [langs[i] for i in sample]
    assert picked.count("en") == 70 and picked.count("es") == 25 and picked.count("so") == 5
    assert picked.count("hmn") == 1  # every language is seen
    assert np.array_equal(sample, np.sort(sample)) and len(set(sample.tolist())) == len(sample)
    assert np.array_equal(sample, stratified_sample(langs, 100, 0))
    assert np.array_equal(stratified_sample(langs, 5000, 0), np.arange(1000))


@pytest.fixture
def large(monkeypatch):
    """Runs over 600 notes take the sampled path, learning from 400 notes."""
    monkeypatch.setattr(themes, "LARGE_NOTES", 600)
    monkeypatch.setattr(themes, "FIT_SAMPLE", 400)


def _ami(model, truth, notes):
    labels = [label if label is not None else "-" for label in model.labels_]
    assert len(labels) == len(notes)
    return adjusted_mutual_info_score(truth, labels)


def test_large_runs_assign_every_note_and_agree_with_the_full_path(monkeypatch, large):
    notes, truth = _synthetic(2400)
    model = themes.ThemeModel(n_themes=8, random_state=0).fit(notes)
    assert isinstance(model.svd_.components_, np.ndarray)
    assert model.unassigned_ == []
    assert sorted(i for t in model.themes_ for i in t.note_ids) == sorted(n.id for n in notes)
    sampled = _ami(model, truth, notes)
    monkeypatch.setattr(themes, "LARGE_NOTES", 10**9)
    full = themes.ThemeModel(n_themes=8, random_state=0).fit(notes)
    assert sampled >= _ami(full, truth, notes) - 0.01 and sampled > 0.95
    assert adjusted_mutual_info_score(model.labels_, full.labels_) > 0.95
    for theme in model.themes_:  # named and quoted from the theme's own notes
        topic = {truth[int(i)] for i in theme.note_ids}
        assert len(topic) == 1
        assert f"t{topic.pop()}w" in theme.label.lower()
        assert len(theme.representative_ids) == 3
        assert set(theme.representative_ids) <= set(theme.note_ids)
    assert model.predict(notes[:50]) == model.labels_[:50]


def test_large_runs_are_deterministic_for_a_seed(large):
    notes, _ = _synthetic(1500)
    first = themes.ThemeModel(random_state=3).fit(notes).to_dict()
    assert themes.ThemeModel(random_state=3).fit(notes).to_dict() == first
    notes = notes + MIXED  # other languages, translations and empty notes take part too
    model = themes.ThemeModel(random_state=3).fit(notes)
    assert len(model.labels_) == len(notes)
    assert themes.ThemeModel(random_state=3).fit(notes).to_dict() == model.to_dict()
