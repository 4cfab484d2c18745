"""Analysis runs as a policy team meets them: choose sessions, watch progress, compare runs,
and place new notes in a reviewed theme set without losing the review."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AnalysisRun,
    AuditEntry,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Note,
    NoteTag,
    NoteTheme,
    SessionTable,
    SessionTranslation,
    Theme,
)
from app.models.types import utcnow

HOUSING = [
    "The rent went up again and our landlord wants us out of the apartment",
    "Rent is too high, families are being evicted from their apartments",
    "We need affordable housing, the rent takes half of my pay",
    "Our landlord ignores repairs and raises the rent every year",
    "Eviction notices are everywhere, rent control would keep families housed",
    "Landlords raise the rent and families lose their apartments",
]
TRANSIT = [
    "The bus comes late and the bus stop has no shelter",
    "More bus routes at night so workers can get home",
    "Bus fares are too expensive for students and seniors",
    "The bus stop near the school needs a bench and lights",
    "The bus is crowded in the morning, add more bus routes",
    "The bus never comes on time to our bus stop",
]
PARKS = [
    "The park playground is broken and children have nowhere to play",
    "Clean up the park, the playground has needles and trash",
    "Our kids need a safe park with a playground and trees",
    "Keep the park open late in summer, the playground is full",
    "Fix the playground swings in the park near the library",
    "The park needs a new playground for small children",
]


def _engagement(slug, sessions):
    """An engagement with sessions {slug: [note texts]}; returns (engagement id, {slug: session id})."""
    engagement = Engagement(slug=f"eng-{slug}", default_language="en")
    engagement.translations.append(EngagementTranslation(language="en", name=f"Listening {slug}"))
    db.session.add(engagement)
    ids = {}
    for day, (session_slug, texts) in enumerate(sessions.items()):
        starts = utcnow() - timedelta(days=10 - day)
        session = ListeningSession(
            engagement=engagement, slug=session_slug, starts_at=starts, ends_at=starts + timedelta(hours=2),
            timezone="UTC", venue_name="Hall", venue_address="1 Main St", capacity=30, status="published")
        session.translations.append(SessionTranslation(language="en", title=f"Session {session_slug}"))
        session.tables.append(SessionTable(name="Table 1", position=1))
        db.session.add(session)
        db.session.flush()
        _add_notes(session, texts)
        ids[session_slug] = session.id
    db.session.commit()
    return engagement.id, ids


def _add_notes(session, texts):
    for text in texts:
        db.session.add(Note(session_id=session.id, table_id=session.tables[0].id, text=text, language="en"))


@pytest.fixture
def city(app, signed_in):
    signed_in("analyst")
    with app.app_context():
        engagement_id, sessions = _engagement("city", {"north": HOUSING + TRANSIT, "south": PARKS})
        other_id, other_sessions = _engagement("other", {"elsewhere": PARKS[:3]})
    return {"engagement": engagement_id, "north": sessions["north"], "south": sessions["south"],
            "other": other_id, "elsewhere": other_sessions["elsewhere"]}


def _start(client, engagement, sessions=(), themes="auto"):
    return client.post("/review/", data={"engagement": engagement, "sessions": list(sessions), "themes": themes})


def _latest_run():
    return db.session.scalar(select(AnalysisRun).order_by(AnalysisRun.id.desc()))


def test_home_offers_each_sessions_checkbox_grouped_by_engagement(client, city):
    html = client.get("/review/").get_data(as_text=True)
    assert 'id="sessions-0"' in html and 'type="checkbox"' in html
    assert "Session north" in html and "Session south" in html and "Session elsewhere" in html
    assert "Listening city" in html and "Listening other" in html
    assert "12 notes" in html  # north's notes are counted beside it
    assert "<legend>Sessions to analyse</legend>" in html


def test_a_run_over_one_session_only_uses_its_notes(app, client, city):
    response = _start(client, city["engagement"], [city["north"]])
    assert response.status_code == 302
    with app.app_context():
        run = _latest_run()
        assert run.status == "done", run.error
        assert run.params["session_ids"] == [city["north"]]
        assert run.note_count == len(HOUSING + TRANSIT)
        sessions = set(db.session.scalars(
            select(Note.session_id).join(NoteTheme).join(Theme).where(Theme.run_id == run.id)))
        assert sessions == {city["north"]}
        run_id = run.id
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "Sessions: Session north" in html


def test_a_run_with_no_session_ticked_analyses_them_all(app, client, city):
    _start(client, city["engagement"])
    with app.app_context():
        run = _latest_run()
        assert "session_ids" not in run.params
        assert run.note_count == len(HOUSING + TRANSIT + PARKS)
    assert "All sessions of the engagement" in client.get(f"/review/runs/{run.id}").get_data(as_text=True)


def test_progress_ends_at_100_with_stage_done_and_each_stage_is_committed(app, client, city):
    with app.app_context():
        from app.services.insights import theme_finding

        seen = []
        original = theme_finding._progress

        def spy(run, stage):
            original(run, stage)
            # Each stage is visible to another connection as soon as it begins.
            with db.engine.connect() as other:
                seen.append(other.execute(select(AnalysisRun.stage, AnalysisRun.progress)
                                          .where(AnalysisRun.id == run.id)).one())

        theme_finding._progress = spy
        try:
            _start(client, city["engagement"])
        finally:
            theme_finding._progress = original
        run = _latest_run()
        assert (run.status, run.stage, run.progress) == ("done", "done", 100)
    assert [stage for stage, _p in seen] == ["loading", "themes", "tagging", "links", "saving"]
    assert [p for _s, p in seen] == sorted(p for _s, p in seen)


def test_a_running_run_shows_a_progress_bar_with_its_stage(app, client, city):
    with app.app_context():
        run = AnalysisRun(engagement_id=city["engagement"], status="running", stage="tagging", progress=50,
                          started_at=utcnow())
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert '<progress id="run-progress-%d" max="100" value="50">50%%</progress>' % run_id in html
    assert "50% done: Tagging with the codebook" in html
    # No timed reload (WCAG 2.2.1): a script swaps in the progress; without it, "Refresh now".
    assert 'http-equiv="refresh"' not in html
    assert 'review-progress.js' in html and 'data-poll="/review/runs/%d"' % run_id in html
    assert "has not finished after" not in html


def test_a_stuck_run_and_a_failed_run_say_so(app, client, city):
    with app.app_context():
        stuck = AnalysisRun(engagement_id=city["engagement"], status="running", stage="themes", progress=15,
                            started_at=utcnow() - timedelta(hours=2))
        failed = AnalysisRun(engagement_id=city["engagement"], status="failed", stage="failed", progress=15,
                             error="ValueError: the notes could not be read")
        db.session.add_all([stuck, failed])
        db.session.commit()
        stuck_id, failed_id = stuck.id, failed.id
    html = client.get(f"/review/runs/{stuck_id}").get_data(as_text=True)
    assert "This analysis has not finished after 30 minutes" in html
    html = client.get(f"/review/runs/{failed_id}").get_data(as_text=True)
    assert 'role="alert">The analysis failed: ValueError: the notes could not be read' in html


def test_a_failing_run_is_kept_as_failed_with_its_error(app, client, city, monkeypatch):
    from app.services.insights import theme_finding

    def broken(*args, **kwargs):
        raise RuntimeError("tagger exploded")

    monkeypatch.setattr(theme_finding.tagging, "tag_notes", broken)
    _start(client, city["engagement"])
    with app.app_context():
        run = _latest_run()
        assert (run.status, run.stage) == ("failed", "failed")
        assert "tagger exploded" in run.error
        assert db.session.scalar(select(func.count(Theme.id)).where(Theme.run_id == run.id)) == 0


def test_a_session_of_another_engagement_is_refused_next_to_the_field(app, client, city):
    response = _start(client, city["engagement"], [city["north"], city["elsewhere"]])
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<p class="error" id="sessions-error">Choose only sessions of the engagement you are analysing.</p>' in html
    assert 'href="#sessions-0"' in html  # the error summary leads to the checkboxes
    with app.app_context():
        assert db.session.scalar(select(AnalysisRun.id)) is None


def test_sessions_without_notes_are_refused_next_to_the_field(app, client, city):
    with app.app_context():
        db.session.execute(Note.__table__.update().where(Note.session_id == city["south"]).values(deleted_at=utcnow()))
        db.session.commit()
    response = _start(client, city["engagement"], [city["south"]])
    assert response.status_code == 200
    assert b'id="sessions-error">The chosen sessions have fewer than two notes' in response.data
    with app.app_context():
        assert db.session.scalar(select(AnalysisRun.id)) is None


def test_an_engagement_without_notes_is_refused_next_to_its_field(app, client, city):
    with app.app_context():
        empty_id, _sessions = _engagement("empty", {"quiet": []})
    response = _start(client, empty_id)
    assert b'id="engagement-error">There are not enough notes to analyse yet.' in response.data


def _finished_run(app, client, engagement, sessions=()):
    _start(client, engagement, sessions, themes="3")
    with app.app_context():
        run = _latest_run()
        assert run.status == "done", run.error
        return run.id


def test_compare_finds_added_notes_and_matched_themes(app, client, city):
    first = _finished_run(app, client, city["engagement"], [city["north"]])
    with app.app_context():
        first_themes = len(db.session.get(AnalysisRun, first).themes)
    second = _finished_run(app, client, city["engagement"])  # south's parks notes join
    html = client.get(f"/review/runs/{second}").get_data(as_text=True)
    assert f'href="/review/runs/{second}/compare"' in html

    html = client.get(f"/review/runs/{second}/compare").get_data(as_text=True)
    assert "<h1>What changed</h1>" in html
    assert f"{len(PARKS)} notes added since" in html
    assert "0 notes removed since" in html
    assert PARKS[0] in html  # listed among the notes added
    with app.app_context():
        from app.services.insights import runs

        comparison = runs.compare_runs(db.session.get(AnalysisRun, second), db.session.get(AnalysisRun, first))
        assert comparison["added"] == len(PARKS)
        assert comparison["matched"], "housing and transit themes should be found in both runs"
        assert len(comparison["matched"]) + len(comparison["gone"]) == first_themes
        assert any(t for t, _count in comparison["new"])  # the parks theme is new
        matched = comparison["matched"][0]
        label = matched["after"].label
    assert "themes in both" in html or "theme in both" in html
    assert label in html
    # The select offers the first run and keeps the choice.
    assert f'<option selected value="{first}">' in html


def test_compare_without_an_earlier_run_says_so(app, client, city):
    only = _finished_run(app, client, city["engagement"])
    html = client.get(f"/review/runs/{only}/compare").get_data(as_text=True)
    assert "There is no other finished analysis of this engagement to compare with." in html
    assert client.get(f"/review/runs/{only}/compare?against=999999").status_code == 404


def test_new_notes_are_placed_in_reviewed_themes_and_the_review_stays(app, client, city):
    run_id = _finished_run(app, client, city["engagement"], [city["north"]])
    with app.app_context():
        run = db.session.get(AnalysisRun, run_id)
        housing = next(t for t in run.themes
                       if any("rent" in a.note.text.lower() for a in t.assignments))
        housing_id, machine_label = housing.id, housing.machine_label
    # A person reviews: renames and accepts the housing theme.
    response = client.post(f"/review/themes/{housing_id}", data={"label": "Rents and evictions", "summary": "",
                                                                 "status": "accepted"})
    assert response.status_code == 302
    # New notes arrive in the session afterwards.
    with app.app_context():
        session = db.session.get(ListeningSession, city["north"])
        _add_notes(session, ["The landlord doubled the rent and we got an eviction notice",
                             "Quantum chromodynamics seminar timetable"])
        db.session.commit()
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "2 notes of this analysis are in no theme." in html
    assert "Your team has reviewed these themes" in html
    assert f'action="/review/runs/{run_id}/place-new-notes"' in html

    response = client.post(f"/review/runs/{run_id}/place-new-notes")
    assert response.status_code == 302
    with app.app_context():
        theme = db.session.get(Theme, housing_id)
        assert (theme.label, theme.status, theme.machine_label) == ("Rents and evictions", "accepted", machine_label)
        placed = db.session.scalars(select(NoteTheme).join(Theme).where(
            Theme.run_id == run_id, NoteTheme.is_new.is_(True))).all()
        assert [(p.note.text, p.theme_id, p.assigned_by) for p in placed] == [
            ("The landlord doubled the rent and we got an eviction notice", housing_id, "machine")]
        assert db.session.scalar(select(func.count(NoteTheme.id)).join(Note).where(
            Note.text == "Quantum chromodynamics seminar timetable")) == 0
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "analysis.place"))
        assert entry.user_id is not None and entry.details["placed"] == 1 and entry.details["left"] == 1
        # The late notes got tag suggestions, as the run's notes did.
        late_tags = db.session.scalars(select(NoteTag).join(Note).where(
            Note.text == "The landlord doubled the rent and we got an eviction notice")).all()
        assert late_tags and all(t.assigned_by == "machine" and not t.confirmed for t in late_tags)
        assert entry.details["tags_suggested"] >= len(late_tags)
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "1 note was placed in these themes after the analysis and is marked new." in html
    assert "were too far from every theme" in html or "was too far from every theme" in html


def test_placing_with_every_note_in_a_theme_is_refused(app, client, city):
    run_id = _finished_run(app, client, city["engagement"], [city["north"]])
    with app.app_context():
        from app.services.insights import runs

        for note in runs.unassigned_notes(db.session.get(AnalysisRun, run_id)):
            note.deleted_at = utcnow()
        db.session.commit()
    response = client.post(f"/review/runs/{run_id}/place-new-notes", follow_redirects=True)
    assert b"Every note of this analysis is already in a theme." in response.data


def test_compare_counts_and_lists_notes_a_person_moved_between_matched_themes(app, client, city):
    first = _finished_run(app, client, city["engagement"])
    second = _finished_run(app, client, city["engagement"])  # same notes, same seed: the same themes
    with app.app_context():
        themes = db.session.get(AnalysisRun, second).themes
        assert len(themes) >= 2
        source, target = themes[0], themes[1]
        note = source.assignments[0].note
        source_id, target_id, note_id, note_text = source.id, target.id, note.id, note.text
        target_label = target.label
    client.post(f"/review/themes/{source_id}/move", data={"note_id": note_id, "theme": target_id})

    html = client.get(f"/review/runs/{second}/compare?against={first}").get_data(as_text=True)
    assert "0 notes added since" in html
    assert "0 new themes" in html and "0 themes gone" in html
    assert "1 note moved between themes" in html
    row = re.search(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", html)
    assert row and row.group(1) == note_text and row.group(3) == target_label
