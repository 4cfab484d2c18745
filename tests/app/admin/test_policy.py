"""Organizers keep resolutions and actions current; the public tracker shows the progress."""
import re
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AuditEntry,
    Engagement,
    EngagementTranslation,
    Resolution,
)


def _engagement_id(app):
    with app.app_context():
        return db.session.scalar(select(Engagement.id))


def test_policy_page_lists_the_demo_plan(client, demo, signed_in):
    signed_in("organizer")
    html = client.get("/admin/policy").get_data(as_text=True)
    assert "Survey lighting on the ten busiest walking routes" in html
    assert "Resolution on belonging and neighborhood safety" in html


def test_add_a_resolution_with_labelled_sections(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement_id(app), "resolution-number": "2026-77",
        "resolution-title": "Resolution on language access", "resolution-adopted_on": "2026-10-01",
        "resolution-text": "Section 1: Translate the water bill.\n\nSection 2: Interpreters at every public meeting.",
    })
    assert response.status_code == 303
    with app.app_context():
        resolution = db.session.scalar(select(Resolution).where(Resolution.number == "2026-77"))
        assert [(c.kind, c.label, c.text) for c in resolution.clauses] == [
            ("section", "Section 1", "Translate the water bill."),
            ("section", "Section 2", "Interpreters at every public meeting.")]


def test_resolution_without_text_is_refused_next_to_the_field(app, client, demo, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement_id(app), "resolution-title": "Empty", "resolution-text": "  \n ",
    })
    assert response.status_code == 400
    assert b'id="resolution-text-error"' in response.data
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
    assert client.post("/admin/policy/resolutions", data={"resolution-text": "WHEREAS, x"}).status_code == 403


def _own_engagement(app):
    with app.app_context():
        engagement = Engagement(slug="lakeside", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Lakeside listens"))
        db.session.add(engagement)
        db.session.commit()
        return engagement.id


def _add(client, engagement_id, number, goal, status="not_started", deadline=""):
    return client.post("/admin/policy/actions", data={
        "action-engagement": engagement_id, "action-plan_title": "Lakeside plan", "action-number": number,
        "action-goal": goal, "action-action_step": f"Step for {goal}", "action-status": status,
        "action-deadline": deadline})


def test_numbered_actions_are_listed_in_natural_order_with_status_and_overdue(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _own_engagement(app)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    for number, goal, status in [("1.10", "Tenth", "ongoing"), ("1.2", "Second", "in_progress"),
                                 ("2", "Third", "complete"), ("1.2.1", "Sub", "excluded")]:
        assert _add(client, engagement_id, number, goal, status, yesterday).status_code == 303
    with app.app_context():
        plan = db.session.scalar(select(ActionPlan).where(ActionPlan.title == "Lakeside plan"))
        assert [(i.number, i.position) for i in plan.items] == [("1.2", 1), ("1.2.1", 2), ("1.10", 3), ("2", 4)]
    html = client.get("/admin/policy").get_data(as_text=True)
    section = html[html.index("Lakeside plan"):]
    assert section.index(">1.2<") < section.index(">1.2.1<") < section.index(">1.10<") < section.index(">2<")
    rows = {goal: row for goal in ("Tenth", "Second", "Third", "Sub")
            for row in re.findall(r"<tr id=\"action-\d+\">.*?</tr>", section, re.S) if f">{goal}<" in row}
    assert "Ongoing" in rows["Tenth"] and "In progress" in rows["Second"]
    assert "Overdue" in rows["Tenth"] and "Overdue" in rows["Second"]
    assert "Overdue" not in rows["Third"] and "Complete" in rows["Third"]  # complete: never overdue
    assert "Overdue" not in rows["Sub"] and "Excluded" in rows["Sub"]


def test_edit_page_offers_number_and_every_status_and_renumbering_reorders(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _own_engagement(app)
    _add(client, engagement_id, "1", "First")
    _add(client, engagement_id, "2", "Second")
    with app.app_context():
        first = db.session.scalar(select(ActionItem).where(ActionItem.goal == "First"))
        first_id = first.id
    page = client.get(f"/admin/policy/actions/{first_id}").get_data(as_text=True)
    assert 'name="number"' in page and 'value="1"' in page
    for key in ("not_started", "planning", "in_progress", "ongoing", "complete", "excluded"):
        assert f'value="{key}"' in page
    response = client.post(f"/admin/policy/actions/{first_id}", data={
        "number": "3", "goal": "First", "action_step": "Step", "status": "planning"})
    assert response.status_code == 303
    with app.app_context():
        plan = db.session.get(ActionItem, first_id).plan
        assert [(i.goal, i.number, i.status) for i in plan.items] == [
            ("Second", "2", "not_started"), ("First", "3", "planning")]
    refused = client.post(f"/admin/policy/actions/{first_id}", data={
        "number": "one & two", "goal": "First", "action_step": "Step", "status": "planning"})
    assert 'id="number-error"' in refused.get_data(as_text=True)


def test_a_service_error_naming_a_field_the_form_lacks_is_shown_as_a_message(app, client, demo, signed_in,
                                                                              monkeypatch):
    from app.services import ServiceError
    from app.services.plans import structure

    def refuse(*args, **kwargs):
        raise ServiceError("The city clerk has locked this action.", field="no_such_field")

    monkeypatch.setattr(structure, "update_details", refuse)
    with app.app_context():
        item_id = db.session.scalar(select(ActionItem.id).order_by(ActionItem.id))
    signed_in("organizer")
    response = client.post(f"/admin/policy/actions/{item_id}/details", data={"owner": "Parks", "strategy": ""})
    assert response.status_code == 200
    assert "The city clerk has locked this action." in response.get_data(as_text=True)
