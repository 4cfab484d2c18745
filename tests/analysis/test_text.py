import unicodedata

import pytest

from analysis.text import analyze, analyze_pairs, base_language, detect_language, normalize, stopwords, tokenize


def test_normalize_nfc_and_invisible_characters():
    nfd = unicodedata.normalize("NFD", "ở nhà\u200b  xe buýt")
    assert normalize(nfd) == "ở nhà xe buýt"


def test_vietnamese_keeps_one_letter_words_and_syllables():
    text = unicodedata.normalize("NFD", "Tôi ở gần trạm xe buýt")
    words = tokenize(text, "vi")
    assert "ở" in words and "buýt" in words
    assert "xe buýt" in analyze("trạm xe buýt", "vi")


def test_chinese_is_segmented():
    words = tokenize("我们需要更多的公交车站", "zh-Hans")
    assert len(words) > 2
    assert words[:2] == ["我们", "需要"]
    assert any(w.startswith("公交") for w in words)


def test_arabic_diacritics_do_not_split_words():
    words = tokenize("السَّكَنُ الْآمِنُ", "ar")
    assert words == ["السكن", "الامن"]
    assert tokenize("السكن الآمن", "ar") == words


def test_stems_and_stopwords():
    assert "run" in analyze("The buses are running late", "en")
    assert "the" in stopwords("en")
    assert "kuv" in stopwords("hmn")
    assert "rentas" not in analyze("las rentas altas", "es")  # stemmed


def test_language_tags():
    assert base_language("zh-Hans") == "zh"
    assert base_language("fil") == "tl"
    assert base_language(None) is None


def test_detect_language():
    assert detect_language("The rent is too high for families in this city") == "en"
    assert detect_language("La renta es demasiado alta para las familias") == "es"
    assert detect_language("我们需要更多的公交车站") == "zh"
    assert detect_language("Kuv xav kom peb lub zej zog muaj tsev kawm ntawv zoo") == "hmn"
    assert detect_language("123 !!!") is None


@pytest.mark.parametrize("text", ["Bus  late", "  Bus late  ", "Bus\tlate\n", "a\x00b", "a\x7fb",
                                  "Rent   is  high!", "x", "  ", "Caf\u0065\u0301  au lait",
                                  "Bus\u200b late", "Bus\u00a0 late"])
def test_normalize_takes_the_same_result_on_its_ascii_shortcut(text):
    from analysis.text import _INVISIBLE, _SPACES

    expected = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text))).strip()
    assert normalize(text) == expected


@pytest.mark.parametrize("lang", ["en", "es", "ru", "ko", "zh", "tl", None])
def test_words_analysed_once_give_the_same_terms(lang, monkeypatch):
    from analysis import text as text_module

    samples = {"en": "The buses are late, the bus stop has 2 lights",
               "es": "Los autobuses llegan tarde", "ru": "Автобусы опаздывают",
               "ko": "버스가 늦게 와요 버스에서", "zh": "晚上公交车太少了",
               "tl": "Ang bus ay laging huli", None: "Bus bus 5 late"}
    sample = samples[lang]
    monkeypatch.setattr(text_module, "_TERMS", {})
    first = analyze_pairs(sample, lang)
    again = analyze_pairs(sample, lang)  # from the cache of words seen
    stops = text_module.stopwords(lang)
    expected = [(text_module.stem(w, lang), w) for w in text_module.tokenize(sample, lang)
                if w not in stops and not w.isdigit()
                and (len(w) >= 2 or lang in text_module._KEEP_SHORT)]
    assert first == again == expected
