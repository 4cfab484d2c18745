import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import adjusted_rand_score

from analysis import Note, Theme, ThemeModel

from .conftest import make_notes


def test_estimator_conventions(civic_notes):
    notes, _ = civic_notes
    model = ThemeModel(n_themes=3, random_state=1, min_similarity=0.1)
    params = model.get_params()
    assert params["n_themes"] == 3 and params["random_state"] == 1
    assert not [k for k in vars(model) if k.endswith("_")]  # __init__ only stores parameters
    assert model.fit(notes) is model
    assert isinstance(model.themes_[0], Theme)
    assert clone(model).get_params() == params
    assert not hasattr(clone(model), "themes_")
    with pytest.raises(NotFittedError):
        ThemeModel().predict(notes)


def test_finds_the_topics_and_every_id_once(civic_notes):
    notes, truth = civic_notes
    model = ThemeModel(random_state=0).fit(notes)
    placed = [i for t in model.themes_ for i in t.note_ids] + model.unassigned_
    assert sorted(placed) == sorted(n.id for n in notes)
    assert len(placed) == len(set(placed))
    found = {i: t.id for t in model.themes_ for i in t.note_ids}
    ids = [n.id for n in notes if n.id in found]
    assert adjusted_rand_score([truth[i] for i in ids], [found[i] for i in ids]) > 0.6
    for theme in model.themes_:
        assert set(theme.representative_ids) <= set(theme.note_ids)
        assert theme.label and theme.label[0].isupper()
        texts = " ".join(n.text.lower() + " " + (n.translation or "").lower() for n in notes)
        assert all(k in texts for k in theme.keywords)  # real surface words, not stems
        assert theme.label.lower() in texts  # a phrase found in the notes


def test_spanish_note_meets_english_through_translation(civic_notes):
    notes, _ = civic_notes
    model = ThemeModel(n_themes=3, random_state=0).fit(notes)
    by_theme = {i: t for t in model.themes_ for i in t.note_ids}
    spanish = [n for n in notes if n.lang == "es"]
    for n in spanish:
        theme = by_theme[n.id]
        assert any(m.lang == "en" for m in notes if m.id in theme.note_ids)


def test_deterministic_for_a_seed(civic_notes):
    notes, _ = civic_notes
    a = ThemeModel(random_state=3).fit(notes).to_dict()
    b = ThemeModel(random_state=3).fit(notes).to_dict()
    assert a == b


def test_predict_matches_fit_and_assigns_new_notes(civic_notes):
    notes, _ = civic_notes
    model = ThemeModel(n_themes=3, random_state=0).fit(notes)
    assert model.predict(notes) == model.labels_
    housing = next(t for t in model.themes_ if "rent" in [k.lower() for k in t.keywords])
    new = [Note("x1", "Our landlord raised the rent again"),
           Note("x2", "zzz qqq"),
           Note("x3", "")]
    pred = model.predict(new)
    assert pred[0] == housing.id
    assert pred[1] is None and pred[2] is None
    assert model.predict(new) == pred  # stable


def test_unrelated_and_empty_notes_go_unassigned(civic_notes):
    notes, _ = civic_notes
    odd = [Note("odd1", "!!!"), Note("odd2", "Quantum chromodynamics lattice gauge spectra")]
    model = ThemeModel(random_state=0).fit(notes + odd)
    assert "odd1" in model.unassigned_
    assert "odd2" in model.unassigned_


def test_fixed_number_and_tiny_inputs():
    notes, _ = make_notes(repeat=1)
    assert ThemeModel(n_themes=2).fit(notes).n_themes_ <= 2
    few = ThemeModel().fit([Note("a", "bus stop"), Note("b", "bus stop shelter")])
    assert sorted(i for t in few.themes_ for i in t.note_ids) + few.unassigned_ != []
    empty = ThemeModel().fit([])
    assert empty.themes_ == [] and empty.unassigned_ == []
    with pytest.raises(ValueError):
        ThemeModel(n_themes=0).fit(notes)
    with pytest.raises(ValueError, match="duplicate"):
        ThemeModel().fit([Note("a", "x"), Note("a", "y")])


def test_scales_without_pairwise_memory():
    rng = np.random.RandomState(0)
    words = [f"w{i}" for i in range(300)]
    notes = [Note(str(i), " ".join(rng.choice(words, 8))) for i in range(3000)]
    model = ThemeModel(random_state=0).fit(notes)
    assert len(model.labels_) == 3000
