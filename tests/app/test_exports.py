import csv
import io

import pytest
from openpyxl import load_workbook

from app.services.exports import neutralize, to_csv, to_xlsx

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
