"""CSV and XLSX downloads that a spreadsheet cannot be tricked into running.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets; such cells get a leading
apostrophe (OWASP's advice), so they show as the text that was typed. Characters that XML
1.0 forbids (control characters, lone surrogates; see ``app.text.xml_safe``) are dropped
first, since one of them in a stored note would make the whole file fail.

A cell made of several pieces (a resolution number and its label, a list of actions) isolates
each piece (Unicode isolates, see ``app.bidi`` and :func:`joined`), so an English title or a
number inside an Arabic file, or Arabic inside an English one, keeps its place and its order.
A cell of one piece is left as it is: its direction is its own first letter's, and an isolate
around all of it would hide that letter from the viewer. Formula safety looks past the invisible
direction marks a cell may start with: an isolate before ``=`` still gets the apostrophe.
"""
import csv
import io
import re

from flask_babel import get_locale
from openpyxl import Workbook
from openpyxl.styles import Font

from .. import bidi
from ..text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Invisible direction marks, embeddings, overrides and isolates (LRM, RLM, ALM, U+202A-U+202E,
# U+2066-U+2069): a spreadsheet may drop them, so a cell is judged by what follows them.
_LEADING_MARKS = re.compile("^[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]+")


def neutralize(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = xml_safe(str(value))
    if _LEADING_MARKS.sub("", text).startswith(FORMULA_STARTS):
        return "'" + text
    return text


def joined(pieces, separator="; ", *, rtl=None):
    """One cell from several pieces of text, each between Unicode isolates (``bidi.isolate``)
    when the file is right to left (``rtl``; by default the current locale's direction) or the
    piece holds right-to-left letters.

    A piece is a string; ``(text, True)`` for a number or code that reads left to right ("1.1",
    "2026-41"; unless it holds right-to-left letters); or a list of such pieces, joined by a
    space (a resolution number and its label). Every piece is isolated on its own, never a
    group, so no isolate is stripped by another. Empty pieces are left out, and a cell of one
    piece comes back as it is: no isolate around a whole cell."""
    groups = []
    for group in pieces:
        group = [p if isinstance(p, tuple) else (p, False)
                 for p in (group if isinstance(group, list) else [group])]
        group = [(str(text), ltr and not bidi.has_rtl(text))
                 for text, ltr in group if text not in (None, "")]
        if group:
            groups.append(group)
    if sum(len(group) for group in groups) < 2:
        return groups[0][0][0] if groups else ""
    if rtl is None:
        locale = get_locale()
        rtl = bool(locale) and locale.character_order == "right-to-left"
    return separator.join(" ".join(bidi.isolate(text, rtl, ltr=ltr) for text, ltr in group)
                          for group in groups)


def to_csv(header, rows):
    """UTF-8 with a BOM, so Excel opens non-Latin text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralize(h) for h in header])
    for row in rows:
        writer.writerow([neutralize(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header, rows, title="Export"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([neutralize(h) for h in header])
    for row in rows:
        sheet.append([neutralize(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Werkzeug adds "; charset=utf-8" to a text/* mimetype itself: naming it here sent it twice.
CSV_MIMETYPE = "text/csv"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
