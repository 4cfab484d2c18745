"""Text as Heard keeps it: cleaned once where it enters, and made safe for XML writers.

``clean_text`` is applied where text comes in (forms, the notes API, imports): what it
removes can never be stored, so nothing further along (the database, a search, an export)
meets a NUL, a stray control character or half of a surrogate pair. ``xml_safe`` is for the
writers whose format is XML 1.0 (XLSX, DOCX): it drops only what XML 1.0 cannot hold.
Both take and return ``str``; letters of every script, emoji, combining marks, right-to-left
and zero-width characters stay as they are.
"""
import re
import unicodedata

# C0 controls except TAB and LF (CR is turned into LF first), DEL, C1 controls,
# surrogate code points (never half of a real character in a Python str) and the
# non-characters U+FFFE and U+FFFF.
_NOT_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# Everything outside XML 1.0's Char production:
# #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` in NFC, with CR LF and CR as LF, and without NUL, other C0 and C1 control
    characters (TAB and LF stay), surrogate code points, U+FFFE and U+FFFF.
    Idempotent: ``clean_text(clean_text(s)) == clean_text(s)``."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _NOT_TEXT.sub("", value))


def xml_safe(value: str) -> str:
    """``value`` without the characters an XML 1.0 document cannot contain (control
    characters other than TAB, LF and CR; surrogate code points; U+FFFE, U+FFFF)."""
    return _NOT_XML.sub("", value)
