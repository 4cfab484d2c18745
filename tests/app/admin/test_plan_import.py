"""Organizers import an action plan from a CSV or XLSX file: a preview first, errors per row,
then every row or none."""
import io
import re
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select
from support import PASSWORDS

from app.extensions import db
from app.models import ActionItem, ActionPlan, AuditEntry, Engagement, EngagementTranslation
from app.services.plans.importer import parse_deadline, parse_status, split_number

GOOD_CSV = """\ufeffNo.,  GOAL ,Action Step,Departments,Status,Deadline
1.1,Safer streets,Survey lighting on the ten busiest walking routes,Public Works,In progress,3/31/2027
1.10,,Repair the sidewalks named in the survey,Public Works; Transportation,not started,Q4 2027
1.2,,Add a signal at the Oak Street school crosswalk,Transportation,COMPLETE,2026-09-30
2.1,Language access,Translate service forms into the nine city languages,City Clerk,Ongoing,2027
2.2,Language access,Hire two staff interpreters,Human Resources,Excluded,
"""

EMBEDDED_CSV = """Goal,Action step,Status,Deadline
Youth belonging,1.3.2 Open two library branches late on Fridays,Planning,Q2 2027
Youth belonging,1.3.1 Ask teens which evenings suit them,Not Started,TBD
Youth belonging,1.3.10 Publish the evening programme in every city language,planning,June 2027
"""

BAD_CSV = """Goal,Action step,Departments,Status,Deadline
Safer streets,Survey lighting,Public Works,Half done,2027-03-31
Safer streets,,Public Works,Planning,soon
Language access,Translate forms,City Clerk,Planning,13/45/2027
Language access,Hire interpreters,Human Resources,Planning,2027-06-30
"""


def _engagement(app):
    with app.app_context():
        engagement = Engagement(slug="harbor", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Harbor listens"))
        db.session.add(engagement)
        db.session.commit()
        return engagement.id


def _upload(client, engagement_id, content, filename, plan_title="Harbor action plan 2027"):
    data = content.encode("utf-8") if isinstance(content, str) else content
    return client.post("/admin/policy/plans/import", data={
        "engagement": engagement_id, "plan_title": plan_title, "file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data")


def _token(html):
    match = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', html)
    assert match, "no import button on the preview"
    return match.group(1)


def _items(app):
    with app.app_context():
        return [(i.number, i.goal, i.action_step, i.departments, i.status, i.deadline) for i in db.session.scalars(
            select(ActionItem).order_by(ActionItem.plan_id, ActionItem.position))]


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- the values -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Not started", "not_started"), ("NOT STARTED", "not_started"), ("  in   progress ", "in_progress"),
    ("Planning", "planning"), ("ongoing", "ongoing"), ("Complete", "complete"), ("Completed", "complete"),
    ("Excluded", "excluded"), ("in_progress", "in_progress"), ("", "not_started"), ("Half done", None),
])
def test_status_words_map_to_the_stored_keys(text, expected):
    assert parse_status(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("2027-03-31", date(2027, 3, 31)), ("2027-03-31 00:00:00", date(2027, 3, 31)),
    ("3/31/2027", date(2027, 3, 31)), ("3/31/27", date(2027, 3, 31)),
    ("Q1 2027", date(2027, 3, 31)), ("q2 2027", date(2027, 6, 30)), ("2027 Q3", date(2027, 9, 30)),
    ("Q4 2027", date(2027, 12, 31)), ("2027", date(2027, 12, 31)), ("February 2028", date(2028, 2, 29)),
    ("March 31, 2027", date(2027, 3, 31)), ("", None), ("Ongoing", None), ("TBD", None),
])
def test_deadlines_read_dates_and_the_last_day_of_a_period(text, expected):
    assert parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["soon", "13/45/2027", "Q5 2027", "31/3/2027"])
def test_unreadable_deadlines_raise(text):
    with pytest.raises(ValueError):
        parse_deadline(text)


def test_numbering_at_the_start_of_a_step_is_taken_off_the_text():
    assert split_number("1.3.2 Expand the youth jobs programme") == ("1.3.2", "Expand the youth jobs programme")
    assert split_number("4. Open late") == ("4", "Open late")
    assert split_number("2027 budget request for lights") == ("", "2027 budget request for lights")


# -- importing ------------------------------------------------------------------------------

def test_a_good_csv_is_previewed_then_imported_in_natural_order(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = _upload(client, engagement_id, GOOD_CSV, "plan.csv")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Every row is ready. Nothing is stored until you import." in html
    assert "Import all 5 actions" in html
    assert _items(app) == []  # nothing before the confirmation
    response = client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert response.status_code == 303
    assert _items(app) == [
        ("1.1", "Safer streets", "Survey lighting on the ten busiest walking routes", "Public Works", "in_progress",
         date(2027, 3, 31)),
        ("1.2", "Safer streets", "Add a signal at the Oak Street school crosswalk", "Transportation", "complete",
         date(2026, 9, 30)),
        ("1.10", "Safer streets", "Repair the sidewalks named in the survey", "Public Works; Transportation",
         "not_started", date(2027, 12, 31)),
        ("2.1", "Language access", "Translate service forms into the nine city languages", "City Clerk", "ongoing",
         date(2027, 12, 31)),
        ("2.2", "Language access", "Hire two staff interpreters", "Human Resources", "excluded", None),
    ]
    with app.app_context():
        assert db.session.scalar(select(ActionPlan.title)) == "Harbor action plan 2027"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "plan.import"))
        assert entry.details == {"count": 5, "filename": "plan.csv"}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "5 actions imported into Harbor action plan 2027." in page
    # The same preview cannot be stored twice.
    again = client.post("/admin/policy/plans/import/commit", data={"token": _token(html)}, follow_redirects=True)
    assert "This import has expired or was already stored." in again.get_data(as_text=True)
    assert len(_items(app)) == 5


def test_numbering_embedded_in_the_action_step_is_kept(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    html = _upload(client, engagement_id, EMBEDDED_CSV, "youth.csv").get_data(as_text=True)
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert [(n, step, status, deadline) for n, _, step, _, status, deadline in _items(app)] == [
        ("1.3.1", "Ask teens which evenings suit them", "not_started", None),
        ("1.3.2", "Open two library branches late on Fridays", "planning", date(2027, 6, 30)),
        ("1.3.10", "Publish the evening programme in every city language", "planning", date(2027, 6, 30)),
    ]
    overview = client.get("/admin/policy").get_data(as_text=True)
    assert overview.index(">1.3.1<") < overview.index(">1.3.2<") < overview.index(">1.3.10<")


def test_an_xlsx_with_dates_and_numbers_as_cells(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    data = _xlsx([
        ["#", "Goal", "Action step", "Department", "Status", "Deadline"],
        ["3.2", "Crisis response", "Train responders with residents' groups", "Health", "Planning", date(2027, 5, 1)],
        [3.1, "Crisis response", "Set up a non-police crisis line", "Health; Police", "In Progress", "Q1 2027"],
        [4, "Parks", "Light the Harbor Park paths", None, None, None],
    ])
    html = _upload(client, engagement_id, data, "plan.xlsx").get_data(as_text=True)
    assert "Import all 3 actions" in html
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert _items(app) == [
        ("3.1", "Crisis response", "Set up a non-police crisis line", "Health; Police", "in_progress",
         date(2027, 3, 31)),
        ("3.2", "Crisis response", "Train responders with residents' groups", "Health", "planning", date(2027, 5, 1)),
        ("4", "Parks", "Light the Harbor Park paths", "", "not_started", None),
    ]


def test_errors_are_shown_per_row_and_nothing_is_saved(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = _upload(client, engagement_id, BAD_CSV, "bad.csv")
    html = response.get_data(as_text=True)
    assert "3 rows have errors" in html
    assert "Row 2, Status: Unknown status &#34;Half done&#34;." in html
    assert "Row 3, Action step: The action step is missing." in html
    assert "Row 3, Deadline: Unknown date &#34;soon&#34;." in html
    assert "Row 4, Deadline: Unknown date &#34;13/45/2027&#34;." in html
    assert "Row 5" not in html.split("</ul>")[0]
    assert 'name="token"' not in html  # no import button
    assert _items(app) == []


def test_an_xlsx_with_errors_is_refused_per_row_as_well(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    data = _xlsx([["Number", "Goal", "Action step", "Status"],
                  ["1", "Parks", "Light the paths", "Ongoing"],
                  ["1", "Parks", "Plant trees", "Someday"]])
    html = _upload(client, engagement_id, data, "plan.xlsx").get_data(as_text=True)
    assert "Row 3, Number: Number 1 is also used in row 2." in html
    assert "Row 3, Status: Unknown status &#34;Someday&#34;." in html
    assert _items(app) == []


@pytest.mark.parametrize("content, filename, message", [
    ("Goal,Departments\nParks,Parks\n", "plan.csv", "The file needs a header row with the columns Goal and Action step"),
    ("", "plan.csv", "The file is empty."),
    ("Goal,Action step\n", "plan.csv", "The file has a header but no actions."),
    ("Goal,Action step\nParks,=HYPERLINK(1)\n", "plan.csv", "Row 2, column B starts with =, +, - or @."),
    ("Goal,Action step\nParks,Light\n", "plan.txt", "Upload a .csv or .xlsx file."),
    (b"Goal,Action step\nParks,Caf\xe9\n", "plan.csv", "The file is not in UTF-8."),
])
def test_unusable_files_are_refused_whole(app, client, signed_in, content, filename, message):
    signed_in("organizer")
    response = _upload(client, _engagement(app), content, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True).replace("&#34;", '"')
    assert _items(app) == []


def test_importing_into_an_existing_plan_adds_and_keeps_the_order(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    client.post("/admin/policy/actions", data={
        "action-engagement": engagement_id, "action-plan_title": "Harbor action plan 2027", "action-number": "1.11",
        "action-goal": "Safer streets", "action-action_step": "Paint crosswalks", "action-status": "planning"})
    html = _upload(client, engagement_id, GOOD_CSV, "plan.csv").get_data(as_text=True)
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert [number for number, *_ in _items(app)] == ["1.1", "1.2", "1.10", "1.11", "2.1", "2.2"]
    with app.app_context():
        assert db.session.scalar(select(func.count(ActionPlan.id))) == 1


def test_only_organizers_and_admins_import_and_only_their_own_preview(app, client, signed_in, auth, make_user):
    signed_in("organizer")
    engagement_id = _engagement(app)
    html = _upload(client, engagement_id, GOOD_CSV, "plan.csv").get_data(as_text=True)
    token = _token(html)
    auth.logout()
    for role in ("analyst", "notetaker"):
        _, email = make_user(role)
        auth.login(email, PASSWORDS[role])
        assert client.get("/admin/policy/plans/import").status_code == 403
        assert client.post("/admin/policy/plans/import/commit", data={"token": token}).status_code == 403
        auth.logout()
    _, email = make_user("admin")
    auth.login(email, PASSWORDS["admin"])
    other = client.post("/admin/policy/plans/import/commit", data={"token": token}, follow_redirects=True)
    assert "This import has expired or was already stored." in other.get_data(as_text=True)
    assert _items(app) == []
    assert client.get("/admin/policy/plans/import").status_code == 200


def test_the_import_page_explains_the_columns(app, client, signed_in):
    signed_in("organizer")
    _engagement(app)
    html = client.get("/admin/policy/plans/import").get_data(as_text=True)
    assert "<h1>Import an action plan</h1>" in html
    assert "Q2 2027 is June 30, 2027" in html
    assert 'enctype="multipart/form-data"' in html
    assert "Harbor listens" in html


def test_header_names_ignore_case_spaces_and_underscores(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    content = "NUMBER:,goal,ACTION_STEP,Department(s),  status ,Due date\n5.1,Parks,Light the paths,Parks,Done,2027\n"
    html = _upload(client, engagement_id, content, "plan.csv").get_data(as_text=True)
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert _items(app) == [("5.1", "Parks", "Light the paths", "Parks", "complete", date(2027, 12, 31))]


SPANISH_CSV = """Número,Objetivo,Paso de acción,Departamentos,Estado,Fecha límite
1.1,Calles seguras,Revisar el alumbrado de las diez rutas más usadas,Obras Públicas,En curso,2027-03-31
1.2,Calles seguras,Reparar las aceras de la revisión,Obras Públicas,Completada,Q4 2027
"""


def test_a_plan_written_in_another_language_reads_its_columns_and_statuses(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    html = _upload(client, engagement_id, SPANISH_CSV, "plan-es.csv").get_data(as_text=True)
    assert "Every row is ready." in html
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert [(number, status) for number, _g, _s, _d, status, _dl in _items(app)] == [
        ("1.1", "in_progress"), ("1.2", "complete")]


@pytest.mark.parametrize("text, expected", [("En curso", "in_progress"), ("Đang thực hiện", "in_progress"),
                                            ("completada", "complete"), ("Half done", None)])
def test_status_words_in_heards_languages(app, text, expected):
    with app.app_context():
        assert parse_status(text) == expected


def test_numbers_in_an_xlsx_read_as_the_spreadsheet_shows_them(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Number", "Goal", "Action step"])
    sheet.append([1.1, "Safer streets", "Survey the lighting"])
    sheet.append([1.1, "Safer streets", "Repair the sidewalks"])  # typed 1.10 in a 0.00 column
    sheet.append([2, "Parks", "Light the paths"])
    sheet["A3"].number_format = "0.00"
    out = io.BytesIO()
    workbook.save(out)
    html = _upload(client, engagement_id, out.getvalue(), "plan.xlsx").get_data(as_text=True)
    assert "Import all 3 actions" in html
    client.post("/admin/policy/plans/import/commit", data={"token": _token(html)})
    assert [item[0] for item in _items(app)] == ["1.1", "1.10", "2"]

