"""A report's downloads, made from its snapshot (see ``reports.build_snapshot``): a DOCX
document and two CSV files (one row per theme with its counts; one row per quote).

The DOCX is written in the reader's language. Arabic paragraphs and runs are marked right to
left (``w:bidi``, ``w:rtl``) and every run carries its language (``w:lang``) when known, so
Word picks the right fonts, spelling and direction. Every text goes through
``app.text.xml_safe`` on its way into the document (one control character in a theme name
must not break the file), and CSV cells through ``exports.neutralize`` so a spreadsheet never
runs a cell as a formula."""
import io
from datetime import date

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from flask_babel import format_date, ngettext
from flask_babel import gettext as _

from ... import bidi
from ...i18n import native_name, text_direction
from ...labels import label
from ...platform import exports
from ...text import xml_safe
from .texts import Text, pick_text, session_title_text, snapshot_translator

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Word wants region tags for a few languages.
WORD_LANG = {"zh-Hans": "zh-CN", "tl": "fil-PH", "en": "en-US"}
# Children of w:pPr that must come after w:bidi (ECMA-376 order).
_AFTER_BIDI = {qn("w:" + t) for t in ("adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                                      "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                                      "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                                      "pPrChange")}


def _base(code):
    return (code or "").split("-")[0]


def is_rtl(code):
    return bool(code) and text_direction(code) == "rtl"


def _paragraph_rtl(paragraph):
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is not None:
        return
    bidi = OxmlElement("w:bidi")
    for index, child in enumerate(p_pr):
        if child.tag in _AFTER_BIDI:
            p_pr.insert(index, bidi)
            return
    p_pr.append(bidi)


def _run_language(run, code):
    """Direction and language of a run. Call after every other formatting of the run."""
    if not code:
        return
    if is_rtl(code):
        run.font.rtl = True
    r_pr = run._r.get_or_add_rPr()
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    word = WORD_LANG.get(code, code)
    if is_rtl(code):
        lang.set(qn("w:bidi"), word)
    elif _base(code) == "zh":
        lang.set(qn("w:eastAsia"), word)
    else:
        lang.set(qn("w:val"), word)


def _para(container, text, code, *, style=None, bold=False, italic=False):
    paragraph = container.add_paragraph(style=style)
    if is_rtl(code):
        _paragraph_rtl(paragraph)
    run = paragraph.add_run(xml_safe(text))
    run.bold, run.italic = bold or None, italic or None
    _run_language(run, code)
    return paragraph


def _runs(container, pieces, code, *, style=None, italic=False):
    """One paragraph of several runs, each with its own language and direction: ``pieces`` are
    (text, language); language ``"ltr"`` marks a number such as "2026-41" or "1.1", a run that
    is always left to right. In an Arabic report the label's run is right to left and an
    English title, a department or a resolution number keeps its own left-to-right run, so
    Word never reorders "Resolution 2026-41" into "41-2026"."""
    paragraph = container.add_paragraph(style=style)
    if is_rtl(code):
        _paragraph_rtl(paragraph)
    for text, text_code in pieces:
        if not text:
            continue
        run = paragraph.add_run(xml_safe(text))
        run.italic = italic or None
        if text_code == "ltr":
            run.font.rtl = False
        else:
            _run_language(run, text_code)
    return paragraph


def _marker(t, language):
    """The runs after a text shown in its source language, as the page's "not yet translated"
    marker: a separate run in the reader's language (none for a translated or source text)."""
    if not getattr(t, "fallback", False):
        return []
    return [(" (%s)" % _("not yet translated"), language)]


def _mark(paragraph, t, language):
    """Add the marker's run to ``paragraph`` when ``t`` is a fallback."""
    for text, code in _marker(t, language):
        _run_language(paragraph.add_run(xml_safe(text)), code)
    return paragraph


def _number_code(value, default):
    """A resolution or action number ("2026-41", "1.1") is a left-to-right run; a resolution
    shown by its title when it has no number keeps the content's language."""
    return default if bidi.has_rtl(value) else "ltr"


def _heading(document, text, level, code):
    paragraph = document.add_heading(level=level)
    if is_rtl(code):
        _paragraph_rtl(paragraph)
    _run_language(paragraph.add_run(xml_safe(text)), code)
    return paragraph


def _table(document, header, rows, code):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    if is_rtl(code):
        tbl_pr = table._tbl.tblPr
        tbl_pr.append(OxmlElement("w:bidiVisual"))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        paragraph = cell.paragraphs[0]
        if is_rtl(code):
            _paragraph_rtl(paragraph)
        run = paragraph.add_run(xml_safe(str(text)))
        run.bold = True
        _run_language(run, code)
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            text, text_code = (value.text, value.language) if isinstance(value, Text) else value
            paragraph = cell.paragraphs[0]
            if is_rtl(text_code):
                _paragraph_rtl(paragraph)
            _run_language(paragraph.add_run(xml_safe(str(text))), text_code)
            if isinstance(value, Text):
                _mark(paragraph, value, code)
    return table


def _languages_text(languages):
    return ", ".join(native_name(code) for code in languages) if languages else "—"


def _theme_languages(counts):
    return [code for code in counts.get("languages", {}) if code and code != "und"]


def _stance(value):
    return str(label("link_stance", value)) if value else ""


def to_docx(snapshot, language, *, published_at=None):
    """The report as a Word document (bytes), its interface text in ``language``."""
    document = Document()
    styles = document.styles
    styles["Normal"].font.size = Pt(11)
    default = snapshot.get("engagement", {}).get("default_language", "en")
    tr = snapshot_translator(snapshot, language)  # content in the reader's language, if translated
    report_id = snapshot.get("report_id")
    title = tr("report.title", report_id, snapshot.get("title"))
    # Word's limit for a property is 255 characters.
    document.core_properties.title = xml_safe(title.text or _("What We Heard report"))[:255]
    document.core_properties.language = WORD_LANG.get(language, language)
    heading = _heading(document, title.text or _("What We Heard report"), 0,
                       title.language if title else language)
    if title:
        _mark(heading, title, language)
    name, name_code = pick_text(snapshot.get("engagement", {}).get("names"), language, default)
    if name:
        _para(document, name, name_code, italic=True)
    if published_at is not None:
        _para(document, _("Published %(date)s", date=format_date(published_at, "long")), language)
    else:
        _para(document, _("Draft, not published"), language, italic=True)
    introduction = tr("report.introduction", report_id, snapshot.get("introduction"))
    paragraphs = [p.strip() for p in introduction.text.split("\n\n") if p.strip()]
    for index, paragraph in enumerate(paragraphs):
        written = _para(document, paragraph, introduction.language)
        if index == len(paragraphs) - 1:  # the page marks the introduction once, after it
            _mark(written, introduction, language)

    sessions = snapshot.get("sessions", [])
    totals = snapshot.get("totals", {})
    _heading(document, _("Sessions held"), 1, language)
    _para(document, _("%(sessions)s, %(people)s, %(languages)s",
                      sessions=ngettext("%(num)d session", "%(num)d sessions", totals.get("sessions", 0)),
                      people=ngettext("%(num)d person", "%(num)d people", totals.get("attendance", 0)),
                      languages=ngettext("%(num)d language", "%(num)d languages", len(totals.get("languages", [])))),
          language)
    if sessions:
        rows = []
        for session in sessions:
            rows.append([session_title_text(session, language, default),
                         (format_date(date.fromisoformat(session["date"]), "long"), language),
                         (str(session["attendance"]), language), (_languages_text(session["languages"]), language)])
        _table(document, [_("Session"), _("Date"), _("Attendance"), _("Languages")], rows, language)

    themes = snapshot.get("themes", [])
    _heading(document, _("What we heard"), 1, language)
    if themes:
        names = [tr("theme.label", t.get("id"), t["label"]) for t in themes]
        rows = [[name,
                 (str(t["counts"]["notes"]), language), (str(t["counts"]["tables"]), language),
                 (str(t["counts"]["sessions"]), language), (_languages_text(_theme_languages(t["counts"])), language)]
                for t, name in zip(themes, names, strict=True)]
        _table(document, [_("Theme"), _("Notes"), _("Tables"), _("Sessions"), _("Languages")], rows, language)
    for theme in themes:
        label_text = tr("theme.label", theme.get("id"), theme["label"])
        _mark(_heading(document, label_text.text, 2, label_text.language), label_text, language)
        statement = tr("theme.statement", theme.get("id"), theme.get("statement"))
        if statement:
            _mark(_para(document, statement.text, statement.language), statement, language)
        for quote in theme.get("quotes", []):
            _para(document, "“%s”" % quote["text"], quote.get("language") or "", style="Quote")
            if quote.get("translation_en"):
                _runs(document, [(_("In English") + ": ", language), (quote["translation_en"], "en")], language,
                      italic=True)
        if theme.get("clauses") or theme.get("actions"):
            _heading(document, _("What the city is doing"), 3, language)
            for clause in theme.get("clauses", []):
                resolution = clause.get("resolution", "")
                clause_text = tr("clause.text", clause.get("id"), clause["text"])
                pieces = [(_("Resolution") + " ", language), (resolution, _number_code(resolution, default)),
                          (" ", language), (clause.get("label", ""), default), (": ", language),
                          (clause_text.text, clause_text.language), *_marker(clause_text, language)]
                if clause.get("stance"):
                    pieces.append((" (%s)" % _stance(clause["stance"]), language))
                _runs(document, pieces, language, style="List Bullet")
            for action in theme.get("actions", []):
                number = action.get("number", "")
                step = tr("action.action_step", action.get("id"), action["action_step"])
                pieces = [(number, _number_code(number, default)), (" " if number else "", language),
                          (step.text, step.language), *_marker(step, language)]
                if action.get("departments"):
                    departments = tr("action.departments", action.get("id"), action["departments"])
                    pieces += [(" (", language), (departments.text, departments.language),
                               *_marker(departments, language), (")", language)]
                if action.get("stance"):
                    pieces.append((" (%s)" % _stance(action["stance"]), language))
                _runs(document, pieces, language, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cell(t):
    """A CSV cell of content: the text in the reader's language, or its source text followed by
    "(not yet translated)" in the reader's language, each part isolated (``exports.joined``) so
    an English text keeps its order in an Arabic file. The marker is in the cell itself, where
    the page and the DOCX put it, so a sorted or filtered sheet never loses it."""
    if not t.fallback:
        return t.text
    return exports.joined([[t.text, "(%s)" % _("not yet translated")]])


def themes_csv(snapshot, language=None):
    """One row per theme with its counts and what the city linked to it, its content in
    ``language`` where translated (by default the report's source language)."""
    tr = snapshot_translator(snapshot, language or _source_language(snapshot))
    header = [_("Theme"), _("Statement"), _("Notes"), _("Tables"), _("Sessions"), _("Languages"),
              _("Resolution clauses"), _("Actions")]
    rows = []
    for theme in snapshot.get("themes", []):
        counts = theme["counts"]
        rows.append([
            _cell(tr("theme.label", theme.get("id"), theme["label"])),
            _cell(tr("theme.statement", theme.get("id"), theme.get("statement", ""))),
            counts["notes"], counts["tables"], counts["sessions"],
            "; ".join("%s: %d" % (code, n) for code, n in counts.get("languages", {}).items()),
            # Clauses and actions are the city's texts and numbers, several to a cell: each piece
            # isolated (exports.joined), so "2026-41" never reads "41-2026" in an Arabic file.
            exports.joined([(c.get("resolution", ""), True), c.get("label", "")]
                           if c.get("resolution") or c.get("label")
                           else _short(tr("clause.text", c.get("id"), c["text"]))
                           for c in theme.get("clauses", [])),
            exports.joined((a["number"], True) if a.get("number")
                           else _short(tr("action.action_step", a.get("id"), a["action_step"]))
                           for a in theme.get("actions", [])),
        ])
    return exports.to_csv(header, rows)


def _short(t):
    """A clause or action named by its text (it has no number) in a list cell: its first 80
    characters, with the marker when it is the source text."""
    return [t.text[:80], "(%s)" % _("not yet translated")] if t.fallback else t.text[:80]


def _source_language(snapshot):
    return (snapshot.get("engagement") or {}).get("default_language") or "en"


def quotes_csv(snapshot, language=None):
    """One row per quote: the theme (in ``language`` where translated), the words as said,
    their language and English translation."""
    tr = snapshot_translator(snapshot, language or _source_language(snapshot))
    header = [_("Theme"), _("Quote"), _("Language"), _("In English")]
    rows = [[_cell(tr("theme.label", theme.get("id"), theme["label"])), quote["text"], quote.get("language", ""),
             quote.get("translation_en", "")]
            for theme in snapshot.get("themes", []) for quote in theme.get("quotes", [])]
    return exports.to_csv(header, rows)
