"""Roster, needs summary, check-in, exports and personal data."""
import csv
import io
from datetime import timedelta

from openpyxl import load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEntry, ListeningSession, OutboxMessage, Registration, User
from app.models.types import utcnow
from app.services import organize, roster


def _session(app, capacity=10, starts_in=timedelta(days=5)):
    with app.app_context():
        engagement = organize.create_engagement(None, "south", "en", {"en": "South"})
        starts = utcnow() + starts_in
        session = organize.create_session(None, engagement.id, dict(
            slug="south-hall", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="South Hall", venue_address="2 Oak St", capacity=capacity,
            interpretation_languages=["es", "so", "ar"], childcare_offered=True,
        ), {"en": {"title": "South Hall session"}})
        organize.publish(None, session.id)
        return session.id


PEOPLE = [
    dict(name="Ana", email="ana@example.org", interpretation_language="es", childcare_needed="y",
         children_ages="1, 4", access_needs=["asl"], dietary="vegetarian"),
    dict(name="Faadumo", phone="+1 612 555 0101", interpretation_language="so", access_needs=["wheelchair", "cart"]),
    dict(name="=HYPERLINK(\"http://evil.example\")", email="evil@example.org", dietary="+cmd|' /C calc'!A0",
         access_other="<script>alert(1)</script>"),
    dict(name="Omar", email="omar@example.org", interpretation_language="es", childcare_needed="y",
         children_count="2"),
]


def _register_all(client, people=PEOPLE):
    for person in people:
        response = client.post("/sessions/south-hall/register", data={"preferred_language": "en", **person})
        assert response.status_code == 303, response.text[:2000]


def test_needs_summary_counts_what_a_coordinator_acts_on(app, client):
    session_id = _session(app, capacity=3)
    _register_all(client)  # Omar is waitlisted
    with app.app_context():
        summary = roster.needs_summary(session_id)
    seated, waiting = summary["seated"], summary["waiting"]
    assert seated["people"] == 3 and waiting["people"] == 1
    assert seated["interpreters"] == {"es": 1, "so": 1} and waiting["interpreters"] == {"es": 1}
    assert seated["children_by_band"] == {"0-2": 1, "3-5": 1, "6-12": 0, "13-17": 0}
    assert waiting["children"] == 2 and waiting["children_age_unknown"] == 2
    assert seated["access"]["asl"] == 1 and seated["access"]["wheelchair"] == 1 and seated["access"]["cart"] == 1
    assert seated["dietary_count"] == 2


def test_roster_page_filters_escapes_and_shows_changes_since_last_look(app, client, make_user, auth):
    session_id = _session(app)
    _register_all(client, PEOPLE[:2])
    user_id, email = make_user("organizer")
    auth.login(email, "organizer-pass-1")
    page = client.get(f"/admin/sessions/{session_id}/roster").text
    assert page.count('class="changed"') == 2
    _register_all(client, PEOPLE[2:3])
    page = client.get(f"/admin/sessions/{session_id}/roster").text
    assert page.count('class="changed"') == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert client.get(f"/admin/sessions/{session_id}/roster").text.count('class="changed"') == 0
    with app.app_context():
        assert db.session.get(User, user_id).last_seen_roster_at is not None
    filtered = client.get(f"/admin/sessions/{session_id}/roster?need=wheelchair").text
    assert "Faadumo" in filtered and ">Ana<" not in filtered
    filtered = client.get(f"/admin/sessions/{session_id}/roster?need=interpretation&q=an").text
    assert ">Ana<" in filtered and "Faadumo" not in filtered


def test_exports_are_formula_safe_and_complete(app, client, signed_in):
    session_id = _session(app)
    _register_all(client)
    signed_in("organizer")
    response = client.get(f"/admin/sessions/{session_id}/roster.csv")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://evil.example\")" in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    xlsx = client.get(f"/admin/sessions/{session_id}/roster.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'+cmd|' /C calc'!A0" in values and not any(v.startswith("=") for v in values)
    needs = client.get(f"/admin/sessions/{session_id}/needs.csv").data.decode("utf-8-sig")
    assert "Interpreter" in needs and "0-2" in needs
    assert client.get(f"/admin/sessions/{session_id}/needs.xlsx").status_code == 200


def test_check_in_search_mark_attended_and_walk_in(app, client, signed_in):
    session_id = _session(app, capacity=3)
    _register_all(client)
    signed_in("organizer")
    page = client.get(f"/admin/sessions/{session_id}/checkin?q=fAAd").text
    assert "Faadumo" in page and "Omar" not in page
    with app.app_context():
        ana = db.session.scalar(select(Registration).where(Registration.name == "Ana")).id
        omar = db.session.scalar(select(Registration).where(Registration.name == "Omar")).id
    client.post(f"/admin/sessions/{session_id}/checkin/{ana}", data={"attended": "1"})
    client.post(f"/admin/sessions/{session_id}/checkin/{ana}", data={"attended": "1"})
    # Omar is waitlisted and the room is full: refused with a message, nothing changes.
    page = client.post(f"/admin/sessions/{session_id}/checkin/{omar}", data={"attended": "1"},
                       follow_redirects=True).text
    assert "No seats are left" in page
    response = client.post(f"/admin/sessions/{session_id}/checkin", data={"walkin-name": "Walk In"})
    assert "No seats are left" in client.get(f"/admin/sessions/{session_id}/checkin").text or response.status_code == 200
    organize_edit_capacity(app, session_id, 5)
    client.post(f"/admin/sessions/{session_id}/checkin", data={"walkin-name": "Wanda Walk-in"})
    with app.app_context():
        statuses = dict(db.session.execute(select(Registration.name, Registration.status)).all())
        assert statuses["Ana"] == "attended" and statuses["Wanda Walk-in"] == "attended"
        seated = db.session.scalar(select(func.count()).where(
            Registration.session_id == session_id, Registration.status.in_(("confirmed", "attended"))))
        assert db.session.get(ListeningSession, session_id).seats_taken == seated


def organize_edit_capacity(app, session_id, capacity):
    with app.app_context():
        session = db.session.get(ListeningSession, session_id)
        session.capacity = capacity
        db.session.commit()


def test_correct_and_erase_on_request_keep_the_seat(app, client, signed_in):
    session_id = _session(app, capacity=1)
    _register_all(client, PEOPLE[:2])
    signed_in("organizer")
    with app.app_context():
        ana = db.session.scalar(select(Registration).where(Registration.name == "Ana")).id
    response = client.post(f"/admin/registrations/{ana}", data={
        "name": "Ana María", "email": "ana.maria@example.org", "preferred_language": "es", "dietary": "vegan"})
    assert response.status_code == 303
    assert client.post(f"/admin/registrations/{ana}/erase", data={}).status_code == 303  # not confirmed
    with app.app_context():
        assert db.session.get(Registration, ana).name == "Ana María"
    client.post(f"/admin/registrations/{ana}/erase", data={"confirm": "y"})
    with app.app_context():
        erased = db.session.get(Registration, ana)
        assert erased.name is None and erased.email is None and erased.dietary == ""
        assert erased.status == "confirmed" and erased.interpretation_language is None
        assert erased.access_needs == [] and erased.childcare_needed is False and erased.children_ages == []
        assert db.session.get(ListeningSession, session_id).seats_taken == 1
        messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.registration_id == ana)).all()
        assert messages and all(m.recipient is None and m.body == "" for m in messages)
        details = db.session.scalars(select(AuditEntry.details)).all()
        assert "Ana" not in repr(details)
        summary = roster.needs_summary(session_id)
    assert summary["seated"]["people"] == 1 and summary["seated"]["interpreters"] == {}
    assert "deleted" in client.get(f"/admin/registrations/{ana}").text


def test_retention_purge_removes_contact_details_after_the_session(app, client, runner):
    session_id = _session(app)
    _register_all(client, PEOPLE[:2])
    client.post("/sessions/south-hall/register", data={
        "name": "Kept", "email": "kept@example.org", "consent_followup": "y"})
    result = runner.invoke(args=["retention", "purge"])
    assert "cleared of personal data: 0" in result.output
    with app.app_context():
        session = db.session.get(ListeningSession, session_id)
        session.starts_at = utcnow() - timedelta(days=100)
        session.ends_at = utcnow() - timedelta(days=100) + timedelta(hours=2)
        db.session.commit()
    result = runner.invoke(args=["retention", "purge"])
    assert "cleared of personal data: 2" in result.output, result.output
    with app.app_context():
        rows = db.session.execute(select(Registration.name, Registration.email, Registration.phone)).all()
        assert sorted(rows, key=str) == sorted([(None, None, None), (None, None, None),
                                                ("Kept", "kept@example.org", None)], key=str)
    assert "cleared of personal data: 0" in runner.invoke(args=["retention", "purge"]).output
