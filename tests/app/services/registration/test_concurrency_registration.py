"""Race claims, tested the way they happen: real threads against a threaded live server.

600 people register for 100 seats at once; 10 people cancel at once with 50 waiting.
Runs on SQLite (BEGIN IMMEDIATE) and on PostgreSQL (DATABASE_URL) alike.
"""
import http.client
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import ListeningSession, OutboxMessage, Registration
from app.models.types import utcnow
from app.services.registration import registrations
from app.services.sessions import organize

pytestmark = pytest.mark.slow


def _session(app, capacity):
    with app.app_context():
        engagement = organize.create_engagement(None, "race", "en", {"en": "Race"})
        starts = utcnow() + timedelta(days=3)
        session = organize.create_session(None, engagement.id, dict(
            slug="crowded", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Hall", venue_address="1 Main St", capacity=capacity,
        ), {"en": {"title": "Crowded session"}})
        organize.publish(None, session.id)
        return session.id


def _post(base, path, fields):
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    try:
        connection.request("POST", path, body=urlencode(fields, doseq=True),
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location")
    finally:
        connection.close()


def _tally(app, session_id):
    with app.app_context():
        rows = dict(db.session.execute(select(Registration.status, func.count()).where(
            Registration.session_id == session_id).group_by(Registration.status)).all())
        taken = db.session.get(ListeningSession, session_id).seats_taken
        return rows, taken


def test_600_concurrent_registrations_for_100_seats(app, live_server):
    session_id = _session(app, capacity=100)

    def register(number):
        return _post(live_server.url, "/sessions/crowded/register", {
            "name": f"Resident {number}", "email": f"resident{number}@example.org", "preferred_language": "en",
        })

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(register, range(600)))

    statuses = [status for status, _location in results]
    assert statuses.count(303) == 600, {s: statuses.count(s) for s in set(statuses)}
    rows, taken = _tally(app, session_id)
    assert rows == {"confirmed": 100, "waitlisted": 500}
    assert taken == 100
    with app.app_context():
        kinds = dict(db.session.execute(select(OutboxMessage.kind, func.count()).group_by(OutboxMessage.kind)).all())
        assert kinds == {"confirmation": 100, "waitlisted": 500}
        # Waitlist positions are 1..500, each once.
        waiting = db.session.scalars(select(Registration).where(Registration.status == "waitlisted")).all()
        assert sorted(registrations.waitlist_position(r) for r in waiting) == list(range(1, 501))


def test_10_concurrent_cancellations_promote_10_in_order_each_once(app, live_server):
    session_id = _session(app, capacity=10)
    tokens = []
    for number in range(60):  # sequential: the order of arrival is known
        status, location = _post(live_server.url, "/sessions/crowded/register", {
            "name": f"Person {number}", "email": f"p{number}@example.org", "preferred_language": "es"})
        assert status == 303
        tokens.append(re.search(r"/r/([^?]+)", location).group(1))
    assert _tally(app, session_id) == ({"confirmed": 10, "waitlisted": 50}, 10)

    with ThreadPoolExecutor(max_workers=10) as pool:
        results = list(pool.map(lambda token: _post(live_server.url, f"/r/{token}/cancel", {"confirm": "y"}),
                                tokens[:10]))
    assert [status for status, _ in results] == [303] * 10

    rows, taken = _tally(app, session_id)
    assert rows == {"cancelled": 10, "confirmed": 10, "waitlisted": 40}
    assert taken == 10
    with app.app_context():
        confirmed = db.session.scalars(select(Registration.email_key).where(
            Registration.status == "confirmed")).all()
        assert sorted(confirmed) == sorted(f"p{n}@example.org" for n in range(10, 20))
        promoted = db.session.scalars(select(OutboxMessage.registration_id).where(
            OutboxMessage.kind == "promoted")).all()
        assert len(promoted) == 10 and len(set(promoted)) == 10
        first_waiting = db.session.scalar(select(Registration).where(
            Registration.email_key == "p20@example.org"))
        assert registrations.waitlist_position(first_waiting) == 1


def test_double_click_and_resubmit_create_one_registration(app, live_server):
    session_id = _session(app, capacity=5)
    same = {"name": "Clicker", "email": "Click@Example.org", "preferred_language": "en"}
    # Eight at once (under the per-contact rate limit of ten an hour).
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _n: _post(live_server.url, "/sessions/crowded/register", same), range(8)))
    statuses = [status for status, _location in results]
    assert set(statuses) <= {200, 303} and statuses.count(303) == 1, statuses
    assert _tally(app, session_id) == ({"confirmed": 1}, 1)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 1
