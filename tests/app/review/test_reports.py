"""The "What We Heard" report and the public action tracker, as staff and residents meet them:
publishing freezes a version; later edits reach the public only when published again; personal
data, sensitive notes and excluded quotes never appear on the page, in the DOCX or the CSV;
the tracker counts statuses, finds overdue items, groups by department and filters, and every
page renders in every language."""
import csv
import io
import re
import secrets
from datetime import date, timedelta

import docx
import pytest
from docx.oxml.ns import qn
from factories import make_session
from sqlalchemy import select
from support import publish_report

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    AuditEntry,
    ListeningSession,
    Note,
    NoteTheme,
    Registration,
    Report,
    ReportVersion,
    Resolution,
    ResolutionClause,
    Theme,
    ThemeLink,
    User,
)

LANGUAGES = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"]
ARABIC_QUOTE = "الشوارع مظلمة جدا في الليل ونخاف المشي"
QUOTE = "I walk my kids home past the broken street lights every night."
SENSITIVE = "My neighbour at 14 Elm Street hits his wife, everyone knows."
EXCLUDED = "The mayor's cousin runs the towing company, that's the real problem."
PLAIN = "More lights near the bus stops would help a lot."
RESIDENT = ("Zainab Haddad", "zainab.haddad@example.org", "+1 206 555 0177")
NOTETAKER = ("Quentin Notetaker", "quentin.notes@example.org")


@pytest.fixture
def city(app):
    """One past session with notes, a reviewed run with two accepted themes, a resolution
    clause, three action items and confirmed links. Returns ids."""
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        tables = ids["tables"]
        author = User(email=NOTETAKER[1], name=NOTETAKER[0], role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        for index, status in enumerate(["attended", "attended", "confirmed", "cancelled"]):
            db.session.add(Registration(
                session_id=session.id, name=RESIDENT[0] if index == 0 else f"Person {index}",
                email=RESIDENT[1] if index == 0 else f"p{index}@example.org",
                phone=RESIDENT[2] if index == 0 else None, preferred_language="ar", status=status,
                manage_token_hash=secrets.token_hex(32)))
        db.session.flush()

        def note(text, table, language, **flags):
            n = Note(session_id=session.id, table_id=tables[table], prompt_id=ids["prompts"][0], author_id=author.id,
                     text=text, language=language, **flags)
            db.session.add(n)
            return n

        notes = {
            "quote": note(QUOTE, 0, "en", is_quote=True),
            "arabic": note(ARABIC_QUOTE, 1, "ar", is_quote=True, translation_en="The streets are very dark at night."),
            "sensitive": note(SENSITIVE, 0, "en", is_quote=True, is_sensitive=True),
            "excluded": note(EXCLUDED, 1, "en", is_quote=True),
            "plain": note(PLAIN, 0, "en"),
            "youth": note("Teenagers need somewhere to go on Friday nights.", 1, "en", is_quote=True),
            "youth2": note("=HYPERLINK(\"http://evil.example\",\"click\")", 0, "en", is_quote=True),
        }
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=len(notes))
        db.session.add(run)
        db.session.flush()
        lights = Theme(run_id=run.id, key="t1", position=1, machine_label="light street", label="Dark streets",
                       summary="Residents want better street lighting on walking routes.", status="accepted")
        youth = Theme(run_id=run.id, key="t2", position=2, machine_label="teen night", label="=Youth at night",
                      summary="", status="accepted")
        rejected = Theme(run_id=run.id, key="t3", position=3, machine_label="misc", label="Leftovers",
                         status="rejected")
        db.session.add_all([lights, youth, rejected])
        db.session.flush()
        for key in ("quote", "arabic", "sensitive", "excluded", "plain"):
            db.session.add(NoteTheme(note_id=notes[key].id, theme_id=lights.id, assigned_by="machine",
                                     representative=key == "arabic", excluded=key == "excluded"))
        for key in ("youth", "youth2"):
            db.session.add(NoteTheme(note_id=notes[key].id, theme_id=youth.id, assigned_by="machine"))

        resolution = Resolution(engagement_id=session.engagement_id, number="2026-41", title="Belonging")
        clause = ResolutionClause(position=1, label="Section 1", kind="section",
                                  text="The city will fund street lighting where hazards are reported.")
        resolution.clauses.append(clause)
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        today = date.today()
        survey = ActionItem(position=1, number="1.1.1", goal="Safer streets", action_step="Survey lighting on routes",
                            departments="Public Works; Transportation", status="in_progress",
                            deadline=today - timedelta(days=10))
        teens = ActionItem(position=2, number="1.2.1", goal="Youth belonging", action_step="Open libraries late",
                           departments="Library, Parks and Recreation", status="complete",
                           deadline=today - timedelta(days=30))
        forms = ActionItem(position=3, number="2.1.1", goal="Language access", action_step="Translate forms",
                           departments="Public Works", status="not_started", deadline=today + timedelta(days=60))
        plan.items.extend([survey, teens, forms])
        db.session.add_all([resolution, plan])
        db.session.flush()
        db.session.add_all([
            ThemeLink(theme_id=lights.id, clause_id=clause.id, status="confirmed", stance="supports"),
            ThemeLink(theme_id=lights.id, action_item_id=survey.id, status="confirmed", stance="change"),
            ThemeLink(theme_id=youth.id, action_item_id=teens.id, status="confirmed", stance="supports"),
            ThemeLink(theme_id=youth.id, action_item_id=forms.id, status="suggested"),
        ])
        db.session.commit()
        return {"run": run.id, "lights": lights.id, "youth": youth.id, "notes": {k: n.id for k, n in notes.items()},
                "survey": survey.id, "teens": teens.id, "forms": forms.id, "engagement": session.engagement_id}


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _publish(client, city, title="What We Heard in the Pilot"):
    response = publish_report(client, city["run"], {"title": title, "introduction": "Thank you for coming."})
    assert response.status_code == 302, response.data
    with client.application.app_context():
        return db.session.scalar(select(Report.id))


def _rename(app, theme_id, label):
    with app.app_context():
        db.session.get(Theme, theme_id).label = label
        db.session.commit()


def _text(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


CHART_ROW = re.compile(r'<th scope="row"><bdi>([^<]*)</bdi>(?:<small class="chart-detail">([^<]*)</small>)?</th>\s*'
                       r'<td class="num">(\d+)</td>')


def _chart(html, chart_id):
    """{label: (number, detail)} of a chart's data table."""
    table = html.split(f'id="{chart_id}"')[1].split("</table>")[0]
    return {label: (int(number), detail or "") for label, detail, number in CHART_ROW.findall(table)}


def _docx_text(data):
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return document, "\n".join(parts)


# --- Frozen versions -----------------------------------------------------------------------

def test_publishing_freezes_versions_and_later_edits_wait_for_the_next(app, client, city, analyst):
    report_id = _publish(client, city)
    public = app.test_client()
    page = _text(public.get(f"/reports/{report_id}"))
    assert "Dark streets" in page and "Version 1" in page
    with app.app_context():
        version = db.session.scalar(select(ReportVersion))
        assert (version.number, version.published_by_id) == (1, analyst)
        assert version.snapshot["themes"][0]["label"] == "Dark streets"

    # A later rename (and a new intro saved as a draft) changes nothing the public sees.
    _rename(app, city["lights"], "Streets without light")
    client.post(f"/review/runs/{city['run']}/report", data={"title": "A new title", "introduction": "Changed."})
    page = _text(public.get(f"/reports/{report_id}"))
    assert "Dark streets" in page and "Streets without light" not in page
    assert "What We Heard in the Pilot" in page and "A new title" not in page
    assert "Streets without light" not in _docx_text(public.get(f"/reports/{report_id}.docx").data)[1]
    # The staff preview shows the live state.
    assert "Streets without light" in _text(client.get(f"/review/runs/{city['run']}/report"))

    # Publishing again makes version 2; version 1 stays readable at its own address.
    response = publish_report(client, city["run"], {"title": "A new title"})
    assert response.status_code == 302
    page = _text(public.get(f"/reports/{report_id}"))
    assert "Streets without light" in page and "A new title" in page and "Version 2" in page
    assert f'href="/reports/{report_id}/v/1"' in page
    old = _text(public.get(f"/reports/{report_id}/v/1"))
    assert "Dark streets" in old and "earlier version" in old
    assert "Dark streets" in _docx_text(public.get(f"/reports/{report_id}/v/1.docx").data)[1]
    assert public.get(f"/reports/{report_id}/v/3").status_code == 404
    with app.app_context():
        assert [v.number for v in db.session.scalars(select(ReportVersion).order_by(ReportVersion.number))] == [1, 2]
        actions = [e.action for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action.like("report.%")))]
        assert actions.count("report.publish") == 2


def test_unpublishing_hides_every_version_and_file(app, client, city, analyst):
    report_id = _publish(client, city)
    response = client.post(f"/review/runs/{city['run']}/report", data={"title": "x", "unpublish": "y"})
    assert response.status_code == 302
    public = app.test_client()
    for path in (f"/reports/{report_id}", f"/reports/{report_id}/v/1", f"/reports/{report_id}.docx",
                 f"/reports/{report_id}.csv", f"/reports/{report_id}/quotes.csv"):
        assert public.get(path).status_code == 404, path
    assert "What We Heard in the Pilot" not in _text(public.get("/reports/"))
    # Publishing again continues the numbering.
    _publish(client, city)
    assert "Version 2" in _text(public.get(f"/reports/{report_id}"))


def test_publishing_needs_an_accepted_theme_and_a_title(app, client, city, analyst):
    with app.app_context():
        for theme in db.session.scalars(select(Theme)):
            theme.status = "suggested"
        db.session.commit()
    response = publish_report(client, city["run"], {"title": "T"})
    assert response.status_code == 200 and b"Accept at least one theme" in response.data
    assert b'role="alert"' in response.data
    response = publish_report(client, city["run"], {"title": ""})
    assert b'aria-invalid="true"' in response.data
    with app.app_context():
        assert db.session.scalar(select(ReportVersion.id)) is None


# --- Privacy -----------------------------------------------------------------------------

def _public_outputs(app, report_id):
    public = app.test_client()
    page = _text(public.get(f"/reports/{report_id}"))
    _document, docx_text = _docx_text(public.get(f"/reports/{report_id}.docx").data)
    themes_csv = public.get(f"/reports/{report_id}.csv").data.decode("utf-8-sig")
    quotes_csv = public.get(f"/reports/{report_id}/quotes.csv").data.decode("utf-8-sig")
    progress = _text(public.get("/progress"))
    return {"page": page, "docx": docx_text, "themes.csv": themes_csv, "quotes.csv": quotes_csv,
            "progress": progress}


def test_no_personal_data_sensitive_or_excluded_note_anywhere(app, client, city, analyst):
    report_id = _publish(client, city)
    outputs = _public_outputs(app, report_id)
    assert QUOTE in outputs["page"].replace("&#39;", "'") and QUOTE in outputs["docx"]
    assert QUOTE in outputs["quotes.csv"]
    assert ARABIC_QUOTE in outputs["page"] and ARABIC_QUOTE in outputs["docx"]
    for name, text in outputs.items():
        for secret in (SENSITIVE, EXCLUDED, *RESIDENT, *NOTETAKER, "Analyst"):
            assert secret not in text, (name, secret)
    with app.app_context():
        snapshot = db.session.scalar(select(ReportVersion)).snapshot
    flat = repr(snapshot)
    for secret in (SENSITIVE, EXCLUDED, *RESIDENT, *NOTETAKER):
        assert secret not in flat
    # Sessions held: attendance is who checked in (2), not the confirmed or cancelled ones.
    assert snapshot["sessions"][0]["attendance"] == 2
    assert snapshot["sessions"][0]["attendance_kind"] == "attended"
    # Counts leave out the excluded note; the rejected theme is not in the report.
    lights = next(t for t in snapshot["themes"] if t["id"] == city["lights"])
    assert lights["counts"]["notes"] == 4
    assert "Leftovers" not in outputs["page"]


def test_analyst_leaves_a_quote_out_and_puts_it_back(app, client, city, analyst):
    page = _text(client.get(f"/review/runs/{city['run']}/report"))
    assert QUOTE in page.replace("&#39;", "'") and SENSITIVE not in page
    assert "1 sensitive note is never shown." in page
    response = client.post(f"/review/runs/{city['run']}/report/quotes",
                           data={"theme_id": city["lights"], "note_id": city["notes"]["quote"], "excluded": "1"})
    assert response.status_code == 302
    with app.app_context():
        assignment = db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == city["notes"]["quote"]))
        assert assignment.excluded
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "report.exclude_quote"))
        assert entry.user_id == analyst and entry.details["note_id"] == city["notes"]["quote"]
    report_id = _publish(client, city)
    outputs = _public_outputs(app, report_id)
    for name, text in outputs.items():
        assert QUOTE not in text.replace("&#39;", "'"), name
    assert "Put it back" in _text(client.get(f"/review/runs/{city['run']}/report"))

    client.post(f"/review/runs/{city['run']}/report/quotes",
                data={"theme_id": city["lights"], "note_id": city["notes"]["quote"], "excluded": "0"})
    _publish(client, city)
    assert QUOTE in _text(app.test_client().get(f"/reports/{report_id}")).replace("&#39;", "'")


def test_a_note_of_another_run_cannot_be_toggled(app, client, city, analyst):
    response = client.post(f"/review/runs/{city['run']}/report/quotes",
                           data={"theme_id": 999999, "note_id": city["notes"]["quote"], "excluded": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert not db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == city["notes"]["quote"])).excluded


# --- Downloads ---------------------------------------------------------------------------

def test_docx_has_headings_counts_and_right_to_left_arabic(app, client, city, analyst):
    report_id = _publish(client, city)
    response = app.test_client().get(f"/reports/{report_id}.docx")
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "attachment" in response.headers["Content-Disposition"]
    document, text = _docx_text(response.data)
    assert "What We Heard in the Pilot" in text
    assert "Dark streets" in text and "=Youth at night" in text
    assert "Residents want better street lighting on walking routes." in text
    assert "Sessions held" in text and "Survey lighting on routes" in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Dark streets" in headings
    # The theme table: header row and one row per theme with its counts.
    counts = document.tables[1]
    assert [c.text for c in counts.rows[0].cells][:2] == ["Theme", "Notes"]
    assert [c.text for c in counts.rows[1].cells][:2] == ["Dark streets", "4"]
    # The Arabic quote reads right to left and says it is Arabic.
    arabic = next(p for p in document.paragraphs if ARABIC_QUOTE in p.text)
    assert arabic._p.pPr.find(qn("w:bidi")) is not None
    run = arabic.runs[0]
    assert run.font.rtl
    assert run._r.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar"
    english = next(p for p in document.paragraphs if QUOTE in p.text)
    assert english.runs[0]._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-US"
    assert english._p.pPr is None or english._p.pPr.find(qn("w:bidi")) is None


def test_docx_in_arabic_mirrors_the_interface_text(app, client, city, analyst):
    report_id = _publish(client, city)
    public = app.test_client()
    public.set_cookie("heard_lang", "ar")
    document, _text_all = _docx_text(public.get(f"/reports/{report_id}.docx").data)
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading._p.pPr.find(qn("w:bidi")) is not None
    assert document.tables[0]._tbl.tblPr.find(qn("w:bidiVisual")) is not None


def test_csv_is_formula_safe_and_holds_the_counts(app, client, city, analyst):
    report_id = _publish(client, city)
    public = app.test_client()
    response = public.get(f"/reports/{report_id}.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Theme", "Statement", "Notes"]
    by_label = {row[0]: row for row in rows[1:]}
    assert by_label["Dark streets"][2:5] == ["4", "2", "1"]
    assert "'=Youth at night" in by_label  # a theme name that starts like a formula
    assert "=Youth at night" not in by_label
    quotes = list(csv.reader(io.StringIO(public.get(f"/reports/{report_id}/quotes.csv").data.decode("utf-8-sig"))))
    cells = [cell for row in quotes for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert [ARABIC_QUOTE, "ar", "The streets are very dark at night."] in [row[1:] for row in quotes]


def test_csv_in_arabic_isolates_numbers_and_english_in_composite_cells(app, client, city, analyst):
    # Two actions behind one theme: a cell of several pieces.
    with app.app_context():
        link = db.session.scalar(select(ThemeLink).where(ThemeLink.action_item_id == city["forms"]))
        link.status = "confirmed"
        db.session.commit()
    report_id = _publish(client, city)
    public = app.test_client()
    english = public.get(f"/reports/{report_id}.csv").data.decode("utf-8-sig")
    public.set_cookie("heard_lang", "ar")
    arabic = public.get(f"/reports/{report_id}.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(arabic)))
    fsi, lri, pdi = "\u2068", "\u2066", "\u2069"
    assert rows[0][0] == "الموضوع"
    # The English theme names are not translated: each is isolated, with the marker after it.
    from flask_babel import force_locale, gettext

    from app import i18n

    with app.test_request_context(), force_locale(i18n.babel_locale("ar")):
        marker = fsi + "(" + gettext("not yet translated") + ")" + pdi
    assert all(row[0].endswith(pdi + " " + marker) for row in rows[1:])
    by_label = {row[0].removesuffix(" " + marker).replace(fsi, "").replace(pdi, ""): row for row in rows[1:]}
    dark, youth = by_label["Dark streets"], by_label["'=Youth at night"]
    # The resolution number and the English clause label are each isolated; so are the action
    # numbers of a two-action cell. Cells of one piece (one action number, the counts) stay as
    # they are.
    assert dark[6] == lri + "2026-41" + pdi + " " + fsi + "Section 1" + pdi
    assert youth[7] == lri + "1.2.1" + pdi + "; " + lri + "2.1.1" + pdi
    assert dark[7] == "1.1.1" and dark[2:5] == ["4", "2", "1"]
    assert not any(mark in cell for row in rows for cell in row[2:6] for mark in (fsi, lri, pdi))
    # The English file gains no isolate at all.
    assert not any(mark in english for mark in (fsi, lri, pdi))


def test_staff_download_the_draft_and_residents_cannot(app, client, city, analyst):
    _rename(app, city["lights"], "Draft theme name")
    response = client.get(f"/review/runs/{city['run']}/report.docx")
    assert response.status_code == 200 and "Draft theme name" in _docx_text(response.data)[1]
    assert "Draft theme name" in client.get(f"/review/runs/{city['run']}/report.csv").data.decode("utf-8-sig")
    quotes = client.get(f"/review/runs/{city['run']}/report-quotes.csv").data.decode("utf-8-sig")
    assert QUOTE in quotes and SENSITIVE not in quotes and EXCLUDED not in quotes
    anonymous = app.test_client()
    assert anonymous.get(f"/review/runs/{city['run']}/report.docx").status_code == 302


# --- The public tracker -------------------------------------------------------------------

def test_tracker_counts_overdue_departments_and_evidence(app, client, city, analyst):
    _publish(client, city)
    html = _text(app.test_client().get("/progress"))
    # Status counts, as a table that is the chart's text alternative.
    statuses = _chart(html, "status-chart")
    assert {k: v[0] for k, v in statuses.items()} == {
        "Not started": 1, "Planning": 0, "In progress": 1, "Ongoing": 0, "Complete": 1, "Excluded": 0}
    # Overdue: past deadline and not complete (the complete one, also past, is not).
    overdue = html.split('id="overdue"')[1].split('id="departments"')[0]
    assert "Survey lighting on routes" in overdue and "Open libraries late" not in overdue
    assert "1 action is past its deadline and not complete." in overdue
    # Departments split on commas and semicolons; Public Works has two items.
    departments = _chart(html, "department-chart")
    assert departments == {"Public Works": (2, "1 overdue"), "Library": (1, "1 complete"),
                           "Parks and Recreation": (1, "1 complete"), "Transportation": (1, "1 overdue")}
    assert list(departments)[0] == "Public Works"  # the busiest department first
    # Each action with the published themes and quotes behind it.
    card = html.split('id="action-%d"' % city["survey"])[1].split("</li>")[0]
    assert "Dark streets" in card and "Suggests a change" in card
    assert ARABIC_QUOTE in card
    assert SENSITIVE not in html and EXCLUDED not in html
    # A suggested (unconfirmed) link is not evidence.
    forms_card = html.split('id="action-%d"' % city["forms"])[1].split("</li>")[0]
    assert "Because residents said" not in forms_card


def test_tracker_shows_published_themes_only_from_the_snapshot(app, client, city, analyst):
    html = _text(app.test_client().get("/progress"))
    assert "Because residents said" not in html  # nothing published yet
    _publish(client, city)
    _rename(app, city["lights"], "Renamed later")
    html = _text(app.test_client().get("/progress"))
    assert "Dark streets" in html and "Renamed later" not in html


def test_tracker_filters_work_without_javascript(app, client, city, analyst):
    public = app.test_client()
    html = _text(public.get("/progress?status=complete"))
    assert "Open libraries late" in html and "Survey lighting on routes" not in html
    assert "1 action matches." in html
    html = _text(public.get("/progress?department=public+works"))
    assert "Survey lighting on routes" in html and "Translate forms" in html and "Open libraries late" not in html
    html = _text(public.get(f"/progress?engagement={city['engagement']}&department=Library"))
    assert "Open libraries late" in html and "Translate forms" not in html
    html = _text(public.get("/progress?engagement=999999"))
    assert "No action matches these choices." in html
    html = _text(public.get("/progress?status=nonsense"))
    assert "Translate forms" in html  # an unknown status filters nothing
    # The form is a GET form with labelled selects, each keeping the choice made.
    html = _text(public.get("/progress?status=complete"))
    assert '<form method="get"' in html and '<label for="status">' in html
    assert '<option selected value="complete">' in html or '<option value="complete" selected>' in html


@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_in_every_language(app, client, city, analyst, code):
    report_id = _publish(client, city)
    public = app.test_client()
    public.set_cookie("heard_lang", code)
    for path in ("/reports/", f"/reports/{report_id}", f"/reports/{report_id}/v/1", "/progress",
                 "/progress?status=in_progress"):
        html = _text(public.get(path))
        assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html, path
        assert html.count("<h1") == 1, path
    assert public.get(f"/reports/{report_id}.docx").status_code == 200
    client.set_cookie("heard_lang", code)
    assert f'<html lang="{code}"' in _text(client.get(f"/review/runs/{city['run']}/report"))


def test_docx_in_arabic_keeps_numbers_and_english_in_their_own_runs(app, client, city, analyst):
    """"Resolution 2026-41" and "1.1.1 Survey lighting on routes" in an Arabic report: the label
    is a right-to-left Arabic run, the number a left-to-right run of its own, the English title a
    run marked English; one run for all of it let Word read "41-2026 قرار"."""
    report_id = _publish(client, city)
    public = app.test_client()
    public.set_cookie("heard_lang", "ar")
    document, _text_all = _docx_text(public.get(f"/reports/{report_id}.docx").data)
    clause = next(p for p in document.paragraphs if "2026-41" in p.text)
    action = next(p for p in document.paragraphs if "Survey lighting on routes" in p.text)
    for paragraph, number in ((clause, "2026-41"), (action, "1.1.1")):
        assert paragraph._p.pPr.find(qn("w:bidi")) is not None
        runs = {run.text: run for run in paragraph.runs}
        assert runs[number].font.rtl is False
        assert runs[number]._r.rPr.find(qn("w:lang")) is None
    label = clause.runs[0]
    assert label.text.strip() == "قرار" and label.font.rtl
    assert label._r.rPr.find(qn("w:lang")).get(qn("w:bidi")) == "ar"
    title = next(run for run in action.runs if run.text == "Survey lighting on routes")
    assert not title.font.rtl and title._r.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-US"
