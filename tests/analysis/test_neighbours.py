"""The pull across languages before clustering, and the words' share in runs of several
languages."""

import numpy as np
import pytest
from sklearn.base import clone

from analysis import Note, ThemeModel
from analysis import neighbours as nb
from analysis.themes import AUTO_LEXICAL_WEIGHT

from .conftest import make_notes


def _unit(*rows):
    V = np.array(rows, dtype=np.float32)
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def test_a_note_moves_towards_its_counterpart_in_another_language():
    E = _unit([1, 0.2, 0, 0], [1, 0, 0.3, 0], [0, 0, 0, 1], [0, 0.1, 0, 1], [0.9, 0, 0, 0.1])
    langs = ["en", "en", "en", "en", "es"]  # bus, bus, rent, rent; bus in Spanish
    got = nb.pull_across_languages(E, langs)
    assert got.shape == E.shape and np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert got[4] @ got[0] > E[4] @ E[0]  # the Spanish note and its English counterpart meet
    # a rent note is nearer the other rent note than the Spanish bus note: not dragged to it
    assert np.allclose(got[2], E[2]) and np.allclose(got[3], E[3])


def test_one_language_empty_rows_and_large_runs_are_left_alone(monkeypatch):
    E = _unit([1, 0, 0], [0, 1, 0], [0.5, 0.5, 0])
    assert nb.pull_across_languages(E, ["en", "en", None]) is not E  # None is a language too
    assert nb.pull_across_languages(E, ["es"] * 3) is E
    assert nb.pull_across_languages(E, ["en", "es", "zh"], alpha=0) is E
    with_empty = np.vstack([E, np.zeros(3, dtype=np.float32)])
    got = nb.pull_across_languages(with_empty, ["en", "es", "zh", "ar"])
    assert not got[3].any()
    monkeypatch.setattr(nb, "MAX_NOTES", 2)
    assert nb.pull_across_languages(E, ["en", "es", "zh"]) is E


def test_words_count_for_less_when_notes_are_in_many_languages(fake_encoder):
    notes, _ = make_notes(repeat=2)  # English, and Spanish with an English translation
    model = ThemeModel(encoder="multilingual", random_state=0).fit(notes)
    assert model.lexical_weight_ == pytest.approx(AUTO_LEXICAL_WEIGHT)  # all read in English
    untranslated = [Note(n.id, n.text, n.lang) for n in notes]
    share = sum(n.lang == "es" for n in notes) / len(notes)
    model = ThemeModel(encoder="multilingual", random_state=0).fit(untranslated)
    assert model.lexical_weight_ == pytest.approx(AUTO_LEXICAL_WEIGHT * (share**2
                                                                        + (1 - share)**2))
    fixed = ThemeModel(encoder="multilingual", lexical_weight=0.3).fit(untranslated)
    assert fixed.lexical_weight_ == pytest.approx(0.3)  # a given weight is kept


def test_language_pull_is_a_parameter_and_zero_turns_it_off(fake_encoder):
    notes, _ = make_notes(repeat=2)
    untranslated = [Note(n.id, n.text, n.lang) for n in notes]
    model = ThemeModel(encoder="multilingual", language_pull=0.0, random_state=0)
    assert clone(model).get_params()["language_pull"] == 0.0
    a = model.fit(untranslated).labels_
    b = ThemeModel(encoder="multilingual", language_pull=0.0, random_state=0).fit(
        untranslated).labels_
    assert a == b
    pulled = ThemeModel(encoder="multilingual", random_state=0).fit(untranslated)
    assert len([i for t in pulled.themes_ for i in t.note_ids]) + len(pulled.unassigned_) == \
        len(notes)


# -- smoothing by neighbours (runs in one language) --------------------------------------------

def test_smoothing_moves_a_stray_note_towards_its_neighbours_and_keeps_empty_rows():
    rng = np.random.RandomState(0)
    bus = _unit(*(np.array([1.0, 0, 0, 0]) + 0.1 * rng.rand(6, 4)))
    stray = _unit([0.6, 0.5, 0.5, 0.4])  # a bus note, said with noise
    Z = np.vstack([bus, stray, np.zeros((1, 4), dtype=np.float32)])
    got = nb.smooth_by_neighbours(Z, alpha=1.0, neighbours=3)
    assert got.shape == Z.shape and np.allclose(np.linalg.norm(got[:7], axis=1), 1.0, atol=1e-5)
    assert got[6] @ np.array([1.0, 0, 0, 0]) > Z[6] @ np.array([1.0, 0, 0, 0])
    assert not got[7].any()  # a note left out stays out
    assert np.allclose(Z[6], stray[0])  # the input is not changed in place


def test_smoothing_off_tiny_and_large_runs_are_left_alone(monkeypatch):
    Z = _unit([1, 0, 0], [0, 1, 0], [0.5, 0.5, 0], [0, 0, 1])
    assert nb.smooth_by_neighbours(Z, alpha=0) is Z
    two = Z[:2]
    assert nb.smooth_by_neighbours(two) is two
    monkeypatch.setattr(nb, "MAX_NOTES", 3)
    assert nb.smooth_by_neighbours(Z) is Z


def _spy(monkeypatch):
    import analysis.themes as themes_module

    calls = []
    real = themes_module.smooth_by_neighbours

    def spy(Z, alpha):
        calls.append((len(Z), alpha))
        return real(Z, alpha)

    monkeypatch.setattr(themes_module, "smooth_by_neighbours", spy)
    return calls


def test_centres_of_a_one_language_run_are_found_on_smoothed_vectors(fake_encoder, monkeypatch):
    notes, _ = make_notes(repeat=2)
    english = [n for n in notes if n.lang == "en"]
    calls = _spy(monkeypatch)
    model = ThemeModel(encoder="multilingual", random_state=0).fit(english)
    assert calls == [(len(english), 1.0)]
    # notes are assigned by their own vectors: predicting the fitted notes gives their themes
    assert model.predict(english) == model.labels_
    again = ThemeModel(encoder="multilingual", random_state=0).fit(english)
    assert again.labels_ == model.labels_  # deterministic with the seed
    off = ThemeModel(encoder="multilingual", random_state=0, neighbour_smoothing=0.0)
    assert clone(off).get_params()["neighbour_smoothing"] == 0.0
    off.fit(english)
    assert len(calls) == 2  # (again); 0 turns it off
    ThemeModel(random_state=0).fit(english)  # the lexical path never smooths
    assert len(calls) == 2


def test_runs_read_in_several_languages_are_pulled_not_smoothed(fake_encoder, monkeypatch):
    notes, _ = make_notes(repeat=2)  # English, and Spanish (read in Spanish: the encoder knows it)
    calls = _spy(monkeypatch)
    ThemeModel(encoder="multilingual", random_state=0).fit(notes)
    assert calls == []
    # Hmong is not the encoder's: with their English translations, every note is read in English
    hmong = [Note(n.id, n.text, "hmn", translation=n.translation) if n.lang == "es" else n
             for n in notes]
    ThemeModel(encoder="multilingual", random_state=0).fit(hmong)
    assert calls == [(len(notes), 1.0)]
