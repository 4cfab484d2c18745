"""Text that is safe to store and to write: one cleaner where text enters, one for writers.

:func:`clean_text` is applied once where text enters Heard (web forms, the notes API,
imported files). :func:`xml_safe` is applied by every writer (XLSX, DOCX, CSV, mail,
calendar files) to whatever text reaches it, including text stored before the cleaning
existed, because one character that XML 1.0 forbids makes a whole document fail.
"""
import re
import unicodedata

# C0 controls except tab (U+0009) and line feed (U+000A), DEL, and C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Surrogate code points (a Python str holds them only unpaired) and the two noncharacters
# U+FFFE and U+FFFF.
_UNPAIRED = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Everything outside XML 1.0's Char production: #x9 | #xA | #xD | [#x20-#xD7FF] |
# [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(value: str) -> str:
    """``value`` as Heard stores it.

    * line ends ``\\r\\n`` and ``\\r`` become ``\\n``;
    * NUL and the other C0 controls (U+0000 to U+001F) except tab and line feed, DEL (U+007F)
      and the C1 controls (U+0080 to U+009F) are removed;
    * lone surrogates (U+D800 to U+DFFF) and the noncharacters U+FFFE and U+FFFF are removed;
    * the result is normalised to NFC.

    Idempotent: cleaning a cleaned text changes nothing.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _UNPAIRED.sub("", _CONTROLS.sub("", value))
    return unicodedata.normalize("NFC", value)


def xml_safe(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (every C0 control except tab, line
    feed and carriage return; lone surrogates; U+FFFE and U+FFFF), so XLSX and DOCX writers
    (and UTF-8 encoders) accept it. Other characters are kept as they are."""
    return _NOT_XML.sub("", value)
