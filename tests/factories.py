"""Test factories: a small session built through the organizers' services, and notetaker assignments."""
from datetime import timedelta

from app.extensions import db
from app.models import NotetakerAssignment
from app.models.types import utcnow
from app.services.sessions import organize


def make_session(app, *, slug="pilot", status="published", starts_in=timedelta(hours=-1), tables=2,
                 interpretation=("es",)):
    """A session with ``tables`` tables and two prompts (en + es), made through the organizers'
    services (as an organizer would, so that every check they make holds for test data too).
    Returns a dict of ids."""
    with app.app_context():
        engagement = organize.create_engagement(None, f"eng-{slug}", "en", {"en": "Pilot listening"})
        starts = utcnow() + starts_in
        session = organize.create_session(
            None, engagement.id,
            {"slug": slug, "starts_at": starts, "ends_at": starts + timedelta(hours=2),
             "timezone": "America/Los_Angeles", "venue_name": "Library", "venue_address": "1 Main St",
             "capacity": 30, "interpretation_languages": list(interpretation)},
            {"en": {"title": "Pilot session"}},
            tables=[f"Table {position}" for position in range(1, tables + 1)],
            prompts=[{"en": "Where do you feel safe?", "es": "¿Dónde se siente seguro?"},
                     {"en": "What should the city do?", "es": "¿Qué debe hacer la ciudad?"}],
        )
        if status in ("published", "closed", "cancelled"):
            organize.publish(None, session.id)
        if status == "closed":
            organize.close(None, session.id)
        elif status == "cancelled":
            organize.cancel(None, session.id)
        elif status not in ("draft", "published"):
            raise ValueError(f"no such session status: {status}")
        return {"session": session.id, "tables": [t.id for t in session.tables],
                "prompts": [p.id for p in session.prompts]}


def assign(app, user_id, table_id):
    with app.app_context():
        db.session.add(NotetakerAssignment(user_id=user_id, table_id=table_id))
        db.session.commit()
