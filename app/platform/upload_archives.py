"""Checking an .xlsx or .docx upload before openpyxl or python-docx opens it: the zip's
central directory, then every XML part streamed once through expat (app/platform/uploads.py
says which limits and why)."""
import io
import re
import zipfile
from xml.parsers import expat

from flask_babel import gettext as _
from flask_babel import ngettext

from .uploads import (
    CELL_REFERENCE,
    CHUNK,
    RATIO_GRACE_BYTES,
    SHEET_NS,
    WORD_NS,
    XLSX_COLUMNS,
    Extent,
    Limits,
    Malformed,
    UploadRefused,
    cell_too_long,
    too_large_unpacked,
    too_many_columns,
    too_many_rows,
)

# -- the zip's central directory -------------------------------------------------------------

def check_archive(data, limits=None):
    """The upload as an open :class:`zipfile.ZipFile`, once its central directory passes the
    limits. Nothing is unpacked here. Raises UploadRefused, Malformed or zipfile.BadZipFile."""
    limits = limits or Limits.from_config()
    archive = zipfile.ZipFile(io.BytesIO(data))
    members = archive.infolist()
    if len(members) > limits.zip_members:
        raise UploadRefused(ngettext(
            "The file is made of more than %(num)d part, which a spreadsheet or document of this kind never "
            "needs. Save it again and upload the new file.",
            "The file is made of more than %(num)d parts, which a spreadsheet or document of this kind never "
            "needs. Save it again and upload the new file.", limits.zip_members))
    total = 0
    for info in members:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Malformed("encrypted or unusual compression")  # Office writes neither
        if info.file_size > limits.uncompressed_bytes:
            raise too_large_unpacked(limits)
        total += info.file_size
        if total > limits.uncompressed_bytes:
            raise too_large_unpacked(limits)
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_GRACE_BYTES and info.file_size > limits.compression_ratio * packed:
            raise UploadRefused(_(
                "A part of the file unpacks to more than %(ratio)d times its packed size, as a zip bomb does. "
                "Heard did not open it.", ratio=limits.compression_ratio))
    return archive


# -- streaming every XML part ----------------------------------------------------------------

class _PartScan:
    """One XML part through expat. Counts as it goes and raises at the first limit passed."""

    ROW, CELL_TEXTS = f"{SHEET_NS} row", {f"{SHEET_NS} v", f"{SHEET_NS} f", f"{SHEET_NS} t"}
    VALUES = {f"{SHEET_NS} v", f"{SHEET_NS} is", f"{SHEET_NS} f"}
    SHARED, SHARED_TEXTS = f"{SHEET_NS} si", {f"{SHEET_NS} t"}
    PARAGRAPH, PARAGRAPH_TEXTS = f"{WORD_NS} p", {f"{WORD_NS} t"}

    def __init__(self, limits, extent, counts):
        self.limits, self.extent, self.counts = limits, extent, counts  # extent and counts span all parts
        self.elements = 0
        self.counted = []  # per open element: do its characters count?
        self.open_texts = 0  # how many of those are open
        self.row_depth = self.cell_depth = None  # the open sheet row, and the open cell in it
        self.row = self.column = self.cells_in_row = 0
        self.cell_has_value = False
        self.owner = self.owner_depth = None  # what counted characters belong to: cell, shared, paragraph
        self.chars = 0
        self.paragraphs = []  # depths of the open paragraphs (a text box nests paragraphs)

    def parser(self):
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.characters
        parser.StartDoctypeDeclHandler = self.doctype
        parser.buffer_text = True
        return parser

    def doctype(self, *args):
        raise Malformed("DOCTYPE in an Office part")

    def start(self, name, attributes):
        self.elements += 1
        if self.elements > self.limits.xml_elements:
            raise UploadRefused(ngettext(
                "A part of the file holds more than %(num)d XML element. Save it again without extra "
                "formatting, or split it into smaller files.",
                "A part of the file holds more than %(num)d XML elements. Save it again without extra "
                "formatting, or split it into smaller files.", self.limits.xml_elements))
        depth = len(self.counted) + 1
        if name == self.ROW:
            self._start_row(attributes, depth)
        elif self.row_depth is not None and depth == self.row_depth + 1:
            self._start_cell(attributes, depth)  # openpyxl reads every child of a row as a cell
        elif name == self.SHARED:
            self.owner, self.owner_depth, self.chars = "shared", depth, 0
        elif name == self.PARAGRAPH:
            self.counts["paragraphs"] = self.counts.get("paragraphs", 0) + 1
            if self.counts["paragraphs"] > self.limits.rows:
                raise UploadRefused(ngettext(
                    "The document has more than %(num)d paragraph. Split it into smaller files.",
                    "The document has more than %(num)d paragraphs. Split it into smaller files.",
                    self.limits.rows))
            self.paragraphs.append(depth)
            self.owner, self.owner_depth, self.chars = "paragraph", depth, 0
        if self.cell_depth is not None and name in self.VALUES:
            self.cell_has_value = True
        texts = {"cell": self.CELL_TEXTS, "shared": self.SHARED_TEXTS, "paragraph": self.PARAGRAPH_TEXTS}
        counted = self.owner is not None and name in texts[self.owner]
        self.counted.append(counted)
        self.open_texts += counted

    def _start_row(self, attributes, depth):
        self.row_depth, self.cells_in_row, self.column = depth, 0, 0
        number = attributes.get("r")
        if number is None:
            self.row += 1
            return
        try:
            value = float(number)
        except ValueError:
            raise Malformed("row number") from None
        if not value.is_integer():
            raise Malformed("row number")
        self.row = int(value)

    def _start_cell(self, attributes, depth):
        self.cells_in_row += 1
        if self.cells_in_row > XLSX_COLUMNS:
            raise too_many_columns(self.limits, self.row)
        reference = attributes.get("r")
        if reference is None:
            self.column += 1
        else:
            match = CELL_REFERENCE.match(reference)
            if match is None:
                raise Malformed("cell reference")
            self.column = 0
            for letter in match.group(1).upper():
                self.column = self.column * 26 + ord(letter) - 64
        self.cell_depth, self.cell_has_value = depth, False
        self.owner, self.owner_depth, self.chars = "cell", depth, 0

    def characters(self, data):
        if not self.open_texts:
            return
        self.chars += len(data)
        if self.chars > self.limits.cell_chars:
            if self.owner == "cell":
                raise cell_too_long(self.limits, self.row, self.column)
            if self.owner == "paragraph":
                raise UploadRefused(ngettext(
                    "A paragraph has more than %(num)d character. Break it into shorter paragraphs and upload "
                    "again.",
                    "A paragraph has more than %(num)d characters. Break it into shorter paragraphs and upload "
                    "again.", self.limits.cell_chars))
            raise cell_too_long(self.limits)

    def end(self, name):
        depth = len(self.counted)
        self.open_texts -= self.counted.pop()
        if depth == self.cell_depth:
            if self.cell_has_value and self.row > 0:
                if self.row > self.limits.rows:
                    raise too_many_rows(self.limits)
                if self.column > self.limits.columns:
                    raise too_many_columns(self.limits, self.row)
                self.extent.rows = max(self.extent.rows, self.row)
                self.extent.columns = max(self.extent.columns, self.column)
            self.cell_depth = self.owner = self.owner_depth = None
        elif depth == self.row_depth:
            self.row_depth = None
        elif depth == self.owner_depth:
            if self.paragraphs and self.paragraphs[-1] == depth:
                self.paragraphs.pop()
            # back in an outer paragraph, if any (its count starts afresh)
            self.owner_depth = self.paragraphs[-1] if self.paragraphs else None
            self.owner = "paragraph" if self.paragraphs else None
            self.chars = 0


def scan_parts(archive, limits=None):
    """Stream every part of ``archive`` through :class:`_PartScan`; the :class:`Extent` of
    the sheets' values.

    A part expat cannot read to its end stops its own scan (what was read was counted): an
    image, or XML broken at that point, which the readers do not get past either. But libxml2
    (python-docx, openpyxl) also reads encodings that expat lacks (UTF-32, EBCDIC, Shift_JIS,
    ISO-2022-JP...), so a part in one of those is refused as :class:`Malformed`: it could
    not be checked. Office writes UTF-8 or UTF-16."""
    limits = limits or Limits.from_config()
    extent, counts = Extent(), {}
    for info in archive.infolist():
        if info.is_dir() or not info.file_size:
            continue
        parser = _PartScan(limits, extent, counts).parser()
        first = b""
        with archive.open(info) as member:
            try:
                while chunk := member.read(CHUNK):
                    first = first or chunk
                    parser.Parse(chunk, False)
                parser.Parse(b"", True)
            except Malformed:
                raise
            except (expat.ExpatError, ValueError, LookupError):  # ValueError, LookupError: encodings
                if _foreign_encoding(first):
                    raise Malformed("XML in an encoding expat does not read") from None
    return extent


# Encodings expat reads itself (others come through Python's codecs, or not at all).
NATIVE_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"}
DECLARED_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""")
# UTF-32 (with or without a byte order mark) and EBCDIC, as XML 1.0's appendix F detects them.
FOREIGN_STARTS = (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00", b"\x4c\x6f\xa7\x94")


def _foreign_encoding(start):
    """Whether a part starts as XML in an encoding expat does not read natively."""
    if start.startswith(FOREIGN_STARTS):
        return True
    match = DECLARED_ENCODING.match(start)
    return bool(match) and match.group(1).decode("ascii", "replace").strip().lower() not in NATIVE_ENCODINGS


def check_xlsx(data, limits=None):
    """Check an .xlsx before openpyxl opens it; returns the :class:`Extent` to read."""
    limits = limits or Limits.from_config()
    return scan_parts(check_archive(data, limits), limits)


def check_docx(data, limits=None):
    """Check a .docx before python-docx opens it."""
    limits = limits or Limits.from_config()
    scan_parts(check_archive(data, limits), limits)
