"""app.text: what cleaning at entry removes, and what XML writers may hold."""
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from app.text import clean_text, xml_safe

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))
CONTROLS_REMOVED = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]


@pytest.mark.parametrize("char", CONTROLS_REMOVED, ids=lambda c: f"U+{ord(c):04X}")
def test_clean_text_removes_nul_and_c0_c1_controls(char):
    assert clean_text(f"a{char}b") == "ab"


@pytest.mark.parametrize("char", ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff"],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_clean_text_removes_surrogates_and_noncharacters(char):
    assert clean_text(f"a{char}b{char}") == "ab"


def test_clean_text_line_ends_become_lf_and_tab_stays():
    assert clean_text("one\r\ntwo\rthree\nfour\tfive") == "one\ntwo\nthree\nfour\tfive"
    assert clean_text("\r\r\n") == "\n\n"


@pytest.mark.parametrize("text", [
    "Café", "Más luz en el parque", "公交车太少", "Xe buýt ở đâu", "Автобус", "الحافلة متأخرة ٣ مرات",
    "Kev thauj mus los", "Baska waa la daahay", "👩🏽‍👧 family", "\u200f\u200e\u200b\u2066x\u2069",
    "  spaces stay  ", "１２３ fullwidth", "\u00a0no-break", "\U0010fffd",
])
def test_clean_text_keeps_letters_of_every_script_and_invisible_formatting(text):
    assert clean_text(text) == unicodedata.normalize("NFC", text)


def test_clean_text_composes_to_nfc_also_across_removed_characters():
    assert clean_text("e\u0301") == "\u00e9"
    assert clean_text("e\x00\u0301") == "\u00e9"
    assert clean_text("\u1100\u1161") == "\uac00"  # Hangul jamo compose


def test_clean_text_of_every_code_point_is_storable_and_idempotent():
    cleaned = clean_text(EVERY_CODE_POINT)
    cleaned.encode("utf-8")  # no surrogates left: encodes, as the database and lingua need
    assert "\x00" not in cleaned and "\r" not in cleaned
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n" for c in cleaned)
    assert clean_text(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
                         + ["\ud800", "\udfff", "\ufffe", "\uffff"], ids=lambda c: f"U+{ord(c):04X}")
def test_xml_safe_removes_what_xml_1_0_forbids(char):
    assert xml_safe(f"a{char}b") == "ab"


def test_xml_safe_keeps_what_xml_1_0_allows_unchanged():
    allowed = "\t\n\r" + "".join(chr(c) for c in range(0x20, 0xD800)) + "".join(
        chr(c) for c in range(0xE000, 0xFFFE)) + "\U00010000\U0010ffff e\u0301"
    assert xml_safe(allowed) == allowed  # no normalisation: writers show what is stored


def test_xml_safe_of_every_code_point_is_accepted_by_an_xml_parser():
    safe = xml_safe(EVERY_CODE_POINT)
    document = "<t>" + safe.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</t>"
    ET.fromstring(document.encode("utf-8"))  # noqa: S314 (our own document) raises on what XML 1.0 forbids
    assert xml_safe(safe) == safe
