"""`flask demo load --size large` seeds an engagement at real size (here made small)."""
from sqlalchemy import func, select

from app.demo import engagement as demo
from app.demo import large
from app.extensions import db
from app.models import AnalysisRun, Engagement, ListeningSession, Note, NoteTheme, Report, Theme, ThemeLink


def test_the_large_series_has_its_sessions_notes_themes_and_a_published_version(app):
    with app.app_context():
        demo.load(full=False)
        engagement_id = large.load_large(n_notes=240)
        assert engagement_id is not None and large.load_large(n_notes=240) is None  # loads once
        engagement = db.session.get(Engagement, engagement_id)
        assert engagement.timezone == "America/Los_Angeles"
        of_engagement = ListeningSession.engagement_id == engagement_id
        assert db.session.scalar(select(func.count(ListeningSession.id)).where(of_engagement)) == 6
        assert db.session.scalar(select(func.count(Note.id)).join(Note.session).where(of_engagement)) == 240
        languages = set(db.session.scalars(select(Note.language).join(Note.session).where(of_engagement)))
        assert len(languages) >= 5
        run = db.session.scalar(select(AnalysisRun).where(AnalysisRun.engagement_id == engagement_id))
        placed = db.session.scalar(select(func.count(NoteTheme.id)).join(Theme).where(Theme.run_id == run.id))
        assert 0 < placed < 240  # some notes stay in no theme, as after a real run
        assert db.session.scalar(select(func.count(ThemeLink.id)).join(Theme).where(Theme.run_id == run.id)) > 0
        report = db.session.scalar(select(Report).where(Report.engagement_id == engagement_id))
        assert report.status == "published" and [v.number for v in report.versions] == [1]
