"""Nine languages: choice, Accept-Language, lang/dir, translated text, complete catalogues."""
import os

import pytest
from babel.messages.pofile import read_po

from app.config import ALL_LANGUAGES
from app.i18n import CATALOGUES, match_tag, native_name, parse_accept_language, text_direction

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRANSLATIONS = os.path.join(ROOT, "translations")
NON_ENGLISH = [code for code in ALL_LANGUAGES if code != "en"]


def catalogue(code):
    path = os.path.join(TRANSLATIONS, CATALOGUES[code], "LC_MESSAGES", "messages.po")
    with open(path, "rb") as handle:
        return read_po(handle)


def forms_for_one_number(catalog):
    """Indexes of the plural forms that the catalogue's rule uses for a single number."""
    import gettext

    rule = gettext.c2py(catalog.plural_expr)
    numbers = {}
    for n in range(1000):
        numbers.setdefault(rule(n), set()).add(n)
    return {form for form, found in numbers.items() if len(found) == 1}


def translated(code, msgid):
    return catalogue(code).get(msgid).string


@pytest.mark.parametrize("code", ALL_LANGUAGES)
def test_home_page_in_each_language(client, demo, code):
    client.get(f"/language/{code}")
    html = client.get("/").get_data(as_text=True)
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html
    heading = "Listening sessions" if code == "en" else translated(code, "Listening sessions")
    assert heading and f"<h1>{heading}</h1>" in html
    # The demo engagement's sessions appear in the chosen language.
    title = demo.SESSIONS[0][-1][code]
    assert title in html


@pytest.mark.parametrize(("header", "expected"), [
    ("es-MX,es;q=0.9,en;q=0.8", "es"),
    ("zh-CN,zh;q=0.9", "zh-Hans"),
    ("zh-Hans", "zh-Hans"),
    ("zh-TW", "en"),
    ("fil-PH", "tl"),
    ("tl", "tl"),
    ("hmn-US,en;q=0.5", "hmn"),
    ("so-SO", "so"),
    ("ar-EG", "ar"),
    ("fr-FR,vi;q=0.7", "vi"),
    ("", "en"),
    ("xx-garbage;q=abc", "en"),
])
def test_accept_language(client, header, expected):
    html = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}"' in html


def test_explicit_choice_beats_accept_language(client):
    response = client.get("/language/ru?next=/")
    assert response.status_code == 302
    html = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert '<html lang="ru"' in html


def test_unknown_language_choice_is_ignored(client):
    client.get("/language/xx")
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_switcher_names_each_language_in_itself(client):
    html = client.get("/").get_data(as_text=True)
    for name in ["English", "Español", "简体中文", "Tiếng Việt", "Tagalog", "Русский", "العربية",
                 "Hmoob", "Soomaali"]:
        assert name in html


def test_offered_languages_are_configurable(make_app):
    app = make_app(HEARD_LANGUAGES=["en", "es"])
    html = app.test_client().get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "العربية" not in html


def test_dates_follow_the_locale_and_hmong_falls_back_to_english(client, demo):
    client.get("/language/es")
    spanish = client.get("/").get_data(as_text=True)
    client.get("/language/hmn")
    hmong = client.get("/").get_data(as_text=True)
    months_es = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                 "septiembre", "octubre", "noviembre", "diciembre"]
    months_en = ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"]
    assert any(f" de {m} de " in spanish for m in months_es)
    assert any(m in hmong for m in months_en)


def test_parse_accept_language_orders_by_quality():
    assert parse_accept_language("en;q=0.1, ar, es;q=0.5") == ["ar", "es", "en"]
    assert match_tag("zh-Hant-TW", ["zh-Hans"]) is None


@pytest.mark.parametrize("code", NON_ENGLISH)
def test_catalogue_is_complete(code):
    """Every message has a translation, none fuzzy, placeholders kept."""
    import re

    missing, fuzzy, broken = [], [], []
    spelled = forms_for_one_number(catalogue(code))
    for message in catalogue(code):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if not all(strings):
            missing.append(ids[0])
        if message.fuzzy:
            fuzzy.append(ids[0])
        wanted = set(re.findall(r"%\((\w+)\)[sd]", ids[-1]))
        for index, string in enumerate(strings):
            found = set(re.findall(r"%\((\w+)\)[sd]", string))
            # A plural form used for one number only (Arabic 1 and 2) may say it in words.
            needed = wanted - {"num"} if message.pluralizable and index in spelled else wanted
            if string and not needed <= found <= wanted:
                broken.append(ids[0])
    assert not missing, f"{code}: {len(missing)} untranslated, e.g. {missing[:5]}"
    assert not fuzzy, f"{code}: fuzzy entries {fuzzy[:5]}"
    assert not broken, f"{code}: placeholders differ in {broken[:5]}"


def test_catalogues_cover_the_template():
    with open(os.path.join(TRANSLATIONS, "messages.pot"), "rb") as handle:
        template_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    for code in NON_ENGLISH:
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(code) if m.id}
        assert template_ids <= ids, f"{code} lacks {sorted(template_ids - ids)[:5]}"


@pytest.mark.parametrize(("code", "count"), [("hmn", 40), ("ar", 3), ("ru", 5), ("zh-Hans", 2)])
def test_plural_seat_counts_are_translated(client, demo, code, count):
    """Hmong has no CLDR plural rule: the build keeps the catalogue's own (one form)."""
    client.get(f"/language/{code}")
    html = client.get("/").get_data(as_text=True)
    assert "seats left" not in html


def test_babel_cfg_extracts_every_file_that_speaks():
    """Every template and module that calls gettext is read by the extraction (babel.cfg),
    the e-mail and SMS templates included: text it misses is never translated."""
    import pathlib
    import re

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(os.path.join(ROOT, "babel.cfg"), encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}  # as the Makefile's extract
    found = extract_from_dir(ROOT, method_map, options_map, keywords=keywords)
    extracted = {pathlib.Path(filename).as_posix() for filename, *_rest in found}
    speaking = set()
    for path in pathlib.Path(ROOT, "app").rglob("*"):
        if path.suffix not in (".py", ".html", ".txt"):
            continue
        if re.search(r"\b(_|n?gettext|_l)\(", path.read_text("utf-8")):
            speaking.add(path.relative_to(ROOT).as_posix())
    assert "app/templates/email/updated.txt" in speaking
    assert speaking <= extracted, sorted(speaking - extracted)


# --- one name and one direction per language ----------------------------------------------

def test_one_direction_for_every_language_everywhere():
    from app.services.reports import files

    for code in ALL_LANGUAGES:
        expected = "rtl" if code == "ar" else "ltr"
        assert text_direction(code) == expected, code
        assert files.is_rtl(code) == (expected == "rtl"), code  # the report files agree with the pages
    for code in ("fa", "he", "ur", "ar-EG"):  # a note or a quote in another right-to-left language
        assert text_direction(code) == "rtl" and files.is_rtl(code)
    for code in (None, "", "hmn", "xx-garbage"):
        assert text_direction(code) == "ltr" and not files.is_rtl(code)


def test_one_name_for_every_language_everywhere():
    names = {code: native_name(code) for code in ALL_LANGUAGES}
    assert names["es"] == "Español" and names["ar"] == "العربية" and names["hmn"] == "Hmoob"
    assert len(set(names.values())) == len(ALL_LANGUAGES)
    assert native_name("fa") == "fa" and native_name(None) == "?"
