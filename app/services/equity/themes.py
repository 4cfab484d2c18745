"""Where each theme's notes come from: sessions, tables and languages, with a flag when a
theme rests on one language or one table. From the engagement's latest finished analysis run
(its stored themes and the notes assigned to them); notes are counted, never people."""
from dataclasses import dataclass, field

from sqlalchemy import select

from ...extensions import db
from ...models import AnalysisRun, Note, NoteTheme, Theme


@dataclass
class ThemeSources:
    theme: object
    notes: int = 0
    sessions: set = field(default_factory=set)
    tables: set = field(default_factory=set)
    languages: set = field(default_factory=set)

    @property
    def one_language(self):
        return self.notes > 1 and len(self.languages) <= 1

    @property
    def one_table(self):
        return self.notes > 1 and len(self.tables) <= 1


def latest_run(engagement_id):
    return db.session.scalar(
        select(AnalysisRun).where(AnalysisRun.engagement_id == engagement_id, AnalysisRun.status == "done")
        .order_by(AnalysisRun.id.desc()).limit(1))


def theme_sources(engagement_id):
    """[ThemeSources] of the latest finished run's themes that stand (accepted or suggested),
    in their order."""
    run = latest_run(engagement_id)
    if run is None:
        return []
    themes = db.session.scalars(
        select(Theme).where(Theme.run_id == run.id, Theme.status.in_(("accepted", "suggested")))
        .order_by(Theme.position, Theme.id)).all()
    found = {t.id: ThemeSources(t) for t in themes}
    if not found:
        return []
    for theme_id, session_id, table_id, language in db.session.execute(
            select(NoteTheme.theme_id, Note.session_id, Note.table_id, Note.language)
            .join(Note, NoteTheme.note_id == Note.id)
            .where(NoteTheme.theme_id.in_(list(found)), NoteTheme.excluded.is_(False), Note.deleted_at.is_(None))):
        item = found[theme_id]
        item.notes += 1
        item.sessions.add(session_id)
        item.tables.add(table_id)
        if language:
            item.languages.add(language)
    return list(found.values())
