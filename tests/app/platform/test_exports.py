import csv
import io

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from app.platform.exports import joined, neutralize, to_csv, to_xlsx
from app.services.reports.files import themes_csv

HOSTILE = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_cells_are_neutralized(value):
    assert neutralize(value) == "'" + value


def test_plain_values_pass_through():
    assert neutralize("Table 1") == "Table 1"
    assert neutralize(3) == 3
    assert neutralize(None) == ""
    assert neutralize("a\x00b") == "ab"


def test_csv_and_xlsx_carry_neutralized_cells():
    rows = [[v, "ok"] for v in HOSTILE]
    text = to_csv(["text", "other"], rows).decode("utf-8-sig")
    read = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in read[1:]] == ["'" + v for v in HOSTILE]
    sheet = load_workbook(io.BytesIO(to_xlsx(["text", "other"], rows))).active
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    # Without lxml, openpyxl's XML writer turns a carriage return into a line feed; with lxml
    # (python-docx brings it) it is kept. What matters is the leading apostrophe.
    assert [v.replace("\r", "\n") for v in values] == ["'" + v.replace("\r", "\n") for v in HOSTILE]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


# --- Mixed directions: Unicode isolates inside composite cells ----------------------------

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
# What a cell may start with that a reader does not see: LRM, RLM, ALM, embeddings, overrides,
# isolates.
MARKS = ["\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202e", FSI, LRI, "\u2067", PDI,
         FSI + "\u200f"]
DARK = "الشوارع المظلمة"
PROMPT = "What works in your neighborhood, and when do you not?"


def fsi(text):
    return FSI + text + PDI


def lri(text):
    return LRI + text + PDI


@pytest.mark.parametrize("mark", MARKS)
@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_behind_direction_marks_is_neutralized(mark, value):
    assert neutralize(mark + value) == "'" + mark + value


def test_composite_cells_isolate_each_piece_in_a_right_to_left_file():
    # An English title and numbers in an Arabic file: numbers left to right (LRI), text by its
    # own first letter (FSI).
    assert joined([("1.1", True), PROMPT], rtl=True) == lri("1.1") + "; " + fsi(PROMPT)
    assert joined([[("2026-41", True), "Section 3"], "Open libraries late"], rtl=True) == (
        lri("2026-41") + " " + fsi("Section 3") + "; " + fsi("Open libraries late"))
    # A "number" that is really an Arabic title reads right to left: first strong isolate.
    assert joined([(DARK, True), ("1.1", True)], rtl=True) == fsi(DARK) + "; " + lri("1.1")
    # Isolates and overrides typed into a piece cannot leak out of it.
    assert joined(["a\u202eb" + PDI + PDI, "c" + LRI], rtl=True) == fsi("ab") + "; " + fsi("c")


@pytest.mark.parametrize("piece", ["Dark streets", DARK, ("2026-41", True), [("2026-41", True)]])
@pytest.mark.parametrize("rtl", [True, False])
def test_a_cell_of_one_piece_is_left_as_it_is(piece, rtl):
    text = {str: piece, tuple: piece[0], list: piece[0][0]}[type(piece)]
    assert joined([piece, "", None, []], rtl=rtl) == text
    assert joined([], rtl=rtl) == ""


def test_a_left_to_right_file_isolates_only_right_to_left_pieces():
    cell = joined([("1.1", True), "Survey lighting", [("2026-41", True), "Section 1"]], rtl=False)
    assert cell == "1.1; Survey lighting; 2026-41 Section 1"
    assert joined(["Survey lighting", DARK], rtl=False) == "Survey lighting; " + fsi(DARK)


def _rows(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


HOSTILE_CLAUSE = "=HYPERLINK(\"http://x\") and more"
HOSTILE_ACTION = "=cmd|' /C calc'!A0"
SNAPSHOT = {"themes": [
    {"label": "Dark streets", "statement": "Residents want lighting.",
     "counts": {"notes": 4, "tables": 2, "sessions": 1, "languages": {"en": 3, "ar": 1}},
     "clauses": [{"resolution": "2026-41", "label": "Section 1", "text": "The city will fund it."},
                 {"resolution": "Belonging", "label": "", "text": "x"},
                 {"resolution": "", "label": "", "text": HOSTILE_CLAUSE}],
     "actions": [{"number": "1.1", "action_step": "Survey lighting"},
                 {"number": "", "action_step": PROMPT}]},
    {"label": DARK, "statement": "",
     "counts": {"notes": 2, "tables": 1, "sessions": 1, "languages": {"ar": 2}},
     "clauses": [{"resolution": "2026-41", "label": "", "text": "y"}],
     "actions": [{"number": "", "action_step": HOSTILE_ACTION},
                 {"number": "2.1", "action_step": "z"}]},
    {"label": "@Youth", "statement": "-",
     "counts": {"notes": 1, "tables": 1, "sessions": 1, "languages": {}},
     "clauses": [], "actions": [{"number": "", "action_step": "+1+1"}]},
]}


def test_report_csv_in_arabic_isolates_the_pieces_of_composite_cells(app):
    with app.test_request_context(), force_locale("ar"):
        rows = _rows(themes_csv(SNAPSHOT))
    assert rows[0][0] == "الموضوع"  # served through gettext in Arabic
    dark, arabic, formula = rows[1:]
    # Single-piece cells carry no isolate: an Arabic or English name keeps its own direction.
    assert dark[:5] == ["Dark streets", "Residents want lighting.", "4", "2", "1"]
    assert arabic[0] == DARK and arabic[6] == "2026-41"
    assert dark[6] == (lri("2026-41") + " " + fsi("Section 1") + "; " + lri("Belonging") + "; "
                       + fsi(HOSTILE_CLAUSE))
    assert dark[7] == lri("1.1") + "; " + fsi(PROMPT)
    # A composite cell whose first piece looks like a formula still gets the apostrophe, before
    # the isolate; a single piece gets it as before.
    assert arabic[7] == "'" + fsi(HOSTILE_ACTION) + "; " + lri("2.1")
    assert formula[:2] == ["'@Youth", "'-"] and formula[7] == "'+1+1"
    for cell in (cell for row in rows for cell in row):
        assert not cell.lstrip("".join(MARKS)).startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_report_csv_in_english_gains_no_isolate_for_english_content(app):
    english = {"themes": [t for t in SNAPSHOT["themes"] if t["label"] != DARK]}
    with app.test_request_context(), force_locale("en"):
        rows = _rows(themes_csv(english))
    assert not any(c in cell for row in rows for cell in row for c in (FSI, LRI, PDI))
    assert rows[1][6] == "2026-41 Section 1; Belonging; " + HOSTILE_CLAUSE
    assert rows[1][7] == "1.1; " + PROMPT
