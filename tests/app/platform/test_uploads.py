"""Hostile uploads: zip bombs, huge cells, a million rows, entity bombs. Each is refused with a
message naming the limit, before openpyxl or python-docx opens it, and leaves no preview.

The files are built here, small: XML parts are written into the zip in chunks (a 25 MB cell
costs the test a few kilobytes of memory), never through openpyxl or python-docx.
"""
import io
import os
import re
import zipfile

import docx
import openpyxl
import pytest
from docx import Document
from openpyxl import Workbook
from sqlalchemy import func, select
from support import empty_tables

from app.extensions import db
from app.models import ActionItem, Engagement, EngagementTranslation, Note, Resolution
from app.platform import uploads
from app.platform.uploads import Limits, TextBudget, UploadRefused

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"
HEADER_ROW = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>session</t></is></c><c r="B1" t="inlineStr"><is><t>table'
              b'</t></is></c><c r="C1" t="inlineStr"><is><t>prompt</t></is></c><c r="D1" t="inlineStr"><is><t>text'
              b"</t></is></c></row>")
MB = 1024 * 1024


@pytest.fixture
def app(make_app, monkeypatch, tmp_path):
    """The app with its own instance folder, so the test can see that no preview was kept."""
    monkeypatch.setenv("HEARD_INSTANCE_PATH", str(tmp_path / "instance"))
    app = make_app()
    with app.app_context():
        empty_tables()
    yield app


@pytest.fixture
def never_opened(monkeypatch):
    """Fail the request if openpyxl or python-docx is asked to open the file."""
    def refuse(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(docx, "Document", refuse)


def _repeat(piece, size):
    """``size`` bytes of ``piece`` repeated, in 1 MB chunks."""
    chunk = piece * (MB // len(piece))
    while size > 0:
        yield chunk[:size]
        size -= len(chunk)


def _template(kind):
    out = io.BytesIO()
    if kind == "xlsx":
        book = Workbook()
        book.active.append(["session", "table", "prompt", "text"])
        book.save(out)
    else:
        document = Document()
        document.add_paragraph("WHEREAS, the crossing is dangerous;")
        document.save(out)
    return out.getvalue()


def _archive(kind, replace=None, extra=(), compression=zipfile.ZIP_DEFLATED):
    """A real .xlsx or .docx with parts replaced or added; each part is bytes or an iterable of
    byte chunks, written in turn."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(_template(kind)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        parts = [(info.filename, replace.get(info.filename, source.read(info))) for info in source.infolist()]
        for name, content in parts + list(extra):
            with target.open(name, "w", force_zip64=True) as member:
                _write(member, content)
    return out.getvalue()


def _flat(content):
    """Nested chunks as one bytes object."""
    return content if isinstance(content, bytes) else b"".join(_flat(chunk) for chunk in content)


def _write(member, content):
    if isinstance(content, bytes):
        member.write(content)
    else:
        for chunk in content:
            _write(member, chunk)


def _sheet(*chunks):
    yield SHEET_HEAD
    yield from chunks
    yield SHEET_TAIL


def _xlsx(*chunks, **kwargs):
    return _archive("xlsx", replace={SHEET: _sheet(*chunks)}, **kwargs)


def _document(*chunks):
    yield (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
           b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    yield from chunks
    yield b"<w:sectPr/></w:body></w:document>"


def _docx(*chunks, **kwargs):
    return _archive("docx", replace={"word/document.xml": _document(*chunks)}, **kwargs)


def _million_rows():
    yield HEADER_ROW
    for _ in range(1000):
        yield b"<row><c><v>1</v></c></row>" * 1000  # 26 MB in all


def _dense_rows(count):
    yield HEADER_ROW
    yield b"<row><c><v>1</v></c></row>" * count


def _entity_bomb(root):
    lol = b'<!ENTITY a0 "lol">' + b"".join(b'<!ENTITY a%d "&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;&a%d;">'
                                           % ((i,) + (i - 1,) * 10) for i in range(1, 10))
    return b'<?xml version="1.0"?><!DOCTYPE lolz [' + lol + b"]>" + root


def _lying_directory(data, name):
    """``data`` with the central directory declaring ``name`` 100 bytes long, whatever it holds
    (the last copy of a name is its central directory entry; the size is 24 bytes in)."""
    entry = data.rindex(name.encode()) - 46
    assert data[entry:entry + 4] == b"PK\x01\x02"
    return data[:entry + 24] + (100).to_bytes(4, "little") + data[entry + 28:]


def _deep_bomb():
    """The issue's 200 KB .xlsx with a 200 MB cell, at 25 MB: a little over the limit."""
    return _xlsx(HEADER_ROW, b'<row r="2"><c r="D2" t="inlineStr"><is><t>', _repeat(b"A", 25 * MB),
                 b"</t></is></c></row>")


# (name, file, limits to set, words of the expected message)
XLSX_CASES = [
    ("a 25 MB cell", _deep_bomb, {}, "too large once unpacked: at most 20 MB"),
    ("a part packed 1,000 times", lambda: _xlsx(HEADER_ROW, b'<row r="2"><c r="D2" t="inlineStr"><is><t>',
                                                 _repeat(b"A", 5 * MB), b"</t></is></c></row>"),
     {}, "more than 100 times its packed size"),
    ("a million rows", lambda: _xlsx(_million_rows()), {}, "too large once unpacked"),
    ("a million rows within the size", lambda: _xlsx(_million_rows()),
     {"UPLOAD_MAX_UNCOMPRESSED_BYTES": 200 * MB, "UPLOAD_MAX_COMPRESSION_RATIO": 10_000,
      "UPLOAD_MAX_XML_ELEMENTS": 10_000_000}, "more than 20000 rows"),
    ("one row a million rows down", lambda: _xlsx(
        HEADER_ROW, b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>pilot</t></is></c></row>'),
     {}, "more than 20000 rows"),
    ("20,001 rows", lambda: _xlsx(_dense_rows(20_001)), {}, "more than 20000 rows"),
    ("a value in column AY", lambda: _xlsx(HEADER_ROW, b'<row r="2"><c r="AY2"><v>1</v></c></row>'),
     {}, "Row 2 has more than 50 columns"),
    ("a row of 16,385 cells", lambda: _xlsx(HEADER_ROW, b"<row>", b"<c/>" * 16_385, b"</row>"),
     {}, "Row 2 has more than 50 columns"),
    ("a cell of 10,001 characters", lambda: _xlsx(
        HEADER_ROW, b'<row r="2"><c r="D2" t="inlineStr"><is><t>' + b"A" * 10_001 + b"</t></is></c></row>"),
     {}, "Row 2, column D has more than 10000 characters"),
    ("a shared string of 10,001 characters", lambda: _xlsx(HEADER_ROW, extra=[(
        "xl/sharedStrings.xml", b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        + "é".encode() * 10_001 + b"</t></si></sst>")]), {}, "A cell has more than 10000 characters"),
    ("600 parts", lambda: _xlsx(HEADER_ROW, extra=[(f"xl/media/p{i}.bin", b"x") for i in range(600)]),
     {}, "more than 500 parts"),
    ("too many XML elements", lambda: _xlsx(HEADER_ROW, extra=[("xl/extra.xml", b"<a>" + b"<b/>" * 2000 + b"</a>")]),
     {"UPLOAD_MAX_XML_ELEMENTS": 1000}, "more than 1000 XML elements"),
    ("an entity bomb", lambda: _xlsx(HEADER_ROW, extra=[("xl/styles2.xml", _entity_bomb(b"<a>&a9;</a>"))]),
     {}, "not a real .xlsx"),
    ("a directory that lies about a part's size", lambda: _lying_directory(_deep_bomb(), SHEET),
     {}, "not a real .xlsx"),
    ("a part compressed with bzip2", lambda: _xlsx(HEADER_ROW, compression=zipfile.ZIP_BZIP2),
     {}, "not a real .xlsx"),
    ("a sheet in UTF-32, which only libxml2 reads", lambda: _archive("xlsx", replace={SHEET: _flat(_sheet(HEADER_ROW)).decode().replace(
        'encoding="UTF-8"', 'encoding="UTF-32"').encode("utf-32")}), {}, "not a real .xlsx"),
]
CSV_CASES = [
    ("a field of 10,001 characters", b"session,table,prompt,text\npilot,Table 1,1," + b"A" * 10_001 + b"\n",
     {}, "Row 2, column D has more than 10000 characters"),
    ("a quoted field running to the end", b'session,table,prompt,text\npilot,Table 1,1,"' + b"A\n" * 150_000,
     {}, "Row 2 has a cell with more than 10000 characters"),
    ("20,001 rows", b"session,table,prompt,text\n" + b"pilot,Table 1,1,Lights\n" * 20_001, {},
     "more than 20000 rows"),
    ("a million empty lines", b"session,table,prompt,text\n" + b"\n" * 1_000_000, {}, "more than 20000 rows"),
    ("51 columns", b"session,table,prompt,text" + b",x" * 47 + b"\n", {}, "Row 1 has more than 50 columns"),
]


def _previews(app, folder):
    path = os.path.join(app.instance_path, folder)
    return os.listdir(path) if os.path.isdir(path) else []


def _refused(response, message, status=422):
    assert response.status_code == status
    assert message in response.get_data(as_text=True).replace("&#34;", '"')


def _upload_notes(client, name, data):
    return client.post("/admin/notes/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("name, build, limits, message", XLSX_CASES, ids=[case[0] for case in XLSX_CASES])
def test_hostile_xlsx_note_imports_are_refused_before_opening(app, client, signed_in, never_opened,
                                                             name, build, limits, message):
    app.config.update(limits)
    signed_in("organizer")
    data = build()
    assert len(data) < app.config["NOTE_IMPORT_MAX_BYTES"]  # small on the wire
    _refused(_upload_notes(client, "paper.xlsx", data), message)
    assert _previews(app, "note-imports") == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Note)) == 0


@pytest.mark.parametrize("name, data, limits, message", CSV_CASES, ids=[case[0] for case in CSV_CASES])
def test_hostile_csv_note_imports_are_refused(app, client, signed_in, name, data, limits, message):
    app.config.update(limits)
    signed_in("organizer")
    _refused(_upload_notes(client, "paper.csv", data), message)
    assert _previews(app, "note-imports") == []


def test_the_limits_are_settings(app, client, signed_in):
    app.config.update(UPLOAD_MAX_ROWS=3, UPLOAD_MAX_CELL_CHARS=20)
    signed_in("organizer")
    rows = b"session,table,prompt,text\n" + b"pilot,Table 1,1,Lights\n" * 3
    _refused(_upload_notes(client, "paper.csv", rows), "more than 3 rows")
    long_cell = b"session,table,prompt,text\npilot,Table 1,1,Twenty-one characters\n"
    _refused(_upload_notes(client, "paper.csv", long_cell), "column D has more than 20 characters")
    _refused(_upload_notes(client, "paper.xlsx", _xlsx(_dense_rows(3))), "more than 3 rows")


def _engagement(app):
    with app.app_context():
        engagement = Engagement(slug="harbor", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Harbor listens"))
        db.session.add(engagement)
        db.session.commit()
        return engagement.id


PLAN_CASES = [case for case in XLSX_CASES if case[0] in (
    "a 25 MB cell", "a million rows", "one row a million rows down", "a cell of 10,001 characters", "an entity bomb")]


@pytest.mark.parametrize("name, build, limits, message", PLAN_CASES, ids=[case[0] for case in PLAN_CASES])
def test_hostile_plan_imports_are_refused_before_opening(app, client, signed_in, never_opened,
                                                        name, build, limits, message):
    app.config.update(limits)
    signed_in("organizer")
    response = client.post("/admin/policy/plans/import", data={
        "engagement": _engagement(app), "plan_title": "Plan", "file": (io.BytesIO(build()), "plan.xlsx")},
        content_type="multipart/form-data")
    _refused(response, message)
    assert _previews(app, "plan-imports") == []
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ActionItem)) == 0


def _paragraphs(count, text=b"WHEREAS, the crossing is dangerous;"):
    paragraph = b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"
    for _ in range(count // 1000):
        yield paragraph * 1000
    yield paragraph * (count % 1000)


DOCX_CASES = [
    ("150 MB of XML, at 25 MB", lambda: _docx(_repeat(b"<w:p/>", 25 * MB)), {}, "too large once unpacked"),
    ("a part packed 1,000 times", lambda: _docx(_repeat(b"<w:p/>", 5 * MB)), {},
     "more than 100 times its packed size"),
    ("20,001 paragraphs", lambda: _docx(_paragraphs(20_001, b"A")), {}, "more than 20000 paragraphs"),
    ("a paragraph of 10,001 characters", lambda: _docx(_paragraphs(1, b"A" * 10_001)), {},
     "A paragraph has more than 10000 characters"),
    ("a paragraph of many runs", lambda: _docx(b"<w:p>", b"<w:r><w:t>A</w:t></w:r>" * 10_001, b"</w:p>"), {},
     "A paragraph has more than 10000 characters"),
    ("too many XML elements", lambda: _docx(b"<w:p>", b"<w:r/>" * 2000, b"</w:p>"),
     {"UPLOAD_MAX_XML_ELEMENTS": 1000}, "more than 1000 XML elements"),
    ("an entity bomb", lambda: _archive("docx", replace={"word/document.xml": _entity_bomb(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
        b"<w:t>&a9;</w:t></w:r></w:p></w:body></w:document>")}), {}, "Heard could not read this file."),
    ("600 parts", lambda: _docx(_paragraphs(1), extra=[(f"word/media/p{i}.bin", b"x") for i in range(600)]), {},
     "more than 500 parts"),
    ("a document in ISO-2022-JP, which only libxml2 reads", lambda: _archive("docx", replace={
        "word/document.xml": _flat(_document(b"<w:p><w:r><w:t>\x1b$B$3\x1b(B</w:t></w:r></w:p>",
                                             _paragraphs(30_000, b"A"))).replace(
            b'encoding="UTF-8"', b'encoding="ISO-2022-JP"')}), {}, "Heard could not read this file."),
]


@pytest.mark.parametrize("name, build, limits, message", DOCX_CASES, ids=[case[0] for case in DOCX_CASES])
def test_hostile_resolution_documents_are_refused_before_opening(app, client, signed_in, never_opened,
                                                                name, build, limits, message):
    app.config.update(limits)
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement(app), "resolution-title": "Kept",
        "resolution-file": (io.BytesIO(build()), "draft.docx")}, content_type="multipart/form-data")
    _refused(response, message, status=400)
    assert 'value="Kept"' in response.get_data(as_text=True)  # nothing typed is lost
    with app.app_context():
        assert db.session.scalar(select(Resolution)) is None


def test_files_within_the_limits_still_import(app, client, signed_in):
    """The checks do not refuse ordinary files: a sheet written as raw XML, an Excel-style one."""
    from factories import make_session

    make_session(app)
    signed_in("organizer")
    rows = (HEADER_ROW, b'<row r="2"><c r="A2" t="inlineStr"><is><t>pilot</t></is></c><c r="B2" t="inlineStr"><is>'
            b'<t>Table 1</t></is></c><c r="C2"><v>1</v></c><c r="D2" t="inlineStr"><is><t>' + "é".encode() * 4_000
            + b"</t></is></c></row>")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # a picture is not XML, and is left alone
    response = _upload_notes(client, "paper.xlsx", _xlsx(*rows, extra=[("xl/media/image1.png", png)]))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and ("Import 1 note" in page or "Import all 1 notes" in page)
    assert len(_previews(app, "note-imports")) == 1


def test_the_largest_notes_file_an_import_takes_passes_the_checks(app, client, signed_in):
    """5,000 notes (the import's own maximum), written by openpyxl as a spreadsheet program
    would, with long texts: well inside every default limit."""
    from factories import make_session

    make_session(app)
    signed_in("organizer")
    book = Workbook()
    book.active.append(["session", "table", "prompt", "text", "language", "translation"])
    for number in range(5000):
        book.active.append(["pilot", "Table 1", 1, f"Note {number}: " + "more light on the street " * 12, "en", ""])
    out = io.BytesIO()
    book.save(out)
    page = _upload_notes(client, "paper.xlsx", out.getvalue()).get_data(as_text=True)
    assert "Import all 5000 notes" in page


def test_one_long_shared_string_used_by_every_cell_is_counted_each_time():
    """A 9,000-character string in 3,000 cells is 27 million characters once read."""
    limits = Limits(uncompressed_bytes=20 * MB, zip_members=500, compression_ratio=100, xml_elements=200_000,
                    rows=20_000, columns=50, cell_chars=10_000)
    budget = TextBudget(limits)
    shared = "A" * 9_000
    taken = 0
    with pytest.raises(UploadRefused) as refused:
        for row in range(1, 3001):
            budget.take(shared, row, 4)
            taken += 1
    assert taken == limits.uncompressed_bytes // len(shared)
    assert "too large once unpacked" in refused.value.message


def test_read_csv_counts_records_and_checks_every_field():
    limits = Limits(uncompressed_bytes=MB, zip_members=1, compression_ratio=1, xml_elements=1,
                    rows=3, columns=2, cell_chars=5)
    assert uploads.read_csv('a,"b\nc"\nd,e\n', limits) == [["a", "b\nc"], ["d", "e"]]
    for text, words in [("a,b\nc,d\ne,f\ng,h\n", "more than 3 rows"), ("a,b,c\n", "Row 1 has more than 2"),
                        ("a,b\nc,toolong\n", "Row 2, column B has more than 5")]:
        with pytest.raises(UploadRefused) as refused:
            uploads.read_csv(text, limits)
        assert words in refused.value.message


# -- text is cleaned where it enters (app.text.clean_text) ------------------------------------

DECOMPOSED = "Cafe\u0301"  # "Café" in NFD, as some Mac programs write it


def _token(page):
    match = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', page)
    assert match, "no import button on the preview"
    return match.group(1)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_imported_notes_are_cleaned_cell_by_cell(app, client, signed_in, kind):
    from factories import make_session

    make_session(app)
    signed_in("organizer")
    if kind == "csv":
        data = ('session,table,prompt,text,translation\npilot,Table\x0b 1,1,"Lights\x01 on\x1f Elm\r\nplease '
                f'{DECOMPOSED}\x7f\u0085\ufffe",In\x0c English\n').encode()
    else:  # XML cannot hold C0 controls; a sheet still brings C1 controls, CR LF and NFD text
        data = _xlsx(b'<row r="1"><c r="A1" t="inlineStr"><is><t>session</t></is></c><c r="B1" t="inlineStr"><is>'
                     b'<t>table</t></is></c><c r="C1" t="inlineStr"><is><t>prompt</t></is></c><c r="D1" '
                     b't="inlineStr"><is><t>text</t></is></c><c r="E1" t="inlineStr"><is><t>translation</t></is>'
                     b'</c></row><row r="2"><c r="A2" t="inlineStr"><is><t>pilot</t></is></c><c r="B2" '
                     b't="inlineStr"><is><t>Table\xc2\x85 1</t></is></c><c r="C2"><v>1</v></c><c r="D2" '
                     b't="inlineStr"><is><t xml:space="preserve">Lights on Elm&#13;\nplease '
                     + f"{DECOMPOSED}\x7f\u0085".encode() + b'</t></is></c><c r="E2" t="inlineStr"><is><t>'
                     b"In\xc2\x9f English</t></is></c></row>")
    page = _upload_notes(client, f"paper.{kind}", data).get_data(as_text=True)
    assert client.post("/admin/notes/import/commit", data={"token": _token(page)}).status_code == 303
    with app.app_context():
        note = db.session.scalar(select(Note))
        assert note.text == "Lights on Elm\nplease Café"
        assert note.translation_en == "In English"


def test_imported_plans_are_cleaned(app, client, signed_in):
    signed_in("organizer")
    data = f"Goal,Action step,Departments\nSafer\x0b streets,Survey{DECOMPOSED}\x01 lights,Public\u0085 Works\n"
    response = client.post("/admin/policy/plans/import", data={
        "engagement": _engagement(app), "plan_title": "Plan", "file": (io.BytesIO(data.encode()), "plan.csv")},
        content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert client.post("/admin/policy/plans/import/commit", data={"token": _token(page)}).status_code == 303
    with app.app_context():
        item = db.session.scalar(select(ActionItem))
        assert (item.goal, item.action_step, item.departments) == (
            "Safer streets", "SurveyCafé lights", "Public Works")


@pytest.mark.parametrize("name", ["draft.txt", "draft.docx"])
def test_uploaded_resolutions_are_cleaned(app, client, signed_in, name):
    signed_in("organizer")
    lines = ["Resolution on\u0085 crossings", f"WHEREAS, the {DECOMPOSED}\u0085 crossing is dangerous;",
             "NOW, THEREFORE, BE IT RESOLVED that the city\ufffe acts."]
    if name.endswith(".txt"):
        data = "\r\n\r\n".join(line + "\x0c\x01" for line in lines).encode()
    else:
        document = Document()
        for line in lines:
            document.add_paragraph(line.replace("\ufffe", ""))  # python-docx refuses U+FFFE itself
        out = io.BytesIO()
        document.save(out)
        data = out.getvalue()
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement(app), "resolution-file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")
    assert response.status_code == 303
    with app.app_context():
        resolution = db.session.scalar(select(Resolution))
        assert resolution.title == "Resolution on crossings"
        assert [clause.text for clause in resolution.clauses] == [
            "WHEREAS, the Café crossing is dangerous;", "NOW, THEREFORE, BE IT RESOLVED that the city acts."]


def test_every_upload_limit_is_a_documented_setting():
    from app.config import ENV_SETTINGS, Defaults

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    with open(os.path.join(root, "docs", "deploy.md"), encoding="utf-8") as handle:
        deploy = handle.read()
    with open(os.path.join(root, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    names = [name for name in vars(Defaults) if name.startswith("UPLOAD_MAX_")]
    assert len(names) == len(Limits.__dataclass_fields__)
    for name in names:
        assert name in ENV_SETTINGS and f"`{name}`" in deploy and f"`{name}`" in readme, name
