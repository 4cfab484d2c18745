"""The public session list and home page are cached per language for a few seconds: a change
committed in this process shows at once, one made elsewhere within the TTL, and staff or
people with a message waiting never get the shared page."""
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update
from support import empty_tables

from app.extensions import db
from app.models import ListeningSession, Registration
from app.models.types import utcnow
from app.services.registration import registrations
from app.services.sessions import listing as sessions_service
from app.services.sessions import organize


class Clock:
    def __init__(self):
        self.now = 1000.0

    def monotonic(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    fake = Clock()
    monkeypatch.setattr(sessions_service, "time", fake)
    return fake


def _session(app, capacity=5, slug="library-night", title="Library night"):
    with app.app_context():
        engagement = organize.create_engagement(None, f"e-{slug}", "en", {"en": "Voices", "es": "Voces"})
        starts = utcnow() + timedelta(days=4)
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Library", venue_address="2 Oak St", capacity=capacity,
        ), {"en": {"title": title}, "es": {"title": "Noche en la biblioteca"}})
        organize.publish(None, session.id)
        return session.id


def _register(client, slug, number):
    response = client.post(f"/sessions/{slug}/register", data={
        "name": f"Resident {number}", "email": f"r{number}@example.org", "preferred_language": "en"})
    assert response.status_code == 303


@pytest.mark.parametrize("path", ["/", "/sessions"])
def test_a_registration_shows_in_seats_left_at_once(client, app, clock, path):
    _session(app, capacity=5)
    assert "5 seats left" in client.get(path).get_data(as_text=True)
    _register(client, "library-night", 1)
    page = client.get(path).get_data(as_text=True)
    assert "4 seats left" in page and "5 seats left" not in page


def test_a_change_from_another_process_shows_within_the_ttl(client, app, clock):
    session_id = _session(app, capacity=5)
    assert "5 seats left" in client.get("/sessions").get_data(as_text=True)
    # Another gunicorn worker sells two seats: this process's ORM session never sees it.
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(update(ListeningSession.__table__).where(ListeningSession.id == session_id)
                     .values(seats_taken=2))
    clock.now += 1
    assert "5 seats left" in client.get("/sessions").get_data(as_text=True)  # still within the TTL
    clock.now += app.config.get("HEARD_PUBLIC_CACHE_SECONDS", sessions_service.DEFAULT_CACHE_SECONDS)
    assert "3 seats left" in client.get("/sessions").get_data(as_text=True)


def test_a_service_change_in_this_process_shows_at_once(client, app, clock):
    session_id = _session(app, capacity=2)
    assert "Library night" in client.get("/").get_data(as_text=True)
    with app.app_context():
        for number in range(2):
            registrations.register(session_id, {"name": f"P{number}", "email": f"p{number}@example.org"})
    page = client.get("/").get_data(as_text=True)
    assert "Full: you can join the waitlist" in page
    with app.app_context():
        organize.cancel(None, session_id)
    assert "Cancelled" in client.get("/").get_data(as_text=True)


def test_languages_are_cached_apart(client, app, clock):
    _session(app)
    assert "Library night" in client.get("/sessions", headers={"Accept-Language": "en"}).get_data(as_text=True)
    spanish = client.get("/sessions", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Noche en la biblioteca" in spanish and 'lang="es"' in spanish


def test_staff_never_get_the_shared_page(client, app, clock, signed_in):
    _session(app)
    assert "Staff sign-in" in client.get("/sessions").get_data(as_text=True)  # cached for anonymous
    signed_in("organizer")
    page = client.get("/sessions").get_data(as_text=True)
    assert "Sign out" in page and "Staff sign-in" not in page


def test_the_cache_can_be_turned_off(make_app, clock):
    app = make_app(HEARD_PUBLIC_CACHE_SECONDS=0)
    with app.app_context():
        from support import empty_tables
        empty_tables()
    client = app.test_client()
    session_id = _session(app, capacity=5)
    assert "5 seats left" in client.get("/sessions").get_data(as_text=True)
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(update(ListeningSession.__table__).where(ListeningSession.id == session_id)
                     .values(seats_taken=1))
    assert "4 seats left" in client.get("/sessions").get_data(as_text=True)


# -- the registration form's session summary ---------------------------------------------

def test_a_session_cancelled_here_closes_its_form_at_once(client, app, clock):
    session_id = _session(app)
    assert 'name="email"' in client.get("/sessions/library-night/register").get_data(as_text=True)
    with app.app_context():
        organize.cancel(None, session_id)
    page = client.get("/sessions/library-night/register").get_data(as_text=True)
    assert "This session has been cancelled." in page and 'name="email"' not in page


def test_a_session_cancelled_elsewhere_takes_no_registration_even_while_its_form_is_cached(client, app, clock):
    session_id = _session(app)
    assert 'name="email"' in client.get("/sessions/library-night/register").get_data(as_text=True)
    # Another worker cancels it: this process still has the open form in its cache.
    with app.app_context(), db.engine.begin() as conn:
        conn.execute(update(ListeningSession.__table__).where(ListeningSession.id == session_id)
                     .values(status="cancelled"))
    response = client.post("/sessions/library-night/register", data={
        "name": "Late Resident", "email": "late@example.org", "preferred_language": "en"})
    assert response.status_code == 409
    assert "This session has been cancelled." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 0


def test_a_rush_of_registrations_reads_the_session_summary_once(client, app, clock):
    _session(app, capacity=50)
    summary_reads = []
    with app.app_context():
        engine = db.engine

    def count(_conn, _cursor, statement, *_args):
        if "WHERE listening_sessions.slug" in statement:  # the form finds its session by slug
            summary_reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        for number in range(5):
            _register(client, "library-night", number)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(summary_reads) == 1  # seats changed five times; the summary has no seats
    with app.app_context():
        assert db.session.scalar(select(ListeningSession.seats_taken)) == 5


def test_a_registration_shows_in_seats_left_at_once_when_nothing_else_commits(make_app, clock):
    """With a worker that sends the mail (``HEARD_QUEUE=db``, as in production), the
    registration's own commit is the request's last: it alone must empty the cached pages
    (on PostgreSQL that commit ends a statement sent in autocommit)."""
    app = make_app(HEARD_QUEUE="db")
    with app.app_context():
        empty_tables()
    client = app.test_client()
    _session(app, capacity=5)
    assert "5 seats left" in client.get("/sessions").get_data(as_text=True)
    _register(client, "library-night", 1)
    page = client.get("/sessions").get_data(as_text=True)
    assert "4 seats left" in page and "5 seats left" not in page
