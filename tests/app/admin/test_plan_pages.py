"""The staff plan page: the SMART check, owners and timelines, measures and readings, the
quarterly review form, and the whole plan as XLSX."""
import io
import re
from datetime import date, timedelta

from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import ActionItem, ActionPlan, Measure, PlanReview


def _plan_id(app):
    with app.app_context():
        return db.session.scalar(select(ActionPlan.id))


def test_the_plan_page_shows_the_smart_check(app, client, demo, signed_in):
    signed_in("organizer")
    plan_id = _plan_id(app)
    assert f'href="/admin/policy/plans/{plan_id}"' in client.get("/admin/policy").get_data(as_text=True)
    html = client.get(f"/admin/policy/plans/{plan_id}").get_data(as_text=True)
    assert "SMART check" in html
    assert re.search(r"\d+ actions have no owner", html)
    assert "Last reviewed" in html


def test_residents_and_notetakers_cannot_open_the_plan_pages(app, client, demo, signed_in):
    plan_id = _plan_id(app)
    assert client.get(f"/admin/policy/plans/{plan_id}").status_code in (302, 401, 403)
    signed_in("notetaker")
    assert client.get(f"/admin/policy/plans/{plan_id}/reviews/new").status_code == 403
    assert client.get(f"/admin/policy/plans/{plan_id}.xlsx").status_code == 403


def test_record_a_review_on_the_staff_page(app, client, demo, signed_in):
    signed_in("organizer")
    plan_id = _plan_id(app)
    with app.app_context():
        item = db.session.scalar(select(ActionItem).where(ActionItem.number == "1.2"))
        item_id, measure_id = item.id, item.measures[0].id
        reviews_before = len(db.session.scalars(select(PlanReview)).all())
    prefix = f"item_{item_id}_"
    new_deadline = date.today() + timedelta(days=200)
    response = client.post(f"/admin/policy/plans/{plan_id}/reviews/new", data={
        "held_on": date.today().isoformat(), "participants": "Public Works",
        "summary": "Third review", prefix + "reviewed": "y", prefix + "status": "in_progress",
        prefix + "adjustment": "deadline", prefix + "reason": "Parts on back order",
        prefix + "deadline": new_deadline.isoformat(), f"{prefix}reading_{measure_id}": "12"})
    assert response.status_code == 303, re.findall(r'class="(?:error|flash[^"]*)"[^>]*>([^<]+)', response.get_data(as_text=True))
    with app.app_context():
        assert len(db.session.scalars(select(PlanReview)).all()) == reviews_before + 1
        item = db.session.get(ActionItem, item_id)
        assert item.deadline == new_deadline
        assert item.measures[0].readings[-1].value == 12
    html = client.get(f"/progress/plans/{plan_id}").get_data(as_text=True)
    assert "Parts on back order" in html and "Third review" in html


def test_a_review_adjustment_without_a_reason_is_refused(app, client, demo, signed_in):
    signed_in("organizer")
    plan_id = _plan_id(app)
    with app.app_context():
        item_id = db.session.scalar(select(ActionItem.id).where(ActionItem.number == "2.2"))
        before = len(db.session.scalars(select(PlanReview)).all())
    prefix = f"item_{item_id}_"
    response = client.post(f"/admin/policy/plans/{plan_id}/reviews/new", data={
        "held_on": date.today().isoformat(), prefix + "reviewed": "y",
        prefix + "status": "ongoing", prefix + "adjustment": "owner", prefix + "reason": ""})
    assert response.status_code == 200
    assert "Say why action 2.2 was adjusted." in response.get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(PlanReview)).all()) == before


def test_owner_timeline_measure_and_reading_from_the_staff_pages(app, client, demo, signed_in):
    signed_in("organizer")
    plan_id = _plan_id(app)
    with app.app_context():
        item_id = db.session.scalar(select(ActionItem.id).where(ActionItem.number == "8.1"))
    response = client.post(f"/admin/policy/actions/{item_id}/details", data={
        "owner": "Workforce Manager", "partners": "Job center", "strategy": "",
        "quarter": "2027-Q3"})
    assert response.status_code == 303
    with app.app_context():
        item = db.session.get(ActionItem, item_id)
        assert (item.owner, item.starts_on, item.deadline) == ("Workforce Manager", date(2027, 7, 1),
                                                               date(2027, 9, 30))
    response = client.post(f"/admin/policy/plans/{plan_id}/measures", data={
        "measure-target": f"action-{item_id}", "measure-name": "People trained",
        "measure-unit": "people", "measure-direction": "up", "measure-baseline_value": "0",
        "measure-baseline_on": "2026-01-01", "measure-target_value": "80", "measure-target_on": "2027-12-31"})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    with app.app_context():
        measure_id = db.session.scalar(select(Measure.id).where(Measure.name == "People trained"))
    response = client.post(f"/admin/policy/measures/{measure_id}/readings", data={
        "reading-value": "25", "reading-taken_on": date.today().isoformat(),
        "reading-source": "Job center roster"})
    assert response.status_code == 303
    with app.app_context():
        assert [r.value for r in db.session.get(Measure, measure_id).readings] == [25]


def test_the_whole_plan_downloads_as_xlsx(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.get(f"/admin/policy/plans/{_plan_id(app)}.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Actions", "Measures", "Readings", "Status history", "Reviews"]
    assert len(list(book["Reviews"].values)) == 9  # header and eight actions over two reviews


def test_changing_a_status_on_the_action_page_keeps_who_when_and_why(app, client, demo, signed_in):
    user_id = signed_in("organizer")
    with app.app_context():
        item = db.session.scalar(select(ActionItem).where(ActionItem.number == "6.3"))
        item_id, goal, step = item.id, item.goal, item.action_step
        before = len(item.status_changes)
    response = client.post(f"/admin/policy/actions/{item_id}", data={
        "number": "6.3", "goal": goal, "action_step": step, "departments": "Transportation",
        "status": "planning", "deadline": "", "progress_note": "", "status_note": "Fare study funded"})
    assert response.status_code == 303
    with app.app_context():
        changes = db.session.get(ActionItem, item_id).status_changes
        assert len(changes) == before + 1
        last = changes[-1]
        assert (last.from_status, last.to_status, last.note, last.changed_by_id) == (
            "not_started", "planning", "Fare study funded", user_id)
        assert last.changed_at is not None
