"""Split a draft resolution into numbered clauses.

Pure functions, no database. The rules, line by line:

* ``WHEREAS, ...`` starts a recital: kind ``whereas``, label ``Whereas 1``, ``Whereas 2``...
* ``NOW, THEREFORE, BE IT RESOLVED ...``, ``BE IT FURTHER RESOLVED ...``, ``RESOLVED, ...`` start
  an operative clause: kind ``resolved``, label ``Resolved 1``... These clauses keep their
  opening words, so the text reads as the council wrote it.
* ``Section 1.``, ``SECTION 2:``, ``Sec. 3 -`` start a section: kind ``section``, label
  ``Section 1`` (the document's own number); the marker itself leaves the text. When the
  document has no "Section" markers, numbered lines (``1.``, ``2)``, ``1.2``) are sections
  too; when it has them, numbered lines belong to the section above.
* Lettered or roman sub-items (``(a)``, ``b)``, ``c.``, ``(iv)``) stay with the clause above, each
  on its own line: they usually finish the sentence that introduces them ("The city shall:").
* Any other line continues the clause above (lines wrapped by a PDF or an e-mail are joined
  with a space; a new paragraph starts a new line of the same clause).
* Lines before the first clause are the preamble: ``RESOLUTION NO. 2026-41`` gives the number,
  the first other paragraph gives the title.
* An enacting line that only introduces the clauses ("NOW, THEREFORE, the City Council resolves
  as follows:", or a one-paragraph "BE IT RESOLVED ... as follows:") is left out, and so is the
  signature block from ``PASSED AND ADOPTED``, ``ATTEST:``, ``AYES:`` or ``NOES:`` on.
* A text with none of these markers is split one clause per paragraph (blank-line separated,
  or one per line when it has no blank lines), without kind or label, as before.

Labels are written in English, like the keywords the splitter reads.
"""
import functools
import io
import re
import zipfile
from dataclasses import dataclass

MAX_LABEL = 40
MAX_TITLE = 300

WHEREAS = re.compile(r"^whereas\b[\s,:;]*", re.IGNORECASE)
RESOLVED = re.compile(
    r"^(?:now[\s,]+)?(?:therefore[\s,]+)?(?:(?:let\s+it\s+be|be\s+it)\s+)?(?:(?:further|finally|also)[\s,]+)?"
    r"resolved\b", re.IGNORECASE)
SECTION = re.compile(r"^(?:section|sec\.|§)\s*(\d{1,3}[a-z]?(?:\.\d{1,3})*)\s*(?:[.:)\-–—]+\s*|$)", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)[.)]\s+|^(\d{1,3}(?:\.\d{1,3})+)\s+(?=\S)")
SUB_ITEM = re.compile(r"^(?:\((?:[a-z]{1,2}|[ivxlc]{1,6}|\d{1,2})\)|(?:[a-z]|[ivx]{1,4})[.)])\s+", re.IGNORECASE)
ENACTING = re.compile(r"^now[\s,]+therefore\b", re.IGNORECASE)
AS_FOLLOWS = re.compile(r"\b(?:resolve[sd]?|ordain[sd]?)\b.*\bas\s+follows\s*:?\s*$", re.IGNORECASE)
SIGNATURE = re.compile(r"^(?:PASSED|ADOPTED|APPROVED|ATTEST|AYES|NOES|NAYS|ABSENT|ABSTAIN)\b"
                       r"|^(?i:passed and adopted|passed, approved|attest:|ayes:|noes:)")
ENDS_AS_FOLLOWS = re.compile(r"\bas\s+follows\s*:?\s*$", re.IGNORECASE)
RESOLUTION_NUMBER = re.compile(r"^resolution\s+(?:no\.?|number|#)\s*([\w.\-/]+)\s*$", re.IGNORECASE)


@dataclass
class Clause:
    kind: str
    label: str
    text: str


@dataclass
class SplitResolution:
    title: str
    number: str
    clauses: list


class Unreadable(ValueError):
    """The uploaded file cannot be read as text."""


def split(text):
    """A pasted resolution as a :class:`SplitResolution` (title, number, clauses)."""
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    has_sections = any(SECTION.match(line) for line in lines)
    if not any(WHEREAS.match(line) or RESOLVED.match(line) or SECTION.match(line) or NUMBERED.match(line)
               for line in lines):
        return SplitResolution("", "", _plain(lines))

    preamble, clauses = [[]], []
    current = None  # [kind, label, list of paragraphs, each a list of lines]
    counts = {"whereas": 0, "resolved": 0}
    new_paragraph = False

    def close():
        nonlocal current
        if current is not None:
            body = "\n".join(" ".join(part) for part in current[2] if part).strip()
            if current[0] == "resolved" and ENDS_AS_FOLLOWS.search(body) and "\n" not in body:
                counts["resolved"] -= 1  # "BE IT RESOLVED ... as follows:" only introduces sections
            elif body:
                clauses.append(Clause(current[0], current[1][:MAX_LABEL], body))
            current = None

    for line in lines:
        if not line:
            new_paragraph = True
            if current is None and preamble[-1]:
                preamble.append([])
            continue
        starts_paragraph, new_paragraph = new_paragraph, False
        if clauses or current is not None:
            if SIGNATURE.match(line):
                break
        if WHEREAS.match(line) or RESOLVED.match(line):
            close()
            kind = "whereas" if WHEREAS.match(line) else "resolved"
            counts[kind] += 1
            current = [kind, f"{kind.title()} {counts[kind]}", [[line]]]
            continue
        if ENACTING.match(line) or (starts_paragraph and current is not None and current[0] == "whereas"
                                    and AS_FOLLOWS.search(line)):
            close()
            continue
        section = SECTION.match(line)
        numbered = None if has_sections else NUMBERED.match(line)
        if section or numbered:
            close()
            match = section or numbered
            number = (match.group(1) or match.group(2) or "").rstrip(".")
            rest = line[match.end():].strip()
            current = ["section", f"Section {number}", [[rest] if rest else []]]
            continue
        if current is None:
            preamble[-1].append(line)
        elif SUB_ITEM.match(line) or NUMBERED.match(line) or starts_paragraph or not current[2][-1]:
            current[2].append([line])
        else:
            current[2][-1].append(line)
    close()

    number, title = "", ""
    for paragraph in preamble:
        if not paragraph:
            continue
        found = RESOLUTION_NUMBER.match(" ".join(paragraph))
        if found and not number:
            number = found.group(1)
        elif not title:
            title = " ".join(paragraph)[:MAX_TITLE]
    return SplitResolution(title, number, clauses)


def _plain(lines):
    text = "\n".join(lines).strip()
    if not text:
        return []
    if "\n\n" in text:
        paragraphs = [" ".join(part.split("\n")) for part in re.split(r"\n\s*\n", text)]
    else:
        paragraphs = text.split("\n")
    return [Clause("", "", paragraph.strip()) for paragraph in paragraphs if paragraph.strip()]


# -- files --------------------------------------------------------------------------------

def read_file(filename, data):
    """The text of an uploaded .txt or .docx file. Raises :class:`Unreadable` or ValueError
    subclasses only; size and type are the caller's to check."""
    extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
    if extension == "docx":
        return _read_docx(data)
    if data.startswith(b"PK\x03\x04") or b"\x00" in data:
        raise Unreadable("binary")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("encoding")


def _read_docx(data):
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    if not data.startswith(b"PK\x03\x04"):
        raise Unreadable("not a docx")
    try:
        document = Document(io.BytesIO(data))
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        lines = []
        counters, styles, formats = {}, {}, {}
        for paragraph in document.paragraphs:
            text = _paragraph_text(paragraph._p).strip()
            prefix = _list_number(paragraph, counters, numbering, styles, formats) if text else ""
            lines.append(f"{prefix} {text}".strip() if prefix else text)
            lines.append("")  # Word paragraphs are paragraphs
    except (PackageNotFoundError, zipfile.BadZipFile, LxmlError, KeyError, ValueError, OSError):
        raise Unreadable("not a docx") from None
    return "\n".join(lines)


@functools.cache
def _run_content():
    """One compiled XPath for what ``Paragraph.text`` reads (python-docx runs one XPath per
    run, which made a document of many small runs take minutes)."""
    from docx.oxml.ns import nsmap
    from lxml import etree

    inner = "*[self::w:t or self::w:tab or self::w:ptab or self::w:br or self::w:cr or self::w:noBreakHyphen]"
    return etree.XPath(f"w:r/{inner} | w:hyperlink/w:r/{inner}", namespaces={"w": nsmap["w"]})


def _paragraph_text(p):
    """A paragraph's text as python-docx's ``Paragraph.text`` gives it: the text of its runs
    (also inside hyperlinks), tabs as tabs, line breaks (not page breaks) as new lines."""
    from docx.oxml.ns import qn

    parts = []
    for node in _run_content()(p):
        tag = node.tag
        if tag == qn("w:t"):
            parts.append(node.text or "")
        elif tag in (qn("w:tab"), qn("w:ptab")):
            parts.append("\t")
        elif tag == qn("w:cr"):
            parts.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            parts.append("-")
        elif node.get(qn("w:type"), "textWrapping") == "textWrapping":  # w:br
            parts.append("\n")
    return "".join(parts)


def _paragraph_style(paragraph, styles):
    """The paragraph's style element, looked up once per style id: python-docx's lookup
    reads every style of the document each time."""
    style_id = paragraph._p.style
    if style_id not in styles:
        style = paragraph.style
        styles[style_id] = style.element if style is not None else None
    return styles[style_id]


def _list_number(paragraph, counters, numbering, styles, formats):
    """Word's automatic list numbers are not in the text: rebuild "1." and "(a)" (bullets stay
    unmarked). The numbering is the paragraph's own or its style's."""
    numbering_properties = None
    own = paragraph._p.pPr
    if own is not None and own.numPr is not None:
        numbering_properties = own.numPr
    else:
        style = _paragraph_style(paragraph, styles)
        if style is not None and style.pPr is not None and style.pPr.numPr is not None:
            numbering_properties = style.pPr.numPr
    if numbering_properties is None or numbering_properties.numId is None:
        return ""
    list_id = numbering_properties.numId.val
    level = numbering_properties.ilvl.val if numbering_properties.ilvl is not None else 0
    if (list_id, level) not in formats:
        formats[list_id, level] = _number_format(numbering, list_id, level)
    if formats[list_id, level] in ("bullet", "none"):
        return ""
    levels = counters.setdefault(list_id, {})
    levels[level] = levels.get(level, 0) + 1
    for deeper in [key for key in levels if key > level]:
        del levels[deeper]
    count = levels[level]
    if level == 0:
        return f"{count}."
    if level == 1:
        return f"({chr(96 + count)})" if count <= 26 else f"({count})"
    return f"({count})"


def _number_format(numbering, list_id, level):
    if numbering is None:
        return ""
    abstract = numbering.xpath(f'./w:num[@w:numId="{int(list_id)}"]/w:abstractNumId/@w:val')
    if not abstract:
        return ""
    formats = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{int(abstract[0])}"]'
                              f'/w:lvl[@w:ilvl="{int(level)}"]/w:numFmt/@w:val')
    return formats[0] if formats else ""
