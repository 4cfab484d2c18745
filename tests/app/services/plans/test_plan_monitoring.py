"""Plans people can monitor: a Kansas-City-shaped plan (goals, strategies, 1.3.2 numbering,
owners, measures) imported all or nothing; the SMART check; the status history; the
quarterly review record; the XLSX export."""
import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models import ActionItem, ActionPlan, Engagement, EngagementTranslation, Measure, PlanGoal, User
from app.platform.staging import ImportRefused
from app.services import ServiceError
from app.services.plans import export, importer, reviews, smart, structure
from app.services.plans.reviews import Entry
from app.services.policy import commitments

# Written for these tests in the shape of the Kansas City plan: goals, strategies under them,
# actions numbered goal.strategy.action, who leads, partners, a timeline and measures of success.
KANSAS_CITY_CSV = """Goal,Strategy,No.,Action,Lead department,Owner,Partners,Start,End,Status,Measure,Unit,\
Baseline,Baseline date,Target,Target date
1. Safe places to grow up,,,,,,,,,,Young people who say they feel safe in their neighborhood,%,52,2025-06-30,70,2028-06-30
,1.3 Open evening programs in every council district,1.3.2,Keep two library branches open until 9 p.m. on \
Fridays,Library,Deputy Director for Youth,Parks and Recreation; Youth council,Q1 2027,Q4 2027,In progress,\
Friday evening visits,visits,0,2026-12-31,"1,200",2027-12-31
,,1.3.10,Publish the evening programs in every city language,Communications,Language access lead,,\
2027-02-01,2027-04-30,Planning,,,,,,
,,1.3.1,Ask teens which evenings suit them,Library,,Youth council,,,Complete,,,,,,
,1.1 Violence interrupters,1.1.1,Support and improve outreach as needed,Health Department,,,,,Not started,,,,,,
2. Stable homes,2.1 Prevent evictions,2.1.1,Pay emergency rent before the eviction date,Housing,Housing director,\
Legal Aid,2027-01-01,2027-12-31,Ongoing,Evictions filed per month,filings,140,2026-01-01,90,2027-12-31
"""


@pytest.fixture
def organizer(app, make_user):
    return make_user("organizer")[0]


def _engagement(default_language="en"):
    engagement = Engagement(slug="kc", default_language=default_language)
    engagement.translations.append(EngagementTranslation(language=default_language, name="KC listens"))
    db.session.add(engagement)
    db.session.commit()
    return engagement


def _import(actor, engagement, data=KANSAS_CITY_CSV, filename="kc.csv"):
    preview = importer.preview(actor, engagement_id=engagement.id, plan_title="Violence prevention plan",
                                  filename=filename, data=data.encode("utf-8") if isinstance(data, str) else data)
    assert preview.ok, [(row.line, row.errors) for row in preview.rows if row.errors]
    return importer.commit(actor, preview.token)[0]


def test_a_kansas_city_plan_imports_with_its_levels_numbers_owners_and_measures(app, organizer):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        plan = _import(actor, _engagement())
        assert [(g.number, g.title) for g in plan.goals] == [("1", "Safe places to grow up"), ("2", "Stable homes")]
        assert [(s.number, s.title, s.goal.number) for s in plan.strategies] == [
            ("1.1", "Violence interrupters", "1"), ("1.3", "Open evening programs in every council district", "1"),
            ("2.1", "Prevent evictions", "2")]
        assert [i.number for i in plan.items] == ["1.1.1", "1.3.1", "1.3.2", "1.3.10", "2.1.1"]
        item = next(i for i in plan.items if i.number == "1.3.2")
        assert (item.strategy.number, item.goal_ref.number, item.goal) == ("1.3", "1", "Safe places to grow up")
        assert (item.departments, item.owner, item.partners) == (
            "Library", "Deputy Director for Youth", "Parks and Recreation; Youth council")
        assert (item.starts_on, item.deadline, item.quarter) == (date(2027, 1, 1), date(2027, 12, 31), "")
        assert item.status_changes[0].from_status is None and item.status_changes[0].to_status == "in_progress"
        [visits] = item.measures
        assert (visits.unit, visits.direction, visits.baseline_value, visits.target_value) == (
            "visits", "up", 0, 1200)
        goal_measure = plan.goals[0].measures[0]
        assert (goal_measure.name, goal_measure.target_on) == (
            "Young people who say they feel safe in their neighborhood", date(2028, 6, 30))
        evictions = next(i for i in plan.items if i.number == "2.1.1").measures[0]
        assert evictions.direction == "down"  # the target is below the baseline
        blank_strategy = next(i for i in plan.items if i.number == "1.3.10")
        assert blank_strategy.strategy.number == "1.3"  # a blank strategy repeats the one above


def test_the_plan_imports_the_same_from_xlsx(app, organizer):
    book = Workbook()
    sheet = book.active
    lines = KANSAS_CITY_CSV.splitlines()
    for row in csv.reader([lines[0], lines[6]]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    with app.test_request_context():
        plan = _import(db.session.get(User, organizer), _engagement(), out.getvalue(), "kc.xlsx")
        assert [(i.number, i.strategy.number, i.goal_ref.number) for i in plan.items] == [("2.1.1", "2.1", "2")]
        assert plan.items[0].measures[0].target_value == 90


@pytest.mark.parametrize("row, column", [
    ("1. Goal,1.1 Strategy,1.1.1,Act,,,,2027-05-01,2027-01-01,Planning,,,,,,", "End"),
    ("1. Goal,,1.1,Act,,,,someday,,Planning,,,,,,", "Start"),
    ("1. Goal,,1.1,Act,,,,,,Planning,Visits,,lots,,,", "Baseline"),
    ("1. Goal,,1.1,Act,,,,,,Planning,Visits,,1,2027-01-01,2,2026-01-01", "Target date"),
    ("1. Goal,,1.1,Act,,,,,,Planning,,,5,,,", "Measure"),
])
def test_a_bad_new_column_refuses_the_whole_file(app, organizer, row, column):
    header = KANSAS_CITY_CSV.splitlines()[0]
    good = "2. Other,,2.1,Fine action,,,,,,Planning,,,,,,"
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        engagement = _engagement()
        preview = importer.preview(actor, engagement_id=engagement.id, plan_title="P", filename="p.csv",
                                      data=f"{header}\n{good}\n{row}\n".encode())
        assert not preview.ok
        assert [error[0] for error in preview.rows[1].errors] == [column]
        with pytest.raises(ImportRefused):
            importer.commit(actor, preview.token)
        assert db.session.scalar(select(func.count(ActionItem.id))) == 0
        assert db.session.scalar(select(func.count(PlanGoal.id))) == 0


def test_the_old_plan_columns_still_import_and_target_date_is_a_deadline_without_measures(app, organizer):
    with app.test_request_context():
        plan = _import(db.session.get(User, organizer), _engagement(),
                       "Goal,Action step,Target date\nSafer streets,1.2 Light the routes,Q2 2027\n")
        [item] = plan.items
        assert (item.number, item.deadline, item.quarter, item.goal_ref.title) == (
            "1.2", date(2027, 6, 30), "2027-Q2", "Safer streets")
        assert item.starts_on == date(2027, 4, 1)


def test_smart_check_flags_missing_owner_end_date_measure_and_vague_words(app, organizer):
    with app.test_request_context():
        plan = _import(db.session.get(User, organizer), _engagement())
        findings = {f.item.number: f for f in smart.check(plan)}
        assert "1.3.1" not in findings  # complete: nothing left to sharpen
        assert findings["1.1.1"].flags == ["no_owner", "no_end_date", "vague"]
        assert findings["1.1.1"].words == ["support", "improve", "as needed"]
        assert "no_measure" not in findings["1.1.1"].flags  # its goal has a measure
        assert "1.3.2" not in findings
        assert smart.counts(list(findings.values()))["no_owner"] == 1


@pytest.mark.parametrize("language, text, words", [
    ("es", "Mejorar y apoyar los programas según sea necesario", ["mejorar", "apoyar", "según sea necesario"]),
    ("zh-Hans", "加强社区安全并促进参与", ["加强", "促进"]),
    ("ar", "وتعزيز الخدمات حسب الحاجة", ["تعزيز", "حسب الحاجة"]),
    ("ru", "Улучшить освещение улиц", ["улучшить"]),
    ("en", "Supportive housing: 40 units by June", []),  # a whole word only
    ("xx", "Improve lighting", ["improve"]),  # an unknown language falls back on English
])
def test_vague_words_per_language(language, text, words):
    assert smart.vague_words(text, language) == words


def test_status_history_records_who_when_from_what_to_what_and_why(app, organizer):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        plan = _import(actor, _engagement())
        item = next(i for i in plan.items if i.number == "1.3.10")
        structure.set_status(actor, item, "in_progress", "Translations ordered")
        structure.set_status(actor, item, "in_progress", "no change, no row")
        commitments.update_action(actor, item, goal=item.goal, action_step=item.action_step, departments="",
                             status="complete", deadline=None, progress_note="", status_note="Published")
        history = [(c.from_status, c.to_status, c.note, c.changed_by_id) for c in item.status_changes]
        assert history == [(None, "planning", "", organizer), ("planning", "in_progress", "Translations ordered",
                                                                organizer), ("in_progress", "complete", "Published",
                                                                             organizer)]
        with pytest.raises(ServiceError):
            structure.set_status(actor, item, "finished")


def test_a_quarterly_review_records_and_applies_its_decisions(app, organizer):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        plan = _import(actor, _engagement())
        items = {i.number: i for i in plan.items}
        visits = items["1.3.2"].measures[0]
        review = reviews.record_review(
            actor, plan, held_on=date(2027, 3, 31), participants="Library; Parks; Youth council",
            summary="First quarter", today=date(2027, 4, 2), entries=[
                Entry(items["1.3.2"].id, "in_progress", readings={visits.id: "310"}),
                Entry(items["1.3.10"].id, "planning", "deadline", "Translator contract late", deadline=date(2027, 6, 30)),
                Entry(items["2.1.1"].id, "ongoing", "owner", "Director retired", owner="Deputy housing director"),
                Entry(items["1.1.1"].id, "not_started", "dropped", "Merged into 1.3.2")])
        assert [(e.item.number, e.status, e.adjustment) for e in review.entries] == [
            ("1.3.2", "in_progress", "none"), ("1.3.10", "planning", "deadline"), ("2.1.1", "ongoing", "owner"),
            ("1.1.1", "excluded", "dropped")]
        assert items["1.3.10"].deadline == date(2027, 6, 30)
        assert items["2.1.1"].owner == "Deputy housing director"
        assert items["1.1.1"].status == "excluded"
        assert items["1.1.1"].status_changes[-1].note == "Merged into 1.3.2"
        assert [(r.value, r.taken_on, r.review_id) for r in visits.readings] == [(310, date(2027, 3, 31), review.id)]
        assert reviews.last_reviewed(plan) == date(2027, 3, 31)
        flagged = reviews.overdue_for_review(plan, today=date(2027, 4, 2))
        assert flagged == {}
        later = reviews.overdue_for_review(plan, today=date(2027, 8, 1))
        assert set(later) == {items["1.3.2"].id, items["1.3.10"].id, items["2.1.1"].id}


def test_a_new_action_is_due_for_review_a_quarter_after_it_was_added(app, organizer):
    with app.test_request_context():
        plan = _import(db.session.get(User, organizer), _engagement())
        added = plan.items[0].status_changes[0].changed_at.date()
        assert reviews.overdue_for_review(plan, today=added) == {}
        due = reviews.overdue_for_review(plan, today=added + timedelta(days=reviews.QUARTER_DAYS + 1))
        assert set(due) == {i.id for i in plan.items if i.status not in ("complete", "excluded")}
        assert set(due.values()) == {None}


@pytest.mark.parametrize("changes, message", [
    ({"held_on": None}, "date"),
    ({"held_on": date(2027, 5, 1)}, "future"),
    ({"adjustment": "deadline", "reason": ""}, "why"),
    ({"adjustment": "deadline", "reason": "late"}, "new deadline"),
    ({"adjustment": "owner", "reason": "left"}, "new owner"),
    ({"status": "finished"}, "status"),
])
def test_a_review_with_a_gap_is_refused_and_stores_nothing(app, organizer, changes, message):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        plan = _import(actor, _engagement())
        item = plan.items[0]
        entry = {"item_id": item.id, "status": "planning", "adjustment": "none", "reason": ""}
        held_on = changes.pop("held_on", date(2027, 3, 31))
        entry.update(changes)
        with pytest.raises(ServiceError, match=message):
            reviews.record_review(actor, plan, held_on=held_on, entries=[Entry(**entry)],
                                       today=date(2027, 4, 2))
        db.session.rollback()
        assert db.session.get(ActionPlan, plan.id).reviews == []


def test_the_export_has_one_formula_safe_sheet_each(app, organizer):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        plan = _import(actor, _engagement())
        plan.items[0].owner = "=HYPERLINK(\"http://x\")"
        db.session.commit()
        book = load_workbook(io.BytesIO(export.workbook(plan, today=date(2027, 1, 15))))
        assert book.sheetnames == ["Actions", "Measures", "Readings", "Status history", "Reviews"]
        actions = list(book["Actions"].values)
        assert actions[1][7] == "'=HYPERLINK(\"http://x\")"
        assert len(actions) == 6
        measures = list(book["Measures"].values)
        assert [row[2] for row in measures[1:]] == [
            "Young people who say they feel safe in their neighborhood", "Friday evening visits",
            "Evictions filed per month"]
        assert db.session.scalar(select(func.count(Measure.id))) == 3
        assert len(list(book["Status history"].values)) == 6


def test_an_action_added_by_hand_joins_its_goal_by_title(app, organizer):
    with app.test_request_context():
        actor = db.session.get(User, organizer)
        engagement = _engagement()
        plan = _import(actor, engagement)
        item = commitments.add_action(actor, engagement_id=engagement.id, plan_title=plan.title, goal="Stable homes",
                                 action_step="Free legal help at eviction court", departments="City Attorney",
                                 status="planning", deadline=None, number="2.1.2")
        assert item.goal_ref.number == "2" and len(plan.goals) == 2
        assert [(c.from_status, c.to_status) for c in item.status_changes] == [(None, "planning")]
        new_goal = commitments.add_action(actor, engagement_id=engagement.id, plan_title=plan.title, goal="Clean air",
                                     action_step="Plant street trees", departments="", status="planning",
                                     deadline=None)
        assert new_goal.goal_ref.title == "Clean air" and len(plan.goals) == 3
