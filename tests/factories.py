"""Test factories: a small session built through the models, and notetaker assignments."""
from datetime import timedelta

from app.extensions import db
from app.models import (
    Engagement,
    EngagementTranslation,
    ListeningSession,
    NotetakerAssignment,
    Prompt,
    PromptTranslation,
    SessionTable,
    SessionTranslation,
)
from app.models.types import utcnow


def make_session(app, *, slug="pilot", status="published", starts_in=timedelta(hours=-1), tables=2,
                 interpretation=("es",)):
    """A session with ``tables`` tables and two prompts (en + es). Returns a dict of ids."""
    with app.app_context():
        engagement = Engagement(slug=f"eng-{slug}", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Pilot listening"))
        starts = utcnow() + starts_in
        session = ListeningSession(
            engagement=engagement, slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone="America/Los_Angeles", venue_name="Library", venue_address="1 Main St", capacity=30,
            status=status, interpretation_languages=list(interpretation),
        )
        session.translations.append(SessionTranslation(language="en", title="Pilot session"))
        for position, (en, es) in enumerate([("Where do you feel safe?", "¿Dónde se siente seguro?"),
                                             ("What should the city do?", "¿Qué debe hacer la ciudad?")], start=1):
            prompt = Prompt(position=position)
            prompt.translations.append(PromptTranslation(language="en", text=en))
            prompt.translations.append(PromptTranslation(language="es", text=es))
            session.prompts.append(prompt)
        for position in range(1, tables + 1):
            session.tables.append(SessionTable(name=f"Table {position}", position=position))
        db.session.add(session)
        db.session.commit()
        return {"session": session.id, "tables": [t.id for t in session.tables],
                "prompts": [p.id for p in session.prompts]}


def assign(app, user_id, table_id):
    with app.app_context():
        db.session.add(NotetakerAssignment(user_id=user_id, table_id=table_id))
        db.session.commit()
