"""CSV and XLSX downloads that a spreadsheet cannot be tricked into running.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read
as a formula by Excel, LibreOffice and Google Sheets; such cells get a leading
apostrophe (OWASP's advice), so they show as the text that was typed. Characters that XML
1.0 forbids (control characters, lone surrogates; see ``app.text.xml_safe``) are dropped
first, since one of them in a stored note would make the whole file fail.
"""
import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from ..text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return value
    text = xml_safe(str(value))
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


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
