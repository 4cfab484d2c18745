"""Organizers create, edit, publish and cancel sessions; content in several languages."""
from datetime import date, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import ListeningSession, OutboxMessage, Prompt, Registration
from app.services.sessions import organize


def _engagement(app):
    with app.app_context():
        return organize.create_engagement(None, "north", "en", {"en": "North side", "es": "Lado norte"}).id


def _form(engagement_id, **extra):
    day = date.today() + timedelta(days=20)
    data = {
        "engagement_id": engagement_id, "slug": "north-library", "day": day.isoformat(),
        "start_time": "18:00", "end_time": "20:00", "timezone": "America/Los_Angeles",
        "venue_name": "North Library", "venue_address": "9 Birch Way", "capacity": "30",
        "interpretation_languages": ["es", "vi"], "childcare_offered": "y", "wheelchair_accessible": "y",
        "tables": "Table A\nTable B\nTable A",
        "title_en": "Evening at North Library", "description_en": "Talk with neighbors.",
        "prompts_en": "What keeps you safe?\nWhat would help?",
        "title_es": "Tarde en la Biblioteca Norte", "prompts_es": "¿Qué le mantiene seguro?\n¿Qué ayudaría?",
    }
    data.update(extra)
    return data


def test_create_edit_publish_with_translations_and_fallback_flags(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/sessions/new", data=_form(engagement_id))
    assert response.status_code == 303, response.text[:3000]
    with app.app_context():
        session = db.session.scalar(select(ListeningSession))
        assert session.status == "draft" and session.capacity == 30
        assert session.starts_at.hour == 2  # 18:00 in Los Angeles (PST) is 02:00 UTC the next day
        assert [t.name for t in session.tables] == ["Table A", "Table B"]
        assert {t.language for t in session.translations} == {"en", "es"}
        prompts = db.session.scalars(select(Prompt).order_by(Prompt.position)).all()
        assert [sorted(t.language for t in p.translations) for p in prompts] == [["en", "es"], ["en", "es"]]
        session_id = session.id
    overview = client.get(f"/admin/sessions/{session_id}").text
    assert overview.count("missing: residents see the default language") == 7  # 9 languages, 2 filled
    # Not public until published.
    assert client.get("/sessions/north-library").status_code == 404
    client.post(f"/admin/sessions/{session_id}/publish")
    # A Vietnamese reader sees the English title, marked with lang="en".
    client.get("/language/vi")
    page = client.get("/sessions/north-library").text
    assert '<bdi lang="en" dir="ltr">Evening at North Library</bdi>' in page
    client.get("/language/es")
    assert "Tarde en la Biblioteca Norte" in client.get("/sessions/north-library").text
    # Edit: the form comes back filled in, and saving keeps the venue's local time.
    form_page = client.get(f"/admin/sessions/{session_id}/edit").text
    assert 'value="18:00"' in form_page and "Tarde en la Biblioteca Norte" in form_page
    response = client.post(f"/admin/sessions/{session_id}/edit", data=_form(engagement_id, capacity="40", title_es=""))
    assert response.status_code == 303
    with app.app_context():
        session = db.session.get(ListeningSession, session_id)
        assert session.capacity == 40 and {t.language for t in session.translations} == {"en"}


def test_invalid_session_form_shows_errors_next_to_fields(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/sessions/new", data=_form(engagement_id, slug="Bad Slug!", end_time="17:00"))
    assert response.status_code == 400
    assert 'id="slug-error"' in response.text
    response = client.post("/admin/sessions/new", data=_form(engagement_id, title_en="", title_es=""))
    assert response.status_code == 400 and "at least one language" in response.text
    with app.app_context():
        assert db.session.scalar(select(ListeningSession)) is None


def test_cancelling_a_session_notifies_each_registrant_once(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    client.post("/admin/sessions/new", data=_form(engagement_id, capacity="1"))
    with app.app_context():
        session_id = db.session.scalar(select(ListeningSession.id))
    client.post(f"/admin/sessions/{session_id}/publish")
    for n in range(3):
        client.post("/sessions/north-library/register", data={
            "name": f"P{n}", "email": f"p{n}@example.org", "preferred_language": "es"})
    assert client.post(f"/admin/sessions/{session_id}/cancel", data={}).status_code == 303
    with app.app_context():
        assert db.session.get(ListeningSession, session_id).status == "published"  # not confirmed: nothing done
    client.post(f"/admin/sessions/{session_id}/cancel", data={"confirm": "y"})
    client.post(f"/admin/sessions/{session_id}/cancel", data={"confirm": "y"})
    with app.app_context():
        assert db.session.get(ListeningSession, session_id).status == "cancelled"
        notices = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "session_cancelled")).all()
        assert sorted(m.recipient for m in notices) == ["p0@example.org", "p1@example.org", "p2@example.org"]
    page = client.get("/sessions/north-library").text
    assert "Cancelled" in page and "/sessions/north-library/register" not in page


def test_raising_capacity_promotes_the_waitlist(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    client.post("/admin/sessions/new", data=_form(engagement_id, capacity="1"))
    with app.app_context():
        session_id = db.session.scalar(select(ListeningSession.id))
    client.post(f"/admin/sessions/{session_id}/publish")
    for n in range(3):
        client.post("/sessions/north-library/register", data={"name": f"P{n}", "email": f"p{n}@example.org"})
    client.post(f"/admin/sessions/{session_id}/edit", data=_form(engagement_id, capacity="2"))
    with app.app_context():
        statuses = dict(db.session.execute(select(Registration.email_key, Registration.status)).all())
        assert statuses == {"p0@example.org": "confirmed", "p1@example.org": "confirmed",
                            "p2@example.org": "waitlisted"}
        assert db.session.get(ListeningSession, session_id).seats_taken == 2
    # Capacity below the seats already held is refused.
    response = client.post(f"/admin/sessions/{session_id}/edit", data=_form(engagement_id, capacity="1"))
    assert response.status_code == 400 and "capacity cannot be lower" in response.text


def test_analysts_and_notetakers_cannot_reach_organizer_pages(app, client, signed_in):
    signed_in("analyst")
    assert client.get("/admin/sessions/new").status_code == 403
    assert client.get("/admin/sessions/1/roster").status_code == 403
    assert client.get("/admin/sessions/1/roster.csv").status_code == 403
    assert client.get("/admin/registrations/1").status_code == 403


def _dated_sessions(app):
    """Sessions whose order by creation, by start and by status all differ."""
    from app.models.types import utcnow

    with app.app_context():
        engagement_id = organize.create_engagement(None, "dates", "en", {"en": "Dates"}).id
        now = utcnow()
        for slug, days, status in (("long-ago", -60, "published"), ("next-month", 30, "draft"),
                                   ("last-week", -7, "cancelled"), ("tomorrow", 1, "published"),
                                   ("yesterday", -1, "published"), ("next-week", 7, "published")):
            starts = now + timedelta(days=days)
            session = organize.create_session(None, engagement_id, dict(
                slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
                venue_name="Hall", venue_address="1 Main St", capacity=10),
                {"en": {"title": f"Session {slug}"}})
            if status != "draft":
                organize.publish(None, session.id)
            if status == "cancelled":
                organize.cancel(None, session.id)


def test_organizers_see_upcoming_sessions_first_then_past_ones(app, client, signed_in):
    _dated_sessions(app)
    signed_in("organizer")
    page = client.get("/admin/").text
    upcoming_at, past_at = page.index('id="sessions-upcoming"'), page.index('id="sessions-past"')
    order = sorted(("tomorrow", "next-week", "next-month", "yesterday", "last-week", "long-ago"),
                   key=lambda slug: page.index(f"Session {slug}<"))
    assert order == ["tomorrow", "next-week", "next-month", "yesterday", "last-week", "long-ago"]
    assert upcoming_at < page.index("Session tomorrow<") < page.index("Session next-month<")
    assert page.index("Session next-month<") < past_at
    assert past_at < page.index("Session yesterday<")
    assert page.count('<td class="cell-status">') == 6  # the cell that must not break a word


def test_organizers_home_without_past_or_upcoming_sessions(app, client, signed_in):
    signed_in("organizer")
    assert "No sessions yet." in client.get("/admin/").text
    with app.app_context():
        from app.models.types import utcnow

        engagement_id = organize.create_engagement(None, "old", "en", {"en": "Old"}).id
        starts = utcnow() - timedelta(days=3)
        organize.create_session(None, engagement_id, dict(
            slug="old", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="Hall", venue_address="1 Main St", capacity=10),
            {"en": {"title": "Session old"}})
    page = client.get("/admin/").text
    assert "No upcoming sessions." in page
    assert page.index("No upcoming sessions.") < page.index("Session old")


def test_a_session_or_engagement_that_does_not_exist_is_not_found(app, client, signed_in):
    """The services raise NotFound; the app's error handler answers 404, no view catches it."""
    import pytest

    from app.services import NotFound

    with app.test_request_context():
        with pytest.raises(NotFound):
            organize.get_session(999_999)
        with pytest.raises(NotFound):
            organize.get_engagement(999_999)
        with pytest.raises(NotFound):
            organize.publish(None, 999_999)
    signed_in("organizer")
    for url in ("/admin/sessions/999999", "/admin/sessions/999999/edit", "/admin/engagements/999999/equity",
                "/admin/engagements/999999/equity.csv"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page not found" in response.text
    assert client.post("/admin/sessions/999999/publish").status_code == 404


def test_a_title_missing_in_every_language_goes_on_the_default_title(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/sessions/new", data=_form(engagement_id, title_en="", title_es=""))
    assert response.status_code == 400
    assert 'id="title_en-error"' in response.text
    assert "Give the session a title in at least one language." in response.text
