"""Every date and time Heard shows is in the engagement's time zone (a setting, defaulting to
HEARD_DEFAULT_TIMEZONE), with the zone named beside a time; stored times stay UTC."""
from datetime import UTC, datetime, timedelta

import pytest
from factories import make_session
from sqlalchemy import select
from support import publish_report

from app.config import ConfigError
from app.extensions import db
from app.models import AnalysisRun, Engagement, ListeningSession, Note, NoteTheme, Registration, ReportVersion, Theme

# 03:30 UTC on Nov 22 is still Nov 21 in Seattle and Chicago: the day the session was held.
LATE_EVENING = datetime(2026, 11, 22, 3, 30, tzinfo=UTC)


def _engagement_run(app, zone=None):
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-2))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        session.engagement.timezone = zone
        note = Note(session_id=session.id, table_id=ids["tables"][0], text="Lights", language="en", is_quote=True)
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=1, created_at=LATE_EVENING)
        db.session.add_all([note, run])
        db.session.flush()
        theme = Theme(run_id=run.id, key="t1", position=1, machine_label="l", label="Lights", status="accepted")
        db.session.add(theme)
        db.session.flush()
        db.session.add(NoteTheme(note_id=note.id, theme_id=theme.id, assigned_by="machine"))
        db.session.commit()
        return {"run": run.id, "engagement": session.engagement_id, "session": session.id}


@pytest.mark.parametrize(("zone", "day", "name"), [
    (None, "Nov 21, 2026", "PST"),  # the default, America/Los_Angeles
    ("America/Chicago", "Nov 21, 2026", "CST"),
    ("Asia/Manila", "Nov 22, 2026", "+0800"),
])
def test_review_pages_show_times_in_the_engagements_zone(app, client, signed_in, zone, day, name):
    signed_in("analyst")
    ids = _engagement_run(app, zone)
    for url in (f"/review/runs/{ids['run']}", "/review/"):
        page = client.get(url).get_data(as_text=True)
        assert day in page and name in page, url


def test_the_default_zone_is_a_setting_and_must_be_real(make_app, signed_in):
    app = make_app(HEARD_DEFAULT_TIMEZONE="Asia/Manila")
    with app.test_request_context():
        from app import timezones

        assert timezones.selector() == "Asia/Manila"
    with pytest.raises(ConfigError):
        make_app(HEARD_DEFAULT_TIMEZONE="Mars/Olympus_Mons")
    with pytest.raises(ConfigError):
        make_app(HEARD_DEFAULT_TIMEZONE="../../etc/passwd")


@pytest.mark.parametrize("bad", ["Mars/Base", "Pacific Time", "../etc/localtime", "America/", "x" * 65])
def test_an_engagements_zone_is_checked(app, client, signed_in, bad):
    signed_in("admin")
    response = client.post("/admin/engagements/new", data={
        "slug": "plan", "default_language": "en", "name_en": "Plan", "timezone": bad})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="timezone"' in body and 'aria-invalid="true"' in body
    with app.app_context():
        assert db.session.scalar(select(Engagement.id)) is None


def test_an_administrator_sets_the_zone_and_empty_means_the_default(app, client, signed_in):
    signed_in("admin")
    response = client.post("/admin/engagements/new", data={
        "slug": "plan", "default_language": "en", "name_en": "Plan", "timezone": " America/Chicago "})
    assert response.status_code == 302
    with app.app_context():
        engagement = db.session.scalar(select(Engagement))
        assert engagement.timezone == "America/Chicago"
        engagement_id = engagement.id
    assert 'value="America/Chicago"' in client.get(f"/admin/engagements/{engagement_id}/edit").get_data(as_text=True)
    client.post(f"/admin/engagements/{engagement_id}/edit", data={
        "slug": "plan", "default_language": "en", "name_en": "Plan", "timezone": ""})
    with app.app_context():
        assert db.session.get(Engagement, engagement_id).timezone is None


def test_the_public_report_and_its_files_date_in_the_engagements_zone(app, client, signed_in):
    signed_in("analyst")
    ids = _engagement_run(app, "America/Los_Angeles")
    assert publish_report(client, ids["run"], {"title": "What We Heard"}).status_code == 302
    with app.app_context():
        version = db.session.scalar(select(ReportVersion))
        version.published_at = datetime(2026, 12, 15, 5, 0, tzinfo=UTC)  # Dec 14, 9 pm in Seattle
        db.session.commit()
        report_id = version.report_id
    public = app.test_client()
    assert "December 14, 2026" in public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "December 14, 2026" in public.get("/reports/").get_data(as_text=True)


def test_roster_download_times_are_in_the_engagements_zone_and_named(app, client, signed_in):
    signed_in("admin")
    ids = _engagement_run(app, "America/Chicago")
    with app.app_context():
        db.session.add(Registration(session_id=ids["session"], name="Ana", email="ana@example.org",
                                    preferred_language="es", status="confirmed", manage_token_hash="x" * 64,
                                    created_at=LATE_EVENING))
        db.session.commit()
    from app.services.registration import roster

    with app.test_request_context():
        header, rows = roster.roster_table(ids["session"])
    assert rows[0][-1] == "2026-11-21 21:30 CST"
    assert header[-1] == "Registered at"


def _record_and_note(app, zone):
    """A registration made and a note edited late on Nov 21 (Pacific), in an engagement of ``zone``."""
    ids = make_session(app, slug="zones", starts_in=timedelta(days=-2))
    with app.app_context():
        from app.models import NoteRevision

        session = db.session.get(ListeningSession, ids["session"])
        session.engagement.timezone = zone
        registration = Registration(session_id=session.id, name="Ana", email="ana@example.org", preferred_language="es",
                                    status="confirmed", created_at=LATE_EVENING,
                                    manage_token_hash="x" * 64)
        note = Note(session_id=session.id, table_id=ids["tables"][0], text="Buses at night", language="en")
        db.session.add_all([registration, note])
        db.session.flush()
        db.session.add(NoteRevision(note_id=note.id, version=1, text="Buses", edited_at=LATE_EVENING))
        db.session.commit()
        return registration.id, note.id


@pytest.mark.parametrize(("zone", "day", "name"), [
    (None, "Nov 21, 2026", "PST"),
    ("America/Chicago", "Nov 21, 2026", "CST"),
    ("Asia/Manila", "Nov 22, 2026", "+0800"),
])
def test_organizer_and_notetaker_pages_show_times_in_the_engagements_zone(app, client, signed_in, zone, day, name):
    """The roster record and a note's history are pages of one engagement: its zone, named."""
    registration_id, note_id = _record_and_note(app, zone)
    signed_in("admin")
    for url in (f"/admin/registrations/{registration_id}", f"/capture/notes/{note_id}/edit"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert day in page and name in page, url
