"""The two text cleaners: clean_text where text enters, xml_safe in every writer."""
import unicodedata

import pytest
from lxml import etree

from app.text import clean_text, xml_safe

C0_REMOVED = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
C1_AND_DEL = ["\x7f"] + [chr(c) for c in range(0x80, 0xA0)]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
NONCHARACTERS = ["\ufffe", "\uffff"]


@pytest.mark.parametrize("bad", C0_REMOVED + C1_AND_DEL + SURROGATES + NONCHARACTERS)
def test_clean_text_removes_controls_surrogates_and_noncharacters(bad):
    assert clean_text(f"Buses{bad} on Sunday{bad}") == "Buses on Sunday"


@pytest.mark.parametrize("text, expected", [
    ("one\r\ntwo", "one\ntwo"), ("one\rtwo", "one\ntwo"), ("one\r\r\ntwo", "one\n\ntwo"),
    ("tab\tand\nline", "tab\tand\nline"),
])
def test_clean_text_keeps_tab_and_line_feed_and_normalises_line_ends(text, expected):
    assert clean_text(text) == expected


def test_clean_text_normalises_to_nfc_and_keeps_every_script():
    decomposed = "Cafe\u0301 ở Hà Nội 公共汽车 حافلة автобус Tsheb 😀"
    cleaned = clean_text(unicodedata.normalize("NFD", decomposed))
    assert cleaned == unicodedata.normalize("NFC", decomposed)
    assert "😀" in cleaned and "公共汽车" in cleaned


def test_clean_text_is_idempotent():
    messy = "a\x00\r\nb\x0b\ud800c\u0065\u0301\ufffe\x85"
    assert clean_text(clean_text(messy)) == clean_text(messy) == "a\nbcé"


@pytest.mark.parametrize("bad", C0_REMOVED + SURROGATES + NONCHARACTERS)
def test_xml_safe_removes_what_xml_forbids(bad):
    text = xml_safe(f"Theme{bad} name")
    assert text == "Theme name"
    etree.fromstring(f"<a>{text}</a>".encode())  # parses, and encodes as UTF-8


@pytest.mark.parametrize("kept", ["\t", "\n", "\r", "\x7f", "\x85", "\u2028", "é", "😀", "\ufffd"])
def test_xml_safe_keeps_what_xml_allows(kept):
    assert xml_safe(f"a{kept}b") == f"a{kept}b"
