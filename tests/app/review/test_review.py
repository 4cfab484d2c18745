"""Policy teams review machine themes, confirm links and publish; the public sees the chain
from quote to theme to clause to action."""
import pytest
from sqlalchemy import select
from support import publish_report

from app.extensions import db
from app.models import AnalysisRun, Note, NoteTheme, Report, Theme, ThemeLink


@pytest.fixture
def run_id(app, client, demo, signed_in):
    signed_in("analyst")
    with app.app_context():
        from app.models import Engagement

        engagement_id = db.session.scalar(select(Engagement.id))
    response = client.post("/review/", data={"engagement": engagement_id, "themes": "4"})
    assert response.status_code == 302
    with app.app_context():
        run = db.session.scalar(select(AnalysisRun))
        assert run.status == "done", run.error
        return run.id


def test_run_stores_machine_themes_tags_and_link_suggestions(app, run_id):
    with app.app_context():
        run = db.session.get(AnalysisRun, run_id)
        assert 1 <= len(run.themes) <= 4
        assignments = db.session.scalars(select(NoteTheme)).all()
        assert assignments and all(a.assigned_by == "machine" for a in assignments)
        # Every note at most once per run.
        note_ids = [a.note_id for a in assignments]
        assert len(note_ids) == len(set(note_ids))
        assert db.session.scalars(select(ThemeLink)).all()
        assert all(link.status == "suggested" for link in db.session.scalars(select(ThemeLink)))


def test_run_page_lists_themes(client, run_id, app):
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    with app.app_context():
        for theme in db.session.get(AnalysisRun, run_id).themes:
            assert theme.label in html


def test_bad_theme_count_is_refused_next_to_the_field(client, demo, signed_in):
    signed_in("analyst")
    response = client.post("/review/", data={"engagement": 1, "themes": "lots"})
    assert response.status_code == 200
    assert b'<p class="error" id="themes-error">' in response.data
    assert b'aria-invalid="true"' in response.data
    with client.application.app_context():
        assert db.session.scalar(select(AnalysisRun.id)) is None


def test_review_publish_and_public_chain(app, client, run_id):
    with app.app_context():
        theme = db.session.scalars(select(Theme).where(Theme.run_id == run_id)).first()
        theme_id = theme.id
        link = db.session.scalars(select(ThemeLink).where(ThemeLink.theme_id == theme_id)).first()
        link_id = link.id
        notes = db.session.scalars(select(Note).join(NoteTheme).where(NoteTheme.theme_id == theme_id)).all()
        quote = next(n for n in notes if n.is_quote)
        secret = notes[0] if notes[0].id != quote.id else notes[1]
        secret.is_sensitive, secret.is_quote = True, True
        secret_text = secret.text
        # The report shows a few of the theme's quotes (representative ones first), never a sensitive one.
        quote_texts = [n.text for n in notes if n.is_quote and not n.is_sensitive]
        db.session.commit()

    # Publishing with no accepted theme is refused.
    response = publish_report(client, run_id, {"title": "What We Heard"})
    assert b"Accept at least one theme" in response.data

    response = client.post(f"/review/themes/{theme_id}", data={"label": "Lights on the way home", "summary": "",
                                                              "status": "accepted"})
    assert response.status_code == 302
    client.post(f"/review/themes/{theme_id}/links", data={"link_id": link_id, "decision": "confirmed",
                                                         "stance": "supports"})
    response = publish_report(client, run_id, {"title": "What We Heard in Maple Valley", "introduction": "Thank you."})
    assert response.status_code == 302

    with app.app_context():
        report = db.session.scalar(select(Report))
        assert report.status == "published"
        link = db.session.get(ThemeLink, link_id)
        assert (link.status, link.stance) == ("confirmed", "supports")
        target_text = link.clause.text if link.clause else link.action_item.action_step
        report_id = report.id

    public = app.test_client()
    html = public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "Lights on the way home" in html
    shown = [t for t in quote_texts if t in html or t.replace("'", "&#39;") in html]
    assert 1 <= len(shown) <= 3, (len(quote_texts), shown)
    assert secret_text not in html
    assert target_text in html
    assert "What We Heard in Maple Valley" in public.get("/reports/").get_data(as_text=True)
    progress = public.get("/progress").get_data(as_text=True)
    assert "Survey lighting" in progress


def test_person_moves_a_note_and_it_is_recorded(app, client, run_id):
    with app.app_context():
        themes = db.session.scalars(select(Theme).where(Theme.run_id == run_id)).all()
        if len(themes) < 2:
            pytest.skip("the analysis found a single theme")
        source, target = themes[0], themes[1]
        note_id = source.assignments[0].note_id
        source_id, target_id = source.id, target.id
    client.post(f"/review/themes/{source_id}/move", data={"note_id": note_id, "theme": target_id})
    with app.app_context():
        moved = db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == target_id))
        assert moved.assigned_by == "person" and moved.user_id is not None
        assert db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id, NoteTheme.theme_id == source_id)) is None


def test_unpublished_report_is_not_public(app, client, run_id):
    client.post(f"/review/runs/{run_id}/report", data={"title": "Draft"})
    with app.app_context():
        report_id = db.session.scalar(select(Report.id))
    assert app.test_client().get(f"/reports/{report_id}").status_code == 404


def test_notetaker_cannot_review(client, signed_in):
    signed_in("notetaker")
    assert client.get("/review/").status_code == 403


def test_move_needs_a_chosen_target_and_unassigns_only_when_asked(app, client, run_id):
    with app.app_context():
        source = db.session.scalars(select(Theme).where(Theme.run_id == run_id)).first()
        note_id, source_id = source.assignments[0].note_id, source.id
    page = client.get(f"/review/themes/{source_id}").get_data(as_text=True)
    assert '<option value="">Choose a theme</option>' in page  # the select starts on no target
    response = client.post(f"/review/themes/{source_id}/move", data={"note_id": note_id, "theme": ""},
                           follow_redirects=True)
    assert "Choose a theme from the same analysis." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id,
                                                         NoteTheme.theme_id == source_id)) is not None
    client.post(f"/review/themes/{source_id}/move", data={"note_id": note_id, "theme": "none"})
    with app.app_context():
        assert db.session.scalar(select(NoteTheme).where(NoteTheme.note_id == note_id,
                                                         NoteTheme.theme_id == source_id)) is None
