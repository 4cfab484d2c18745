"""Organizers keep resolutions and actions current; the public tracker shows the progress."""
from sqlalchemy import select

from app.extensions import db
from app.models import ActionItem, AuditEntry, Engagement, Resolution


def _engagement_id(app):
    with app.app_context():
        return db.session.scalar(select(Engagement.id))


def test_policy_page_lists_the_demo_plan(client, demo, signed_in):
    signed_in("organizer")
    html = client.get("/admin/policy").get_data(as_text=True)
    assert "Survey lighting on the ten busiest walking routes" in html
    assert "Resolution on belonging and neighborhood safety" in html


def test_add_a_resolution_with_labelled_clauses(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement_id(app), "resolution-number": "2026-77",
        "resolution-title": "Resolution on language access", "resolution-adopted_on": "2026-10-01",
        "resolution-clauses": "Section 1: Translate the water bill.\n\nInterpreters at every public meeting.",
    })
    assert response.status_code == 303
    with app.app_context():
        resolution = db.session.scalar(select(Resolution).where(Resolution.number == "2026-77"))
        assert [(c.label, c.text) for c in resolution.clauses] == [
            ("Section 1", "Translate the water bill."), ("", "Interpreters at every public meeting.")]


def test_resolution_without_clauses_is_refused_next_to_the_field(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement_id(app), "resolution-title": "Empty", "resolution-clauses": "  \n ",
    })
    assert response.status_code == 400
    assert b'id="resolution-clauses-error"' in response.data
    assert b'value="Empty"' in response.data  # nothing typed is lost
    with app.app_context():
        assert db.session.scalar(select(Resolution).where(Resolution.title == "Empty")) is None


def test_add_an_action_and_update_its_progress_for_the_public(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/actions", data={
        "action-engagement": _engagement_id(app), "action-plan_title": "Belonging and safety action plan 2026-2027",
        "action-goal": "Safer crossings", "action-action_step": "Add a signal at the school crosswalk",
        "action-departments": "Transportation", "action-status": "not_started", "action-deadline": "2027-05-01",
    })
    assert response.status_code == 303
    with app.app_context():
        item = db.session.scalar(select(ActionItem).where(ActionItem.goal == "Safer crossings"))
        assert item.plan.title == "Belonging and safety action plan 2026-2027"
        item_id = item.id
    response = client.post(f"/admin/policy/actions/{item_id}", data={
        "goal": "Safer crossings", "action_step": "Add a signal at the school crosswalk",
        "departments": "Transportation", "status": "in_progress", "deadline": "2027-05-01",
        "progress_note": "Design approved in November.",
    })
    assert response.status_code == 303
    with app.app_context():
        assert db.session.get(ActionItem, item_id).status == "in_progress"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "action.update"))
        assert entry.details == {"status_before": "not_started", "status": "in_progress"}
    public = app.test_client().get("/progress").get_data(as_text=True)
    assert "Design approved in November." in public


def test_unknown_status_is_refused(app, client, demo, signed_in):
    signed_in("organizer")
    with app.app_context():
        item_id = db.session.scalar(select(ActionItem.id))
    response = client.post(f"/admin/policy/actions/{item_id}", data={
        "goal": "x", "action_step": "y", "status": "abandoned"})
    assert response.status_code == 200
    assert b'id="status-error"' in response.data


def test_analysts_cannot_edit_policy(client, signed_in):
    signed_in("analyst")
    assert client.get("/admin/policy").status_code == 403
