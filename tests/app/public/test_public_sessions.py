"""Residents' session list and detail pages, the .ics download, and hostile input."""
import os
from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Registration
from app.models.types import utcnow
from app.platform import ics
from app.services.sessions import organize


def _sessions(app):
    with app.app_context():
        engagement = organize.create_engagement(None, "city", "en", {"en": "City listens", "ar": "المدينة تستمع"})
        ids = {}
        for slug, days, status in (("soon", 4, "published"), ("gone", -3, "published"),
                                   ("off", 6, "cancelled"), ("hidden", 5, "draft")):
            starts = utcnow() + timedelta(days=days)
            session = organize.create_session(None, engagement.id, dict(
                slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="America/Chicago",
                venue_name=f"Venue {slug}", venue_address="1 Main St", capacity=1,
                interpretation_languages=["ar"], childcare_offered=True,
            ), {"en": {"title": f"Session {slug}", "directions": "Bus 4 to Main St.",
                       "access_info": "Ramp at the side door."},
                "ar": {"title": f"جلسة {slug}"}})
            if status != "draft":
                organize.publish(None, session.id)
            if status == "cancelled":
                organize.cancel(None, session.id)
            ids[slug] = session.id
        return ids


def test_list_marks_cancelled_and_hides_drafts_and_past(app, client):
    _sessions(app)
    page = client.get("/sessions").text
    assert "Session soon" in page and "Session off" in page and "Session hidden" not in page
    assert "Session gone" not in page
    assert 'badge-cancelled' in page
    past = client.get("/sessions?past=1").text
    assert "Session gone" in past and "This session has ended" in past
    assert client.get("/sessions/hidden").status_code == 404


def test_detail_shows_when_where_access_and_seats_in_the_readers_language(app, client):
    _sessions(app)
    client.get("/language/ar")
    page = client.get("/sessions/soon").text
    assert 'dir="rtl"' in page and "جلسة soon" in page
    # Directions exist only in English: shown, marked as English (left to right) for screen
    # readers, and marked "not yet translated" in the reader's language.
    assert ('<dd lang="en" dir="ltr" class="prewrap">Bus 4 to Main St. '
            '<small class="untranslated" lang="ar" dir="rtl">') in page
    assert "/sessions/soon/register" in page and "/sessions/soon/calendar.ics" in page
    client.post("/sessions/soon/register", data={"name": "A", "email": "a@example.org"})
    assert "/sessions/soon/register" in client.get("/sessions/soon").text  # full: join the waitlist
    client.get("/language/en")
    assert "Full: you can join the waitlist" in client.get("/sessions/soon").text
    gone = client.get("/sessions/gone").text
    assert "This session has ended" in gone and "/sessions/gone/register\"" not in gone


def test_ics_download_is_valid_folded_and_escaped(app, client):
    _sessions(app)
    response = client.get("/sessions/soon/calendar.ics")
    assert response.mimetype == "text/calendar"
    text = response.data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\nDTSTART:" in text and text.count("BEGIN:VEVENT") == 1
    assert "LOCATION:Venue soon\\, 1 Main St" in text
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "STATUS:CANCELLED" in client.get("/sessions/off/calendar.ics").data.decode()


def test_ics_folding_never_splits_a_character():
    line = "SUMMARY:" + "جلسة الاستماع; للجميع, " * 10
    folded = ics.fold(ics.escape_text(line))
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == ics.escape_text(line)
    assert ics.escape_text("a\\b;c,d\ne\x00") == "a\\\\b\\;c\\,d\\ne"


def test_hostile_text_is_stored_safely_and_shown_escaped(app, client):
    _sessions(app)
    response = client.post("/sessions/soon/register", data={
        "name": "<script>alert('x')</script>\u202eevil\x00", "email": "h@example.org",
        "dietary": "<img src=x onerror=alert(1)>", "preferred_language": "en"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    with app.app_context():
        registration = db.session.scalar(select(Registration))
        assert "\x00" not in registration.name and "\u202e" not in registration.name
        assert registration.name == "<script>alert('x')</script>evil"


def test_huge_fields_are_refused_with_a_clear_message(app, client):
    _sessions(app)
    response = client.post("/sessions/soon/register", data={
        "name": "x" * 100_000, "email": "big@example.org", "dietary": "y" * 100_000})
    assert response.status_code == 400
    assert "Please use at most 200 characters." in response.text
    assert "Please use at most 500 characters." in response.text
    with app.app_context():
        assert db.session.scalar(select(Registration)) is None


def test_interpretation_must_be_offered(app, client):
    _sessions(app)
    response = client.post("/sessions/soon/register", data={
        "name": "A", "email": "a@example.org", "interpretation_language": "ru"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Registration)) is None


def test_rate_limits_per_address_and_per_contact(make_app):
    app = make_app(REGISTRATION_LIMIT_PER_ADDRESS=(3, 3600), REGISTRATION_LIMIT_PER_CONTACT=(2, 3600))
    with app.app_context():
        from support import empty_tables

        empty_tables()
    _sessions(app)
    client = app.test_client()
    same = {"name": "A", "email": "same@example.org"}
    assert client.post("/sessions/soon/register", data=same).status_code == 303
    assert client.post("/sessions/soon/register", data=same).status_code == 200  # the existing one
    assert client.post("/sessions/soon/register", data=same).status_code == 429  # per contact
    assert client.post("/sessions/soon/register", data={"name": "B", "email": "b@example.org"}).status_code == 429
    other = app.test_client()
    response = other.post("/sessions/soon/register", data={"name": "C", "email": "c@example.org"},
                          environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert response.status_code == 303


def test_rate_limits_are_shared_by_every_worker_through_redis(make_app, redis_url):
    # Two apps stand for two gunicorn workers (or two servers behind a load balancer), with
    # one SECRET_KEY as in production (what is counted is stored as a keyed hash).
    shared = dict(REDIS_URL=redis_url, REGISTRATION_LIMIT_PER_CONTACT=(2, 3600), SECRET_KEY=os.urandom(16).hex())
    first = make_app(**shared)
    second = make_app(**shared)
    with first.app_context():
        from support import empty_tables

        empty_tables()
    _sessions(first)
    same = {"name": "A", "email": "shared@example.org"}
    assert first.test_client().post("/sessions/soon/register", data=same).status_code == 303
    assert second.test_client().post("/sessions/soon/register", data=same).status_code == 200  # the existing one
    assert first.test_client().post("/sessions/soon/register", data=same).status_code == 429  # counted together


def test_an_unreachable_rate_limit_store_never_stops_a_registration(make_app, caplog):
    app = make_app(RATELIMIT_STORAGE_URL="redis://127.0.0.1:9/0")  # nothing listens there
    with app.app_context():
        from support import empty_tables

        empty_tables()
    _sessions(app)
    response = app.test_client().post("/sessions/soon/register", data={"name": "A", "email": "a@example.org"})
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 1
    assert "rate limit store unreachable" in caplog.text
