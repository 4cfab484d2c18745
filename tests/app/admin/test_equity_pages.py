"""The equity view where it shows: the staff page, its CSV and XLSX files and the public
report's "who took part", each attacked for a hidden count it might give away."""
import csv
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.i18n import LANGUAGES
from app.models import AnalysisRun, Registration, Report, ReportVersion
from app.models.types import utcnow
from app.services.equity import setup, store
from tests.app.equity_attack import exact_ranges, pinned
from tests.app.public.test_equity_questions import make_equity_session, register

# district code -> (registered, attended): small groups on purpose
SHAPE = {"d1": (9, 7), "d2": (3, 1), "d3": (6, 6), "prefer_not": (2, 2)}


def _populate(app, client, signed_in, shape=SHAPE):
    engagement_id, session_id = make_equity_session(app)
    n = 0
    for code, (registered, attended) in shape.items():
        for i in range(registered):
            n += 1
            register(client, name=f"P{n}", eq_district=code, eq_age="25_34")
            if i < attended:
                with app.app_context():
                    person = db.session.scalar(select(Registration).where(Registration.name == f"P{n}"))
                    person.status, person.attended_at = "attended", utcnow()
                    db.session.commit()
    with app.app_context():
        [question] = [q for q in store.questions(engagement_id) if q.kind == "district"]
        setup.set_baselines(None, question, {"d1": (50, "Census", 2020), "d2": (30, "Census", 2020),
                                                    "d3": (20, "Census", 2020)})
    signed_in("organizer")
    return engagement_id, session_id


def _truth(shape, codes):
    return {"registered": [shape.get(c, (0, 0))[0] for c in codes], "attended": [shape.get(c, (0, 0))[1] for c in codes]}


def _attack(seen, totals, truth):
    """Exact attack on what a page or file shows; fails the test if a hidden count follows."""
    floors = {c: 0 if any(v is None and t == 0 for v, t in zip(seen[c], truth[c], strict=True)) else 1
              for c in seen}
    ranges = exact_ranges(seen, totals, floors)
    assert ranges is not None
    assert not pinned(ranges), (seen, totals, ranges)
    for column, values in seen.items():
        for shown, true in zip(values, truth[column], strict=True):
            assert shown is None or shown == true
            if 0 < true < 5:
                assert shown is None


def _value(text):
    text = text.strip()
    return None if text in ("<5", "&lt;5") else int(text)


CODES = ["d1", "d2", "d3", "prefer_not", "none"]


def test_the_csv_gives_no_hidden_count_away(app, client, signed_in):
    engagement_id, _session = _populate(app, client, signed_in)
    response = client.get(f"/admin/engagements/{engagement_id}/equity.csv")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    district = [r for r in rows if r[0].startswith("Which neighbourhood")]
    assert [r[1] for r in district] == ["North", "South", "River", "I prefer not to say", "No answer", "Total"]
    seen = {"registered": [_value(r[2]) for r in district[:-1]], "attended": [_value(r[3]) for r in district[:-1]]}
    totals = {"registered": _value(district[-1][2]), "attended": _value(district[-1][3])}
    _attack(seen, totals, _truth(SHAPE, CODES))
    assert seen["registered"][1] is None and seen["attended"][1] is None  # 3 and 1: hidden
    # Derived numbers of hidden rows are hidden too (share x total would give them back).
    south = district[1]
    assert south[6] == "" and south[10] == ""
    assert district[0][7] == "50%" and district[0][8] == "Census"


def test_the_xlsx_is_the_same_table(app, client, signed_in):
    engagement_id, _session = _populate(app, client, signed_in)
    response = client.get(f"/admin/engagements/{engagement_id}/equity.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    csv_rows = list(csv.reader(io.StringIO(client.get(
        f"/admin/engagements/{engagement_id}/equity.csv").data.decode("utf-8-sig"))))
    assert [[("" if v is None else str(v)) for v in row] for row in values] == csv_rows


def test_a_district_name_cannot_run_as_a_formula(app, client, signed_in):
    engagement_id, _session = make_equity_session(app, districts=("=HYPERLINK(\"x\")", "North"))
    signed_in("organizer")
    text = client.get(f"/admin/engagements/{engagement_id}/equity.csv").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_the_staff_page_shows_the_funnel_and_hides_small_counts(app, client, signed_in):
    engagement_id, _session = _populate(app, client, signed_in)
    page = client.get(f"/admin/engagements/{engagement_id}/equity").text
    table = page.split('<table class="chart-table" id="funnel-')[1].split("</table>")[0]
    assert "&lt;5" in table and "<svg" in table and 'aria-hidden="true"' in table
    assert "Lowest ratio" in page


def test_organizers_choose_questions_and_baselines(app, client, signed_in):
    engagement_id, _session = make_equity_session(app, kinds=())
    signed_in("organizer")
    response = client.post(f"/admin/engagements/{engagement_id}/equity",
                           data={"kinds": ["district", "age"], "districts": "North\nSouth\n\nnorth"})
    assert response.status_code == 303
    with app.app_context():
        asked = store.questions(engagement_id)
        assert [q.kind for q in asked] == ["district", "age"]
        assert [o.label for o in asked[0].options] == ["North", "South"]
        district = asked[0]
    response = client.post(f"/admin/engagements/{engagement_id}/equity/baselines/{district.id}",
                           data={"share-d1": "60", "source-d1": "ACS 5-year", "year-d1": "2022", "share-d2": "40,5"})
    assert response.status_code == 303
    with app.app_context():
        shares = {b.value: (round(b.share, 3), b.source, b.year) for b in setup.baselines(district.id).values()}
    assert shares == {"d1": (0.6, "ACS 5-year", 2022), "d2": (0.405, "", None)}
    client.post(f"/admin/engagements/{engagement_id}/equity/baselines/{district.id}",
                data={"share-d1": "160"})
    with app.app_context():
        assert len(setup.baselines(district.id)) == 2  # refused: kept as it was
    response = client.post(f"/admin/engagements/{engagement_id}/equity", data={"kinds": ["district"], "districts": ""})
    assert response.status_code == 400


def test_notetakers_cannot_see_the_page(app, client, signed_in):
    engagement_id, _session = make_equity_session(app)
    signed_in("notetaker")
    assert client.get(f"/admin/engagements/{engagement_id}/equity").status_code in (302, 403)


def _publish(app, engagement_id):
    with app.app_context():
        run = AnalysisRun(engagement_id=engagement_id, status="done")
        db.session.add(run)
        db.session.flush()
        report = Report(engagement_id=engagement_id, run_id=run.id, title="What we heard", status="published")
        db.session.add(report)
        db.session.flush()
        db.session.add(ReportVersion(report_id=report.id, number=1, snapshot={"title": "What we heard",
                                     "themes": [], "sessions": [], "totals": {"sessions": 0, "attendance": 0,
                                                                              "languages": []}},
                                     published_at=utcnow()))
        db.session.commit()
        return report.id


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_public_report_shows_who_took_part_suppressed(app, client, signed_in, code):
    engagement_id, _session = _populate(app, client, signed_in)
    client.post("/auth/sign-out")
    report_id = _publish(app, engagement_id)
    client.set_cookie("heard_lang", code)
    page = client.get(f"/reports/{report_id}").text
    section = page.split('id="who-took-part"')[1].split("</section>")[0]
    with app.app_context():
        [district] = [q for q in store.questions(engagement_id) if q.kind == "district"]
    table = section.split(f'id="who-{district.id}"')[1].split("</table>")[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]  # the header row first
    total = re.search(r'<tr class="total">(.*?)</tr>', table, re.S).group(1)

    def cells(row):
        return [re.sub(r"<[^>]+>", "", c) for c in re.findall(r'<td class="num">(.*?)</td>', row, re.S)]

    seen = {"registered": [_value(cells(r)[0]) for r in rows], "attended": [_value(cells(r)[1]) for r in rows]}
    totals = {"registered": _value(cells(total)[0]), "attended": _value(cells(total)[1])}
    _attack(seen, totals, _truth(SHAPE, CODES))
    assert "Notes from their tables" not in section and "P1" not in page


def test_each_theme_says_where_its_notes_come_from(app, client, signed_in):
    from app.models import Note, NoteTheme, SessionTable, Theme
    from app.services.equity import themes

    engagement_id, session_id = make_equity_session(app)
    with app.app_context():
        tables = [SessionTable(session_id=session_id, name=f"T{n}", position=n) for n in (1, 2)]
        db.session.add_all(tables)
        run = AnalysisRun(engagement_id=engagement_id, status="done")
        db.session.add(run)
        db.session.flush()
        wide = Theme(run_id=run.id, key="t1", machine_label="bus", label="Buses", status="accepted")
        narrow = Theme(run_id=run.id, key="t2", machine_label="park", label="Parks", status="accepted")
        gone = Theme(run_id=run.id, key="t3", machine_label="x", label="Rejected", status="rejected")
        db.session.add_all([wide, narrow, gone])
        db.session.flush()
        for theme, table, language in ((wide, tables[0], "en"), (wide, tables[1], "es"), (narrow, tables[0], "en"),
                                       (narrow, tables[0], "en"), (gone, tables[1], "so")):
            note = Note(session_id=session_id, table_id=table.id, text="x", language=language)
            db.session.add(note)
            db.session.flush()
            db.session.add(NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine"))
        db.session.commit()
        found = {t.theme.label: t for t in themes.theme_sources(engagement_id)}
    assert set(found) == {"Buses", "Parks"}
    assert (found["Buses"].notes, len(found["Buses"].tables), found["Buses"].languages) == (2, 2, {"en", "es"})
    assert not found["Buses"].one_language and not found["Buses"].one_table
    assert found["Parks"].one_language and found["Parks"].one_table
    signed_in("organizer")
    page = client.get(f"/admin/engagements/{engagement_id}/equity").text
    assert "Rests on one language" in page and "Rests on one table" in page


def test_baselines_for_a_question_of_another_engagement_are_not_found(app, client, signed_in):
    ours, _session = make_equity_session(app, kinds=("age",))
    theirs, _other = make_equity_session(app, slug="west-hall", kinds=("age",))
    with app.app_context():
        their_question = store.questions(theirs)[0].id
        our_question = store.questions(ours)[0].id
    signed_in("organizer")
    url = f"/admin/engagements/{ours}/equity/baselines/{their_question}"
    assert client.post(url, data={"share-18_24": "20"}).status_code == 404
    assert client.post(f"/admin/engagements/{ours}/equity/baselines/999999", data={}).status_code == 404
    assert client.post(f"/admin/engagements/{ours}/equity/baselines/{our_question}",
                       data={"share-18_24": "20"}).status_code == 303
    with app.app_context():
        assert setup.baselines(their_question) == {}
        assert list(setup.baselines(our_question)) == ["18_24"]
