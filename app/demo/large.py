"""A city series at real size, for measuring the policy team's pages: ``flask demo load --size
large`` adds, beside the demo, an engagement of six held sessions with 2,000 notes in nine
languages, its resolution and action plan, a finished analysis whose themes are seeded as the
analysis and a team would leave them (so nobody waits for the analysis to measure a page), and a
published first version of its report.

The notes are the demo's notes (``demo_notes``) taken again at six sessions of eight tables,
numbered so that no two read the same. Loading twice adds nothing.
"""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..extensions import db
from ..models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Note,
    NoteTheme,
    Prompt,
    PromptTranslation,
    Resolution,
    ResolutionClause,
    SessionTable,
    SessionTranslation,
    Theme,
    ThemeLink,
)
from ..models.types import utcnow
from ..services.reports import snapshots
from . import engagement as demo
from .notes import TOPICS

SLUG = "city-series-2027"
TZ = "America/Los_Angeles"
N_NOTES = 2000
N_SESSIONS = 6
TABLES = 8
UNPLACED_EVERY = 12  # one note in twelve stays in no theme, as after a real run
NAMES = {"en": "City listening series 2027", "es": "Serie de escucha de la ciudad 2027"}
VENUES = ["Eastside Library", "Riverside Center", "Lincoln Gym", "Senior Center", "Northgate Commons",
          "City Hall Atrium"]


def load_large(now=None, *, n_notes=N_NOTES, n_sessions=N_SESSIONS):
    """Add the large engagement (see the module docstring); returns its id, or None if present."""
    if db.session.scalar(select(Engagement.id).where(Engagement.slug == SLUG)) is not None:
        return None
    now = now or utcnow()
    users, _added = demo._users()
    engagement = Engagement(slug=SLUG, default_language="en", organization="City of Maple Valley", timezone=TZ)
    for code, name in NAMES.items():
        engagement.translations.append(EngagementTranslation(language=code, name=name, description=""))
    db.session.add(engagement)
    db.session.flush()
    sessions = _sessions(engagement, now, n_sessions)
    notes = _notes(sessions, users["notetaker"], n_notes)
    db.session.commit()
    demo._resolution(users["organizer"], engagement)
    demo._plan(users["organizer"], engagement, now)
    run = _run(engagement, notes, now)
    _links(engagement, run)
    db.session.commit()
    snapshots.save_report(users["analyst"], run, title="What We Heard across the city",
                        introduction="Six evenings, nine languages, two thousand notes.", publish=True)
    # Work after the first version, so that publishing the next one has changes to show.
    themes = snapshots.accepted_themes(run.id)
    themes[0].label = themes[0].label + " (renamed)"
    themes[-1].status = "rejected"
    db.session.commit()
    return engagement.id


def _sessions(engagement, now, count):
    zone = ZoneInfo(TZ)
    today = now.astimezone(zone).date()
    out = []
    for index in range(count):
        starts = datetime.combine(today - timedelta(days=7 * (count - index)), time(18, 0), tzinfo=zone)
        session = ListeningSession(
            slug=f"{SLUG}-{index + 1}", engagement=engagement, starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone=TZ, venue_name=VENUES[index % len(VENUES)], venue_address="Maple Valley", capacity=120,
            status="closed", interpretation_languages=["es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"])
        session.translations.append(SessionTranslation(language="en", title=f"Listening evening {index + 1}"))
        session.translations.append(SessionTranslation(language="es", title=f"Noche de escucha {index + 1}"))
        for position, texts in enumerate(demo.PROMPTS, start=1):
            prompt = Prompt(position=position)
            for code, text in texts.items():
                prompt.translations.append(PromptTranslation(language=code, text=text))
            session.prompts.append(prompt)
        for position in range(1, TABLES + 1):
            session.tables.append(SessionTable(name=f"Table {position}", position=position))
        db.session.add(session)
        out.append(session)
    db.session.flush()
    return out


def _notes(sessions, author, count):
    """``count`` notes: [(note, topic)], spread over every table of every session."""
    entries = [(topic, entry) for topic, items in TOPICS.items() for entry in items]
    out = []
    for index in range(count):
        topic, (prompt, language, text, translation, flags) = entries[index % len(entries)]
        session = sessions[index % len(sessions)]
        table = session.tables[(index // len(sessions)) % TABLES]
        note = Note(session_id=session.id, table_id=table.id, prompt_id=session.prompts[prompt - 1].id,
                    author_id=author.id, text=f"{text} ({index + 1})", language=language, translation_en=translation,
                    is_quote="q" in flags, is_sensitive="s" in flags, client_id=f"{SLUG}-{index:05d}",
                    created_at=session.starts_at + timedelta(minutes=5 + (index % 100)))
        db.session.add(note)
        out.append((note, topic))
    db.session.flush()
    return out


def _run(engagement, notes, now):
    """A finished run: a theme per topic and prompt, accepted, holding the notes about it."""
    run = AnalysisRun(engagement_id=engagement.id, status="done", stage="done", progress=100, note_count=len(notes),
                      created_at=now - timedelta(hours=2), started_at=now - timedelta(hours=2),
                      finished_at=now - timedelta(hours=2) + timedelta(minutes=3))
    db.session.add(run)
    db.session.flush()
    themes = {}
    positions = dict(db.session.execute(select(Prompt.id, Prompt.position)).all())
    for index, (note, topic) in enumerate(notes):
        if index % UNPLACED_EVERY == UNPLACED_EVERY - 1:
            continue
        prompt = positions[note.prompt_id]
        key = (topic, prompt)
        if key not in themes:
            label = f"{topic.replace('_', ' ').capitalize()}: prompt {prompt}"
            themes[key] = Theme(run_id=run.id, key=f"t{len(themes) + 1}", position=len(themes) + 1,
                                machine_label=label, label=label, keywords=[topic], status="accepted",
                                summary=f"What people said about {topic.replace('_', ' ')}.")
            db.session.add(themes[key])
            db.session.flush()
        db.session.add(NoteTheme(note_id=note.id, theme_id=themes[key].id, assigned_by="machine",
                                 representative=index < len(notes) // 20))
    db.session.flush()
    return run


def _links(engagement, run):
    """Confirmed links from about two themes in three to a clause and an action of the plan."""
    clauses = db.session.scalars(select(ResolutionClause).join(Resolution)
                                 .where(Resolution.engagement_id == engagement.id)).all()
    actions = db.session.scalars(select(ActionItem).join(ActionPlan)
                                 .where(ActionPlan.engagement_id == engagement.id)).all()
    stances = ("supports", "concern", "change")
    for index, theme in enumerate(snapshots.accepted_themes(run.id)):
        if index % 3 == 2:
            continue
        if clauses:
            db.session.add(ThemeLink(theme_id=theme.id, clause_id=clauses[index % len(clauses)].id,
                                     status="confirmed", stance=stances[index % 3]))
        if actions:
            db.session.add(ThemeLink(theme_id=theme.id, action_item_id=actions[(index * 7) % len(actions)].id,
                                     status="confirmed", stance=stances[(index + 1) % 3]))
