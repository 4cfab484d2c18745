"""Limits for uploaded files, checked before and while they are parsed.

Every upload Heard reads (paper notes and action plans as .csv or .xlsx, draft resolutions
as .txt or .docx) is small on the wire but may be large once unpacked: an .xlsx or .docx is
a zip of XML parts, and a 200 KB file can hold a 200 MB cell or a million rows. So, before
openpyxl or python-docx opens a file:

* the zip's central directory is read (no part is unpacked): at most ``UPLOAD_MAX_ZIP_MEMBERS``
  parts, each part and all parts together at most ``UPLOAD_MAX_UNCOMPRESSED_BYTES`` unpacked,
  and no part larger than 1 MB that unpacks to more than ``UPLOAD_MAX_COMPRESSION_RATIO``
  times its packed size; Python's zipfile never unpacks more than a part's declared size;
* every XML part is streamed once through expat (constant memory), and the file is refused
  at the first limit passed: a DOCTYPE (Office files have none; it is how entity bombs
  start), more than ``UPLOAD_MAX_XML_ELEMENTS`` elements in one part, a sheet cell with a
  value beyond row ``UPLOAD_MAX_ROWS`` or column ``UPLOAD_MAX_COLUMNS``, a cell or shared
  string longer than ``UPLOAD_MAX_CELL_CHARS`` characters, a document with more than
  ``UPLOAD_MAX_ROWS`` paragraphs or a paragraph longer than ``UPLOAD_MAX_CELL_CHARS``.

Then the sheet is read with openpyxl in read-only (streaming) mode, only over the rows and
columns that hold values (:class:`Extent`), and :class:`TextBudget` checks each cell's length
and the text read in all (at most ``UPLOAD_MAX_UNCOMPRESSED_BYTES`` characters, since one
long shared string may be used by many cells). CSV files (already small: the upload limit)
are read by :func:`read_csv` with the same row, column and cell limits.

The archive checks (the zip's directory, every XML part streamed) are in
``upload_archives.py``; the reading limits are here.

A refused file raises :class:`UploadRefused` with a message naming the limit; a file that is
not what its name says raises :class:`Malformed` (a ValueError), which callers turn into
their own "this is not a real .xlsx" message. Nothing is stored before these checks pass.
"""
import csv
import io
import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from .errors import ServiceError

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RATIO_GRACE_BYTES = 1024 * 1024  # smaller parts may be packed as tightly as they like
XLSX_COLUMNS = 16384  # a sheet row cannot have more cells than Excel has columns
CHUNK = 64 * 1024
CELL_REFERENCE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


class UploadRefused(ServiceError):
    """The file passes a limit; ``message`` names it, translated."""

    def __init__(self, message, field="file"):
        super().__init__(message, field=field)


class Malformed(ValueError):
    """The file is not a well-formed file of its kind (not a zip, a DOCTYPE, a bad cell
    reference); callers answer with their own "not a real file" message."""


@dataclass(frozen=True)
class Limits:
    uncompressed_bytes: int
    zip_members: int
    compression_ratio: int
    xml_elements: int
    rows: int
    columns: int
    cell_chars: int

    @classmethod
    def from_config(cls, config=None):
        config = config if config is not None else current_app.config
        return cls(
            uncompressed_bytes=config["UPLOAD_MAX_UNCOMPRESSED_BYTES"],
            zip_members=config["UPLOAD_MAX_ZIP_MEMBERS"],
            compression_ratio=config["UPLOAD_MAX_COMPRESSION_RATIO"],
            xml_elements=config["UPLOAD_MAX_XML_ELEMENTS"],
            rows=config["UPLOAD_MAX_ROWS"],
            columns=config["UPLOAD_MAX_COLUMNS"],
            cell_chars=config["UPLOAD_MAX_CELL_CHARS"],
        )


@dataclass
class Extent:
    """The last row and column of a workbook's sheets that hold a value (0 when none)."""
    rows: int = 0
    columns: int = 0


# -- messages ------------------------------------------------------------------------------

def _megabytes(size):
    return max(1, round(size / 1024 / 1024))


def too_large_unpacked(limits):
    return UploadRefused(_("The file is too large once unpacked: at most %(mb)d MB. Split it into smaller files.",
                           mb=_megabytes(limits.uncompressed_bytes)))


def too_many_rows(limits):
    return UploadRefused(_("The file has more than %(n)d rows. Split it into smaller files.", n=limits.rows))


def too_many_columns(limits, row):
    return UploadRefused(ngettext(
        "Row %(row)d has more than %(num)d column. Delete the columns Heard does not read and upload again.",
        "Row %(row)d has more than %(num)d columns. Delete the columns Heard does not read and upload again.",
        limits.columns, row=row))


def cell_too_long(limits, row=None, column=None):
    if row is None:
        return UploadRefused(ngettext(
            "A cell has more than %(num)d character. Shorten it and upload again.",
            "A cell has more than %(num)d characters. Shorten it and upload again.", limits.cell_chars))
    if column is None:
        return UploadRefused(ngettext(
            "Row %(row)d has a cell with more than %(num)d character. Shorten it and upload again.",
            "Row %(row)d has a cell with more than %(num)d characters. Shorten it and upload again.",
            limits.cell_chars, row=row))
    return UploadRefused(ngettext(
        "Row %(row)d, column %(column)s has more than %(num)d character. Shorten it and upload again.",
        "Row %(row)d, column %(column)s has more than %(num)d characters. Shorten it and upload again.",
        limits.cell_chars, row=row, column=column_name(column)))


def column_name(index):
    """Spreadsheet column letters for a 1-based column number: 1 is A, 27 is AA."""
    name = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


# -- reading -------------------------------------------------------------------------------

class TextBudget:
    """Each cell's text at most ``UPLOAD_MAX_CELL_CHARS`` characters, and all cells' text
    together at most ``UPLOAD_MAX_UNCOMPRESSED_BYTES`` characters."""

    def __init__(self, limits=None):
        self.limits = limits or Limits.from_config()
        self.total = 0

    def take(self, text, row, column):
        """``text`` (of the 1-based ``row`` and ``column``), once it fits."""
        if len(text) > self.limits.cell_chars:
            raise cell_too_long(self.limits, row, column)
        self.total += len(text)
        if self.total > self.limits.uncompressed_bytes:
            raise too_large_unpacked(self.limits)
        return text


def read_csv(text, limits=None):
    """The records of a CSV text as lists of strings, within the row, column and cell limits.
    Row numbers in messages count records, as the rest of an import does."""
    limits = limits or Limits.from_config()
    if csv.field_size_limit() < limits.cell_chars:
        csv.field_size_limit(limits.cell_chars)  # only ever raised, so other readers keep working
    budget = TextBudget(limits)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    while True:
        line = len(rows) + 1
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:
            if "larger than field limit" in str(error):
                raise cell_too_long(limits, line) from None
            raise Malformed("csv") from None
        if line > limits.rows:
            raise too_many_rows(limits)
        if len(row) > limits.columns:
            raise too_many_columns(limits, line)
        rows.append([budget.take(cell, line, index) for index, cell in enumerate(row, start=1)])
