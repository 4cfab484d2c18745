"""Organizers reach each session's notes and notetaker pages from their home page."""
from sqlalchemy import select

from app.extensions import db
from app.models import ListeningSession


def test_organizer_home_links_to_notes_and_notetakers(app, client, demo, signed_in):
    signed_in("organizer")
    html = client.get("/admin/").get_data(as_text=True)
    with app.app_context():
        ids = db.session.scalars(select(ListeningSession.id)).all()
    assert ids
    for session_id in ids:
        assert f'href="/admin/sessions/{session_id}/notes"' in html
        assert f'href="/admin/sessions/{session_id}/notetakers"' in html
        assert client.get(f"/admin/sessions/{session_id}/notes").status_code == 200
        assert client.get(f"/admin/sessions/{session_id}/notetakers").status_code == 200
