"""A small engagement for the "close the loop" tests: a session held three days ago, notes in two
accepted themes and one suggested theme, the first theme linked to an action."""
from datetime import timedelta

from factories import make_session

from app.extensions import db
from app.models import ActionItem, ActionPlan, AnalysisRun, ListeningSession, Note, NoteTheme, Theme, ThemeLink, User


def build_loop(app):
    ids = make_session(app, slug="loop", starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        author = User(email="n@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        db.session.flush()
        notes = [Note(session_id=session.id, table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                      author_id=author.id, text=words, language="en", is_quote=True)
                 for words in ("The streets are dark.", "The 7 bus is late.", "More benches.")]
        db.session.add_all(notes)
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=3)
        db.session.add(run)
        db.session.flush()
        themes = {}
        for position, (label, status) in enumerate((("Dark streets", "accepted"), ("Buses late", "accepted"),
                                                    ("Benches", "suggested"))):
            theme = Theme(run_id=run.id, key=f"t{position}", position=position, machine_label=label, label=label,
                          status=status)
            db.session.add(theme)
            db.session.flush()
            db.session.add(NoteTheme(note_id=notes[position].id, theme_id=theme.id, assigned_by="machine"))
            themes[label] = theme.id
        plan = ActionPlan(engagement_id=session.engagement_id, title="Plan")
        item = ActionItem(position=1, number="1.1", goal="Safer streets", action_step="Fix the lamps",
                          departments="Public Works", status="in_progress")
        plan.items.append(item)
        db.session.add(plan)
        db.session.flush()
        db.session.add(ThemeLink(theme_id=themes["Dark streets"], action_item_id=item.id, status="confirmed"))
        db.session.commit()
        return {"run": run.id, "themes": themes, "item": item.id, "engagement": session.engagement_id,
                "session": session.id}
