"""The demo engagement carries the whole chain, so a newcomer meets every page with content:
notes in many languages, a draft resolution, an action plan, a reviewed analysis run with
confirmed links, and a published report. Loading it again adds nothing."""
from datetime import date

from markupsafe import escape
from sqlalchemy import distinct, func, select

from app.demo import engagement as demo
from app.demo import policy as demo_policy
from app.demo.notes import TOPICS, demo_notes
from app.extensions import db
from app.models import (
    RESPONSE_STATES,
    ActionItem,
    AnalysisRun,
    AuditEntry,
    ListeningSession,
    Note,
    OutboxMessage,
    Registration,
    Report,
    ReportVersion,
    Resolution,
    Theme,
    ThemeLink,
    ThemeResponse,
)
from app.models.plans import LINK_STANCES
from app.services.policy import clause_splitting, commitments


def _counts():
    models = (Note, Registration, Resolution, ActionItem, AnalysisRun, Theme, ThemeLink, Report, ReportVersion,
              AuditEntry, ListeningSession, ThemeResponse, OutboxMessage)
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in models}


def test_demo_notes_are_many_distinct_and_multilingual():
    notes = demo_notes()
    assert len(notes) >= 300
    assert len({n["text"] for n in notes}) == len(notes)  # no note twice
    assert len({n["key"] for n in notes}) == len(notes)
    languages = {n["language"] for n in notes}
    assert len(languages - {"en"}) >= 4
    for note in notes:  # every note in another language carries its English translation
        assert (note["language"] == "en") == (note["translation_en"] is None), note["text"]
    assert sum(n["is_quote"] for n in notes) >= 30
    assert 1 <= sum(n["is_sensitive"] for n in notes) <= 15
    places = {(n["session"], n["table"]) for n in notes}
    assert len({session for session, _table in places}) == 3 and len(places) == 12
    assert {n["prompt"] for n in notes} == {1, 2, 3}
    assert set(demo_policy.THEME_REVIEW) == set(TOPICS) == set(demo_policy.TOPIC_PLACES)


def test_demo_resolution_and_plan_read_like_the_real_thing(app, demo, client, signed_in):
    split = clause_splitting.split(demo_policy.RESOLUTION_TEXT)
    assert split.number == demo_policy.RESOLUTION_NUMBER and split.title == demo_policy.RESOLUTION_TITLE
    with app.app_context():
        notes = db.session.scalars(select(Note)).all()
        assert len(notes) >= 300
        assert db.session.scalar(select(func.count(distinct(Note.language)))) >= 5
        assert db.session.scalar(select(func.count(distinct(Note.session_id)))) == 3
        assert any(n.is_quote for n in notes) and any(n.is_sensitive for n in notes)

        resolution = db.session.scalar(select(Resolution).where(Resolution.number == demo_policy.RESOLUTION_NUMBER))
        kinds = [c.kind for c in resolution.clauses]
        assert kinds.count("whereas") >= 3 and kinds.count("resolved") >= 2 and kinds.count("section") >= 5
        assert resolution.clauses[0].label == "Whereas 1"
        assert "Section 4" in [c.label for c in resolution.clauses]

        items = db.session.scalars(select(ActionItem).order_by(ActionItem.plan_id, ActionItem.position)).all()
        numbers = [i.number for i in items]
        assert "1.3.2" in numbers and "4.1.1" in numbers
        assert numbers.index("1.3") < numbers.index("1.3.1") < numbers.index("1.3.2") < numbers.index("2.1")
        assert {i.status for i in items} == {"not_started", "planning", "in_progress", "ongoing", "complete",
                                             "excluded"}
        overdue = [i for i in items if commitments.is_overdue(i, today=date.today())]
        assert overdue and all(i.status not in ("complete", "excluded") for i in overdue)
        # Tests get no attendance or analysis run unless they ask: tests of runs start from a clean slate.
        assert db.session.scalar(select(AnalysisRun.id)) is None
        assert db.session.scalar(select(Registration.id)) is None
    signed_in("organizer")
    html = client.get("/admin/policy").get_data(as_text=True)
    assert "Survey lighting on the ten busiest walking routes" in html
    assert "Resolution on belonging and neighborhood safety" in html


def test_demo_runs_reviews_links_and_publishes_and_a_second_load_adds_nothing(app, client):
    with app.app_context():
        assert demo.load(full=True) is True
        run = db.session.scalar(select(AnalysisRun))
        assert run.status == "done", run.error
        accepted = [t for t in run.themes if t.status == "accepted"]
        names = {label for label, _statement, _links in demo_policy.THEME_REVIEW.values()}
        assert len(accepted) >= 8
        assert {t.label for t in accepted} <= names  # renamed by the analyst, with a statement
        assert all(t.summary for t in accepted)
        assert any(t.label != t.machine_label for t in accepted)
        links = db.session.scalars(select(ThemeLink).where(ThemeLink.status == "confirmed")).all()
        assert len(links) >= len(accepted)
        assert all(link.stance in LINK_STANCES and link.decided_by_id for link in links)
        assert {link.stance for link in links} >= {"supports", "change", "concern"}
        assert {t.theme_id for t in links} == {t.id for t in accepted}  # every accepted theme is linked
        assert any(link.clause_id for link in links) and any(link.action_item_id for link in links)
        report = db.session.scalar(select(Report))
        assert report.status == "published" and report.title == demo_policy.REPORT_TITLE
        snapshot = report.versions[-1].snapshot
        theme = next(t for t in snapshot["themes"] if t["quotes"])
        quote = theme["quotes"][0]["text"]
        assert not db.session.scalar(select(Note).where(Note.text == quote)).is_sensitive
        sensitive = db.session.scalars(select(Note.text).where(Note.is_sensitive.is_(True))).all()
        assert snapshot["totals"]["attendance"] > 60
        held = db.session.scalars(select(ListeningSession).where(ListeningSession.slug == "senior-center")).one()
        assert db.session.scalar(select(func.count()).where(Registration.session_id == held.id,
                                                            Registration.status == "attended")) > 20
        report_id, label = report.id, theme["label"]
        # The loop is closed: the themes are answered and the residents who asked got
        # "you said, we did" in their languages (the outbox holds them, sent).
        answered = db.session.scalars(select(ThemeResponse)).all()
        assert len(answered) >= 6 and {r.state for r in answered} == set(RESPONSE_STATES)
        digests = db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()
        assert len({m.language for m in digests}) >= 5 and all(m.status == "sent" for m in digests)
        assert {m.channel for m in digests} == {"email", "sms"}
        before = _counts()

        assert demo.load(full=True) is False
        assert _counts() == before

    index = client.get("/reports/").get_data(as_text=True)
    assert demo_policy.REPORT_TITLE in index and f"/reports/{report_id}" in index
    page = client.get(f"/reports/{report_id}").get_data(as_text=True)
    assert label in page
    assert str(escape(quote)) in page
    assert sensitive and not any(str(escape(text)) in page for text in sensitive)
