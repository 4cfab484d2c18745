"""The city's response to each reviewed theme: the four states, the reason, who answers and a
due date while under consideration; audited; shown live beside the residents' words on the public
report, counted (answered, overdue, median days) on the report and the tracker."""
from datetime import date, timedelta

import pytest
from loop_data import build_loop
from sqlalchemy import select
from support import publish_report

from app.extensions import db
from app.models import (
    RESPONSE_STATES,
    AuditEntry,
    ContentTranslation,
    Report,
    Theme,
    ThemeResponse,
    User,
)
from app.services import ServiceError
from app.services.content import translations
from app.services.policy import responses


@pytest.fixture
def loop(app):
    return build_loop(app)


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _respond(client, theme_id, **data):
    return client.post(f"/review/themes/{theme_id}/response", data=data)


def _page(response):
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_each_state_is_recorded_with_its_reason_and_audited(app, client, loop, analyst):
    theme_id = loop["themes"]["Dark streets"]
    for state in RESPONSE_STATES:
        due = "2030-01-31" if state == "under_consideration" else ""
        response = _respond(client, theme_id, state=state, reason=f"Because {state}.", answered_by="Public Works",
                            decision_due=due)
        assert response.status_code == 302
        with app.app_context():
            saved = db.session.scalar(select(ThemeResponse).where(ThemeResponse.theme_id == theme_id))
            assert saved.state == state and saved.reason == f"Because {state}."
            assert saved.decision_due == (date(2030, 1, 31) if due else None)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ThemeResponse.id))) == 1
        trail = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "theme.respond")).all()
        assert [e.details["state"] for e in trail] == list(RESPONSE_STATES)
        assert all(e.user_id == analyst for e in trail)
        assert trail[1].details["old_state"] == "adopted"
    page = _page(client.get(f"/review/themes/{theme_id}"))
    assert "Under consideration" in page and 'id="response"' in page


@pytest.mark.parametrize("data, field", [
    ({"state": "maybe", "reason": "Why."}, "state"),
    ({"state": "", "reason": "Why."}, "state"),
    ({"state": "adopted", "reason": "   "}, "reason"),
    ({"state": "adopted", "reason": "x" * 5001}, "reason"),
    ({"state": "under_consideration", "reason": "Why."}, "decision_due"),
])
def test_bad_responses_are_refused_and_change_nothing(app, loop, data, field):
    with app.test_request_context():
        theme = db.session.get(Theme, loop["themes"]["Dark streets"])
        with pytest.raises(ServiceError) as refused:
            responses.save_response(None, theme, **data)
        assert refused.value.field == field
        db.session.rollback()
        assert db.session.scalar(select(db.func.count(ThemeResponse.id))) == 0


def test_only_accepted_themes_are_answered(app, client, loop, analyst):
    response = _respond(client, loop["themes"]["Benches"], state="adopted", reason="Yes.")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ThemeResponse.id))) == 0
    assert _respond(client, loop["themes"]["Dark streets"], state="adopted", reason="Yes.",
                    decision_due="not a date").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ThemeResponse.id))) == 0


def test_a_reader_cannot_answer(app, client, loop, signed_in):
    signed_in("notetaker")
    response = _respond(client, loop["themes"]["Dark streets"], state="adopted", reason="Yes.")
    assert response.status_code in (302, 403)
    with app.app_context():
        assert db.session.scalar(select(db.func.count(ThemeResponse.id))) == 0


def test_measures_count_answered_overdue_and_median_days(app, loop):
    with app.test_request_context():
        dark = db.session.get(Theme, loop["themes"]["Dark streets"])
        buses = db.session.get(Theme, loop["themes"]["Buses late"])
        ids = [dark.id, buses.id]
        assert responses.measures(ids) == responses.Measures(themes=2, answered=0, overdue=0, median_days=None)
        responses.save_response(None, dark, state="under_consideration", reason="We are costing it.",
                                decision_due=date.today() - timedelta(days=1))
        measured = responses.measures(ids)
        assert (measured.answered, measured.overdue, measured.share, measured.unanswered) == (1, 1, 50, 1)
        assert measured.median_days == 3  # the session was three days before the answer
        responses.save_response(None, dark, state="adopted", reason="Lamps are fixed.")
        assert responses.measures(ids).overdue == 0
        # A later change keeps the first answer's date for the measure.
        assert responses.measures(ids).median_days == 3


def test_the_public_report_shows_current_responses_beside_the_words(app, client, loop, analyst):
    theme_id = loop["themes"]["Dark streets"]
    _respond(client, theme_id, state="partly_adopted", reason="Lamps on Elm first.", answered_by="Public Works")
    preview_response = client.post(f"/review/runs/{loop['run']}/report", data={"title": "Heard", "publish": "y"})
    assert preview_response.status_code == 302
    preview = _page(client.get(f"/review/runs/{loop['run']}/report/publish"))
    assert "Themes answered: 1 of 2 (50%)" in preview and "1 theme has no answer from the city yet." in preview
    assert publish_report(client, loop["run"], {"title": "Heard"}).status_code == 302
    with app.app_context():
        report_id = db.session.scalar(select(Report.id))
    public = app.test_client()
    page = _page(public.get(f"/reports/{report_id}"))
    assert "Partly adopted" in page and "Lamps on Elm first." in page and "Not answered yet." in page
    assert "Themes answered: 1 of 2 (50%)" in page
    # Responses are read live: a change after publishing shows without a new version.
    _respond(client, theme_id, state="adopted", reason="All lamps fixed.")
    page = _page(public.get(f"/reports/{report_id}"))
    assert "All lamps fixed." in page and "Lamps on Elm first." not in page
    # In Spanish, untranslated until a translation is saved.
    public.set_cookie("heard_lang", "es")
    spanish = _page(public.get(f"/reports/{report_id}"))
    assert "All lamps fixed." in spanish and 'class="untranslated"' in spanish
    with app.app_context():
        response = db.session.scalar(select(ThemeResponse))
        translations.save(db.session.get(User, analyst), "es", {translations.unit_key("response.reason", response.id): "Todas arregladas."})
    assert "Todas arregladas." in _page(public.get(f"/reports/{report_id}"))


def test_the_tracker_shows_the_themes_an_action_answers_and_the_measures(app, client, loop, analyst):
    _respond(client, loop["themes"]["Dark streets"], state="under_consideration", reason="Costing.",
             decision_due=(date.today() - timedelta(days=2)).isoformat())
    publish_report(client, loop["run"], {"title": "Heard"})
    page = _page(app.test_client().get("/progress"))
    assert "Dark streets" in page and "Under consideration" in page
    assert "1 decision overdue" in page and "Themes answered: 1 of 2 (50%)" in page


def test_response_reasons_are_translation_units(app, loop):
    with app.test_request_context():
        theme = db.session.get(Theme, loop["themes"]["Dark streets"])
        responses.save_response(None, theme, state="adopted", reason="Lamps fixed.", answered_by="Public Works")
        db.session.add(Report(engagement_id=loop["engagement"], run_id=loop["run"], title="Heard"))
        db.session.commit()
        kinds = {unit.kind for unit in translations.sources()}
        assert {"response.reason", "response.answered_by"} <= kinds
        assert db.session.scalar(select(db.func.count(ContentTranslation.id))) == 0
