"""Names a person would keep, quotes that are not near-duplicates, and where notes come from."""


import numpy as np
import pytest

from analysis import Note, ThemeModel
from analysis.describe import STREET_WORDS, name_theme, pick_quotes
from analysis.features import prepare
from analysis.representation import distinctive_terms

from .conftest import make_notes

STREETS = ["Ferry Road", "Main Street", "Oak Avenue", "Calle Ocho", "Harbor Blvd"]


def _evening_bus_notes(street):
    texts = [
        f"On {street} the evening buses stop running too early",
        f"Evening buses on {street} come every hour, we wait in the cold",
        f"More evening buses please, {street} is dark after seven",
        f"Night shift workers near {street} need evening buses",
        f"{street}: evening buses are always late",
        f"The stop at {street} has no shelter and evening buses skip it",
    ]
    return [Note(f"n{i}", t, "en") for i, t in enumerate(texts)]


def _name(notes):
    docs = prepare(notes, True, True)
    background = prepare(make_notes()[0], True, True)
    from collections import Counter

    df = Counter()
    for d in docs + background:
        df.update(set(d.terms))
    terms = distinctive_terms(docs, df, len(docs) + len(background), top=20)
    return name_theme(docs, {t: s for t, s, _ in terms})


@pytest.mark.parametrize("street", STREETS)
def test_a_name_says_what_not_where(street):
    name = _name(_evening_bus_notes(street))
    words = name.casefold().split()
    assert 2 <= len(words) <= 4, name
    assert not set(words) & STREET_WORDS, name
    assert not set(words) & set(street.casefold().split()), name
    assert "evening buses" in name.casefold()


def test_a_name_is_a_phrase_within_one_clause():
    notes = [Note(f"n{i}", t, "en") for i, t in enumerate([
        "We need affordable housing, the rent takes half my pay",
        "Affordable housing now, rent eats everything",
        "Build affordable housing near jobs",
        "Rent is high; affordable housing is missing",
    ])]
    name = _name(notes)
    assert name.casefold() == "affordable housing"


def test_theme_names_in_a_fit_are_phrases_not_lone_words():
    notes, _ = make_notes(repeat=3)
    model = ThemeModel(n_themes=3, random_state=0).fit(notes)
    for theme in model.themes_:
        assert len(theme.label.split()) >= 2, theme.label
        assert not set(theme.label.casefold().split()) & STREET_WORDS


def test_quotes_are_central_and_not_near_duplicates():
    # every English note appears twice ("..." and "... please"): a near-duplicate pair
    notes, _ = make_notes(repeat=2)
    by_id = {n.id: n for n in notes}
    model = ThemeModel(n_themes=3, random_state=0, n_representatives=3).fit(notes)
    for theme in model.themes_:
        quotes = theme.representative_ids
        assert len(quotes) == 3
        stems = {i: by_id[i].text.removesuffix(" please").casefold() for i in quotes}
        assert len(set(stems.values())) == 3, [by_id[i].text for i in quotes]
        sims = model.transform([by_id[i] for i in quotes])
        col = model.theme_ids_.index(theme.id)
        others = [i for i in theme.note_ids if i not in quotes]
        assert sims[:, col].mean() >= model.transform([by_id[i] for i in others])[:, col].mean()


def test_mmr_skips_near_duplicates():
    texts = ["rent landlord eviction repairs", "rent landlord eviction repairs please",
             "rent control families housed", "landlord ignores repairs heating",
             "eviction notices families pay"]
    docs = prepare([Note(str(i), t, "en") for i, t in enumerate(texts)])
    Z = np.array([[1.0, 0.0, 0.0], [0.999, 0.04, 0.0], [0.8, 0.6, 0.0], [0.8, 0.0, 0.6],
                  [0.7, 0.5, 0.5]])
    Z /= np.linalg.norm(Z, axis=1, keepdims=True)
    chosen = pick_quotes(Z, np.arange(5), np.array([1.0, 0.0, 0.0]), docs, [("en", None)] * 5)
    assert chosen[0] == 0 and 1 not in chosen and len(chosen) == 3


def test_quotes_come_from_several_languages_and_sessions_when_the_theme_has_them():
    words = "rent landlord eviction repairs deposit lease mold heating leak noise".split()
    docs = prepare([Note(str(i), " ".join(words[i:i + 4]), "en") for i in range(6)])
    rng = np.random.RandomState(0)
    Z = rng.normal(size=(6, 8))
    Z /= np.linalg.norm(Z, axis=1, keepdims=True)
    centre = Z[:3].mean(axis=0)
    centre /= np.linalg.norm(centre)
    groups = [("en", "s1")] * 5 + [("es", "s2")]
    even = pick_quotes(Z, np.arange(6), centre, docs, [("en", "s1")] * 6, k=3)
    mixed = pick_quotes(Z, np.arange(6), centre, docs, groups, k=3)
    assert len(even) == len(mixed) == 3
    rel = Z @ centre
    if 5 not in even and rel[5] > np.sort(rel)[-5]:
        assert 5 in mixed  # a close enough note in another language and session gets in


def test_counts_per_language_and_session_and_flags():
    notes, _ = make_notes(repeat=2)
    model = ThemeModel(n_themes=3, random_state=0).fit(notes)
    by_id = {n.id: n for n in notes}
    for theme in model.themes_:
        members = [by_id[i] for i in theme.note_ids]
        assert sum(theme.languages.values()) == len(members)
        assert theme.languages == {lang: sum(1 for n in members if n.lang == lang)
                                   for lang in {n.lang for n in members}}
        assert sum(theme.sessions.values()) == len(members)
        assert set(theme.sessions) == {n.meta["session_id"] for n in members}
        assert theme.n_tables == len({(n.meta["session_id"], n.meta["table_id"])
                                      for n in members})
        assert list(theme.languages.values()) == sorted(theme.languages.values(), reverse=True)
        d = theme.to_dict()
        assert d["languages"] == theme.languages and d["flags"] == theme.flags


def test_a_theme_resting_on_one_language_or_table_is_flagged():
    notes, _ = make_notes(repeat=2)
    lone = [Note(f"z{i}", t, "vi", meta={"session_id": "s9", "table_id": "t1"}) for i, t in
            enumerate(["Cần thêm đèn đường ở hẻm", "Hẻm tối quá cần đèn đường",
                       "Đèn đường trong hẻm bị hỏng", "Xin lắp đèn đường cho hẻm"])]
    model = ThemeModel(n_themes=4, random_state=0).fit(notes + lone)
    theme = next(t for t in model.themes_ if set(t.note_ids) & {n.id for n in lone})
    assert set(theme.note_ids) == {n.id for n in lone}
    assert {"one_language", "one_session", "one_table"} <= set(theme.flags)
    mixed = [t for t in model.themes_ if len(t.languages) > 1]
    assert mixed and all("one_language" not in t.flags for t in mixed)
    # a run in one language flags no theme for it
    english = [n for n in notes if n.lang == "en"]
    assert all("one_language" not in t.flags
               for t in ThemeModel(n_themes=3, random_state=0).fit(english).themes_)
