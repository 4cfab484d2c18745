"""Transcribed paper notes from a CSV or XLSX file: check every row, show a preview,
then store all rows or none.

Columns (header row, any order, any case): ``session`` (slug or id), ``table`` (name),
``prompt`` (position number), ``text``; optional ``language`` (app code, detected when
blank) and ``translation`` (English).

A file is refused as a whole, with one clear message, when it has the wrong type, is
larger than ``NOTE_IMPORT_MAX_BYTES``, passes one of the upload limits once unpacked or
while read (rows, columns, cell length: app/platform/uploads.py), is a CSV not in UTF-8,
or has a cell a spreadsheet would run as a formula (starting ``=``, ``+``, ``-`` or ``@``,
or an XLSX formula). Row problems (unknown session, empty text...) are listed per row
instead. Every cell is cleaned as it is read (``app.text.clean_text``: NFC, no control
characters or lone surrogates, ``\n`` line ends).

The checked preview is kept server-side in ``<instance>/note-imports/<token>.json``
(the cookie session is too small). Committing stores every row with the client id
``import-<token>-<line>``, so committing the same preview twice cannot store twice.
"""
import io
import os
import re
import zipfile
from dataclasses import asdict, dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...i18n import LANGUAGES
from ...ids import parse_id
from ...models import ListeningSession, Note, Prompt, SessionTable
from ...platform import audit, jobs, staging, upload_archives, uploads
from ...platform.staging import CheckedRows, ImportRefused
from ...text import clean_text
from ..insights import bridge, note_vectors
from .notes import MAX_TEXT

MAX_ROWS = 5000
REQUIRED = ("session", "table", "prompt", "text")
OPTIONAL = ("language", "translation")
FORMULA_STARTS = ("=", "+", "-", "@")


@dataclass
class ImportRow:
    line: int
    session: str
    table: str
    prompt: str
    text: str
    language: str = ""
    translation: str = ""
    errors: list = field(default_factory=list)
    session_id: int | None = None
    table_id: int | None = None
    prompt_id: int | None = None


@dataclass
class Preview(CheckedRows):
    token: str
    filename: str
    rows: list


# -- reading the file --------------------------------------------------------------------

def max_bytes():
    return current_app.config["NOTE_IMPORT_MAX_BYTES"]


def read_table(filename, data):
    """The file's rows as lists of strings (header first). Raises ImportRefused."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if extension not in ("csv", "xlsx"):
        raise ImportRefused(_("Upload a .csv or .xlsx file."))
    if len(data) > max_bytes():
        raise ImportRefused(_("The file is too large: at most %(mb).1f MB.", mb=max_bytes() / 1024 / 1024))
    if not data:
        raise ImportRefused(_("The file is empty."))
    return _read_csv(data) if extension == "csv" else _read_xlsx(data)


def _formula_refusal(line, column):
    return ImportRefused(_(
        "Row %(row)d, column %(column)s starts with =, +, - or @. Spreadsheets run such cells as "
        "formulas, so the file was refused. Change the start of that cell and upload again.",
        row=line, column=column,
    ))


def _read_csv(data):
    if data.startswith(b"PK\x03\x04"):
        raise ImportRefused(_("This file is a spreadsheet, not a CSV. Save it as .xlsx, or export it as CSV."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(_("The file is not in UTF-8. Save it as \"CSV UTF-8\" and upload again.")) from None
    if "\x00" in text:
        raise ImportRefused(_("Upload a .csv or .xlsx file."))
    try:
        table = uploads.read_csv(text)
    except uploads.Malformed:
        raise ImportRefused(_("Upload a .csv or .xlsx file.")) from None
    rows = []
    for line, row in enumerate(table, start=1):
        cells = [clean_text(cell) for cell in row]
        for index, cell in enumerate(cells):
            if cell.startswith(FORMULA_STARTS):
                raise _formula_refusal(line, _column_name(index))
        rows.append([cell.strip() for cell in cells])
    return rows


# openpyxl's and zipfile's ways of saying "this is not a real .xlsx"
NOT_XLSX = (zipfile.BadZipFile, KeyError, IndexError, ValueError, OSError, TypeError, SyntaxError)


def _read_xlsx(data):
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused(_("This file is not a real .xlsx spreadsheet."))
    try:
        extent = upload_archives.check_xlsx(data)  # before openpyxl unpacks anything
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except NOT_XLSX:
        raise ImportRefused(_("This file is not a real .xlsx spreadsheet.")) from None
    try:
        return _sheet_rows(workbook.worksheets[0], extent)
    except NOT_XLSX:
        raise ImportRefused(_("This file is not a real .xlsx spreadsheet.")) from None
    finally:
        workbook.close()


def _sheet_rows(sheet, extent):
    """The first sheet's rows, streamed over the rows and columns that hold values."""
    if not extent.rows:
        return []
    budget = uploads.TextBudget()
    rows = []
    for line, cells in enumerate(sheet.iter_rows(max_row=extent.rows, max_col=extent.columns), start=1):
        values = []
        for index, cell in enumerate(cells):
            value = cell.value
            if cell.data_type == "f":
                raise _formula_refusal(line, _column_name(index))
            if value is None:
                values.append("")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                values.append(_number_as_shown(value, cell.number_format))
            else:
                text = clean_text(budget.take(str(value), line, index + 1))
                if text.startswith(FORMULA_STARTS):
                    raise _formula_refusal(line, _column_name(index))
                values.append(text.strip())
        rows.append(values)
    return rows


# A number format with a fixed count of decimals, such as 0.00 or #,##0.0 (first section).
FIXED_DECIMALS = re.compile(r"^[#,0]*0\.(0+)$")


def _number_as_shown(value, number_format):
    """A number cell as the spreadsheet shows it: 1.10 in a 0.00 column stays "1.10" (the
    file stores 1.1), and whole numbers lose their ".0"."""
    match = FIXED_DECIMALS.match((number_format or "").split(";")[0])
    if match:
        return f"{value:.{len(match.group(1))}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_name(index):
    return uploads.column_name(index + 1)


def parse(filename, data):
    """Rows of the file as ImportRow objects, before any database check."""
    table = read_table(filename, data)
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(_("The file needs the columns session, table, prompt and text. Missing: %(names)s",
                              names=", ".join(missing)))
    position = {name: header.index(name) for name in REQUIRED + OPTIONAL if name in header}
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        value = {name: (cells[i] if i < len(cells) else "") for name, i in position.items()}
        rows.append(ImportRow(line=line, session=value["session"], table=value["table"], prompt=value["prompt"],
                              text=value["text"], language=value.get("language", ""),
                              translation=value.get("translation", "")))
    if not rows:
        raise ImportRefused(_("The file has a header but no notes."))
    if len(rows) > MAX_ROWS:
        raise ImportRefused(_("The file has more than %(n)d rows. Split it into smaller files.", n=MAX_ROWS))
    return rows


# -- checking rows -------------------------------------------------------------------------

def check_rows(rows):
    """Fill in ids and per-row errors, looking sessions, tables and prompts up once each."""
    sessions, tables, prompts = {}, {}, {}
    language_codes = {code.lower(): code for code in LANGUAGES}
    for row in rows:
        row.errors = []
        row.session_id = row.table_id = row.prompt_id = None
        key = row.session.strip()
        if key not in sessions:
            query = select(ListeningSession).where(ListeningSession.slug == key)
            found = db.session.scalar(query)
            if found is None and parse_id(key):
                found = db.session.get(ListeningSession, parse_id(key))
            sessions[key] = found
        session = sessions[key]
        if not key:
            row.errors.append(_("The session is missing."))
        elif session is None:
            row.errors.append(_("No session \"%(name)s\".", name=key))
        else:
            row.session_id = session.id
            table_key = (session.id, row.table.strip())
            if table_key not in tables:
                tables[table_key] = db.session.scalar(select(SessionTable).where(
                    SessionTable.session_id == session.id, SessionTable.name == row.table.strip()))
            if tables[table_key] is None:
                row.errors.append(_("No table \"%(name)s\" in this session.", name=row.table))
            else:
                row.table_id = tables[table_key].id
            position = parse_id(row.prompt)
            if position is None:
                row.errors.append(_("The prompt must be its number, such as 1."))
            else:
                prompt_key = (session.id, position)
                if prompt_key not in prompts:
                    prompts[prompt_key] = db.session.scalar(select(Prompt.id).where(
                        Prompt.session_id == session.id, Prompt.position == position))
                if prompts[prompt_key] is None:
                    row.errors.append(_("No prompt %(n)s in this session.", n=row.prompt))
                else:
                    row.prompt_id = prompts[prompt_key]
        if not row.text.strip():
            row.errors.append(_("The note text is empty."))
        elif len(row.text) > MAX_TEXT:
            row.errors.append(_("A note can have at most %(n)d characters.", n=MAX_TEXT))
        if len(row.translation) > MAX_TEXT:
            row.errors.append(_("A note can have at most %(n)d characters.", n=MAX_TEXT))
        if row.language:
            code = language_codes.get(row.language.strip().lower())
            if code is None:
                row.errors.append(_("Unknown language \"%(code)s\". Use one of: %(codes)s",
                                    code=row.language, codes=", ".join(LANGUAGES)))
            else:
                row.language = code
    return rows


# -- preview storage ---------------------------------------------------------------------

STAGING = staging.Staging("note-imports")


def _require_organizer(actor):
    if not actor.has_role("organizer", "admin"):
        raise ImportRefused(_("Only organizers can import notes."))


def preview(actor, filename, data):
    """Check a file and keep its preview for :func:`commit`. Raises ImportRefused."""
    _require_organizer(actor)
    rows = check_rows(parse(filename, data))
    db.session.rollback()  # only reads; end the transaction
    token = STAGING.save(actor, {"filename": os.path.basename(filename or ""),
                                 "rows": [asdict(row) for row in rows]})
    return Preview(token, os.path.basename(filename or ""), rows)


def _preview(token, stored):
    return Preview(token, stored.get("filename", ""), [ImportRow(**row) for row in stored["rows"]])


def load_preview(actor, token):
    _require_organizer(actor)
    return _preview(token, STAGING.load(actor, token))


def commit(actor, token):
    """Store every row of a checked preview, or none. Returns how many notes were stored."""
    _require_organizer(actor)
    stored = _preview(token, STAGING.claim(actor, token))  # once, even if sent twice at once
    rows = check_rows(stored.rows)  # check again: sessions or tables may have changed since
    if not rows or any(row.errors for row in rows):
        db.session.rollback()
        raise ImportRefused(_("Some rows have errors, so nothing was stored. Fix the file and upload it again."))
    notes = []
    for row in rows:
        note = Note(
            session_id=row.session_id, table_id=row.table_id, prompt_id=row.prompt_id, author_id=actor.id,
            text=row.text.strip(), translation_en=row.translation.strip() or None, source="import",
            client_id=f"import-{token}-{row.line}", version=1,
        )
        if row.language:
            note.language, note.language_detected = row.language, False
        else:
            note.language, note.language_detected = bridge.detect_language(note.text), True
        db.session.add(note)
        notes.append(note)
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise staging.expired() from None
    audit.record(actor, "note.import", None, count=len(rows), filename=stored.filename)
    note_vectors.queue(note.id for note in notes)
    db.session.commit()
    jobs.kick()
    return len(rows)
