"""Roster, needs summary, check-in, exports and personal data."""
import csv
import io
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from wtforms.fields.core import UnboundField

from app.admin.forms import CorrectionForm
from app.extensions import db
from app.models import REGISTRATION_DETAILS, AuditEntry, ListeningSession, OutboxMessage, Registration, User
from app.models.types import utcnow
from app.services import ServiceError
from app.services.registration import registrations, roster
from app.services.sessions import organize


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
    # Omar is waitlisted and the room is full: refused (a page asks first), nothing changes.
    page = client.post(f"/admin/sessions/{session_id}/checkin/{omar}", data={"attended": "1"},
                       follow_redirects=True).text
    assert "This session is full." in page
    response = client.post(f"/admin/sessions/{session_id}/checkin", data={"walkin-name": "Walk In"})
    assert response.status_code == 400 and "tick the box to seat this person beyond capacity" in response.text
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


# --- the door of a full session (issue 14) -------------------------------------------------

def _id(app, name):
    with app.app_context():
        return db.session.scalar(select(Registration.id).where(Registration.name == name))


def _seats(app, session_id):
    """(seats taken, people holding a seat, people waiting), read from the rows."""
    with app.app_context():
        db.session.expire_all()
        taken = db.session.get(ListeningSession, session_id).seats_taken
        by_status = dict(db.session.execute(
            select(Registration.status, func.count()).where(Registration.session_id == session_id)
            .group_by(Registration.status)).all())
    return taken, by_status.get("confirmed", 0) + by_status.get("attended", 0), by_status.get("waitlisted", 0)


def _beyond_rows(app):
    with app.app_context():
        return [(a.user_id, a.object_type, a.object_id, a.details) for a in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "registration.beyond_capacity").order_by(AuditEntry.id))]


def test_a_full_session_refuses_a_walk_in_until_the_organizer_ticks_the_box(app, client, signed_in):
    session_id = _session(app, capacity=3)
    _register_all(client)  # three seats taken, Omar waiting
    organizer = signed_in("organizer")
    page = client.get(f"/admin/sessions/{session_id}/checkin").text
    assert "This session is full." in page and 'name="walkin-beyond_capacity"' in page
    for refused in ({}, {"walkin-beyond_capacity": ""}):
        response = client.post(f"/admin/sessions/{session_id}/checkin",
                               data={"walkin-name": "Wanda Walk-in", **refused})
        assert response.status_code == 400
        assert "The session is full: tick the box to seat this person beyond capacity." in response.text
        assert 'value="Wanda Walk-in"' in response.text  # what the organizer typed is kept
        assert _id(app, "Wanda Walk-in") is None and _seats(app, session_id) == (3, 3, 1)
    assert _beyond_rows(app) == []

    response = client.post(f"/admin/sessions/{session_id}/checkin",
                           data={"walkin-name": "Wanda Walk-in", "walkin-beyond_capacity": "y"})
    assert response.status_code == 303
    assert _seats(app, session_id) == (4, 4, 1)  # Omar still waits: the walk-in took no seat of his
    wanda = _id(app, "Wanda Walk-in")
    assert _beyond_rows(app) == [(organizer, "Registration", wanda, {
        "session_id": session_id, "over_by": 1, "previous_status": None, "walk_in": True})]
    page = client.get(f"/admin/sessions/{session_id}/checkin").text
    assert "4 / 3" in page and "1 person beyond capacity" in page


def test_a_waitlisted_person_at_the_door_is_seated_beyond_capacity_only_when_confirmed(app, client, signed_in):
    session_id = _session(app, capacity=3)
    _register_all(client)
    organizer = signed_in("organizer")
    omar = _id(app, "Omar")
    ask = f"/admin/sessions/{session_id}/checkin/{omar}/beyond-capacity"
    response = client.post(f"/admin/sessions/{session_id}/checkin/{omar}", data={"attended": "1", "q": "om"})
    assert response.status_code == 303 and response.headers["Location"] == ask + "?q=om"
    assert _seats(app, session_id) == (3, 3, 1)

    page = client.get(ask + "?q=om").text
    assert "This session is full." in page and "3 / 3" in page
    assert "Checking them in seats them beyond capacity: 1 person over." in page
    assert "Omar" in page and "On the waitlist" in page and "2 children" in page  # his needs, too
    for refused in ({}, {"confirm": ""}):
        response = client.post(ask, data={"q": "om", **refused})
        assert response.status_code == 400
        assert "The session is full: tick the box to seat this person beyond capacity." in response.text
        assert _seats(app, session_id) == (3, 3, 1)

    response = client.post(ask, data={"q": "om", "confirm": "y"})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/admin/sessions/{session_id}/checkin?q=om"
    # Seated and here; the waitlist is one shorter; seats taken matches the rows.
    assert _seats(app, session_id) == (4, 4, 0)
    with app.app_context():
        assert db.session.get(Registration, omar).status == "attended"
        assert roster.needs_summary(session_id)["counts"] == {"confirmed": 3, "attended": 1}
    assert _beyond_rows(app) == [(organizer, "Registration", omar, {
        "session_id": session_id, "over_by": 1, "previous_status": "waitlisted", "walk_in": False})]
    # Asked again (a second tap, a second organizer): nothing more is counted.
    assert client.post(ask, data={"confirm": "y"}).status_code == 303
    assert client.post(f"/admin/sessions/{session_id}/checkin/{omar}", data={"attended": "1"}).status_code == 303
    assert _seats(app, session_id) == (4, 4, 0) and len(_beyond_rows(app)) == 1
    # Undo keeps his seat (confirmed), so the count stays true.
    client.post(f"/admin/sessions/{session_id}/checkin/{omar}", data={"attended": "0"})
    assert _seats(app, session_id) == (4, 4, 0)


def test_the_beyond_capacity_page_only_for_someone_without_a_seat_in_a_full_session(app, client, signed_in):
    session_id = _session(app, capacity=3)
    _register_all(client)
    signed_in("organizer")
    ana, omar = _id(app, "Ana"), _id(app, "Omar")
    checkin = f"/admin/sessions/{session_id}/checkin"
    # Ana holds a seat: nothing to decide, back to the list.
    response = client.get(f"{checkin}/{ana}/beyond-capacity")
    assert response.status_code == 303 and response.headers["Location"] == checkin
    other = _session_elsewhere(app)
    assert client.get(f"/admin/sessions/{other}/checkin/{omar}/beyond-capacity").status_code == 404
    assert client.get(f"{checkin}/999999/beyond-capacity").status_code == 404
    # A seat comes free (Ana cancels; Omar is promoted): then the list's button does it.
    with app.app_context():
        from app.services.registration import registrations
        registrations.cancel(ana)
    assert client.get(f"{checkin}/{omar}/beyond-capacity").status_code == 303
    assert _beyond_rows(app) == []


def _session_elsewhere(app):
    with app.app_context():
        engagement = organize.create_engagement(None, "west", "en", {"en": "West"})
        starts = utcnow() + timedelta(days=6)
        session = organize.create_session(None, engagement.id, dict(
            slug="west-hall", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="West Hall", venue_address="3 Elm St", capacity=5), {"en": {"title": "West"}})
        return session.id


def test_a_seat_freed_beyond_capacity_goes_to_nobody_until_the_room_is_within_it(app, make_user):
    session_id = _session(app, capacity=1)
    organizer_id, _email = make_user("organizer")
    with app.test_request_context():
        from app.services.registration import registrations
        organizer = db.session.get(User, organizer_id)
        ids = [registrations.register(session_id, {"name": n, "email": f"{n}@example.org"}).registration_id
               for n in ("first", "second", "third")]
        with pytest.raises(roster.SessionFull):
            roster.check_in(organizer, ids[1])
        roster.check_in(organizer, ids[1], beyond_capacity=True)
    assert _seats(app, session_id) == (2, 2, 1)
    with app.test_request_context():
        # Keeping the capacity while over it is allowed; lowering it is not.
        session = db.session.get(ListeningSession, session_id)
        values = dict(slug=session.slug, starts_at=session.starts_at, ends_at=session.ends_at, timezone="UTC",
                      venue_name=session.venue_name, venue_address=session.venue_address, capacity=1,
                      interpretation_languages=session.interpretation_languages)
        organize.update_session(None, session_id, values, {"en": {"title": "South Hall session"}})
        with pytest.raises(ServiceError):
            organize.update_session(None, session_id, dict(values, capacity=0), {"en": {"title": "South"}})
        registrations.cancel(ids[0])  # 1 of 1 now: the third person keeps waiting
    assert _seats(app, session_id) == (1, 1, 1)
    with app.app_context():
        assert db.session.get(Registration, ids[2]).status == "waitlisted"
        registrations.cancel(ids[1])  # a seat within capacity comes free: it goes to the third
        assert db.session.get(Registration, ids[2]).status == "confirmed"
    assert _seats(app, session_id) == (1, 1, 0)


def test_residents_never_get_a_seat_beyond_capacity(app, client):
    session_id = _session(app, capacity=2)
    with app.app_context():
        roster.add_walk_in(None, session_id, "At the door", beyond_capacity=False)
        roster.add_walk_in(None, session_id, "Second", beyond_capacity=False)
        roster.add_walk_in(None, session_id, "Third", beyond_capacity=True)
    _register_all(client, PEOPLE[:2])
    assert _seats(app, session_id) == (3, 3, 2)


def test_check_in_list_shows_each_persons_needs_in_words(app, client, signed_in):
    session_id = _session(app)
    _register_all(client, PEOPLE + [dict(name="ليلى", email="layla@example.org", interpretation_language="ar",
                                          access_needs=["large_print", "other"], dietary="حلال")])
    signed_in("organizer")
    page = client.get(f"/admin/sessions/{session_id}/checkin").text
    rows = {re.search(r"<strong><bdi>(.*?)</bdi>", row).group(1): row
            for row in page.split('<li class="checkin-row">')[1:]}
    ana, faadumo, evil, omar, layla = (rows[name] for name in (
        "Ana", "Faadumo", "=HYPERLINK(&#34;http://evil.example&#34;)", "Omar", "ليلى"))
    # Interpretation: the language's own name, in its own language and direction.
    assert 'Interpreter: <bdi lang="es" dir="ltr">Español</bdi>' in ana
    assert 'Interpreter: <bdi lang="so" dir="ltr">Soomaali</bdi>' in faadumo
    assert 'Interpreter: <bdi lang="ar" dir="rtl">العربية</bdi>' in layla
    # ASL and the other access needs, childcare with ages, food: each in words.
    assert "ASL interpreter" in ana and "Childcare: 2 children (Ages: 1, 4)" in ana
    assert 'Food: <bdi class="prewrap">vegetarian</bdi>' in ana
    assert "Wheelchair access" in faadumo and "Live captioning (CART)" in faadumo and "Childcare" not in faadumo
    assert "Childcare: 2 children" in omar and "Ages" not in omar
    assert "Large print" in layla and "Other access needs</li>" in layla
    assert 'Food: <bdi class="prewrap">حلال</bdi>' in layla
    # Residents' words are escaped and isolated.
    assert 'Other access needs: <bdi class="prewrap">&lt;script&gt;alert(1)&lt;/script&gt;</bdi>' in evil
    assert "<script>alert" not in page
    # The same list on the roster page.
    roster_page = client.get(f"/admin/sessions/{session_id}/roster").text
    assert 'Interpreter: <bdi lang="ar" dir="rtl">العربية</bdi>' in roster_page
    assert "Childcare: 2 children (Ages: 1, 4)" in roster_page
    # An organizer reading in Arabic: the page is right to left, a Spanish name stays left to right.
    client.set_cookie("heard_lang", "ar")
    page = client.get(f"/admin/sessions/{session_id}/checkin").text
    assert '<html lang="ar" dir="rtl">' in page and '<bdi lang="es" dir="ltr">Español</bdi>' in page


# --- a correction keeps what it did not show ---------------------------------------------

FULL_DETAILS = dict(name="Lia Full", email="lia@example.org", phone="+1 612 555 0150", interpretation_language="so",
                    childcare_needed="y", children_count="2", children_ages="3, 7", access_needs=["asl", "cart"],
                    access_other="a quiet corner", dietary="halal", heard_from="library", consent_followup="y")


def _details(app, registration_id):
    with app.app_context():
        row = db.session.get(Registration, registration_id)
        return {key: getattr(row, key) for key in REGISTRATION_DETAILS}


def test_a_correction_keeps_every_detail_the_form_does_not_show(app, client, signed_in):
    _session(app)
    _register_all(client, [FULL_DETAILS])
    lia = _id(app, "Lia Full")
    before = _details(app, lia)
    signed_in("organizer")
    shown = {key for key in REGISTRATION_DETAILS if isinstance(getattr(CorrectionForm, key, None), UnboundField)}
    hidden = set(REGISTRATION_DETAILS) - shown
    assert shown and {"childcare_needed", "children_ages", "access_needs", "heard_from", "consent_followup"} <= hidden
    response = client.post(f"/admin/registrations/{lia}", data={
        "name": "Lia Fuller", "email": "lia@example.org", "phone": "+1 612 555 0150", "preferred_language": "en",
        "access_other": "a quiet corner", "dietary": "vegan"})
    assert response.status_code == 303, response.text[:2000]
    after = _details(app, lia)
    assert after["name"] == "Lia Fuller" and after["dietary"] == "vegan"
    assert {key: after[key] for key in hidden} == {key: before[key] for key in hidden}
    assert before["children_ages"] == [3, 7] and before["access_needs"] == ["asl", "cart"]


def test_update_details_keeps_the_details_it_is_not_given(app, client):
    _session(app)
    _register_all(client, [FULL_DETAILS])
    lia = _id(app, "Lia Full")
    before = _details(app, lia)
    with app.app_context():
        registrations.update_details(lia, {"dietary": "none"})
    after = _details(app, lia)
    assert after == {**before, "dietary": "none"}


def test_the_details_are_the_ones_registration_stores():
    assert set(REGISTRATION_DETAILS) <= {c.key for c in Registration.__table__.columns if c.info.get("personal")}
    values = registrations.validate_details({"name": "Ana", "email": "ana@example.org"},
                                            SimpleNamespace(interpretation_languages=[]))
    assert set(values) == {*REGISTRATION_DETAILS, "email_key", "phone_key"}
