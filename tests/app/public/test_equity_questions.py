"""The equity questions on the registration form: offered per engagement, in every language,
accessible without JavaScript; answers stored apart from contact details."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.i18n import LANGUAGES
from app.models import QUESTION_KINDS, EquityAnswer, Registration
from app.models.types import utcnow
from app.services.equity import questions as equity_questions
from app.services.equity import setup
from app.services.sessions import organize


def make_equity_session(app, slug="east-hall", kinds=QUESTION_KINDS, districts=("North", "South", "River")):
    with app.app_context():
        engagement = organize.create_engagement(None, f"e-{slug}", "en", {"en": "East"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="East Hall", venue_address="2 Elm St", capacity=50, interpretation_languages=["es"],
        ), {"en": {"title": "East Hall session"}})
        organize.publish(None, session.id)
        setup.set_questions(None, engagement.id, kinds, districts)
        return engagement.id, session.id


def register(client, slug="east-hall", name="Ana", **answers):
    data = {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.org", "preferred_language": "en"}
    data.update(answers)
    response = client.post(f"/sessions/{slug}/register", data=data)
    assert response.status_code == 303, response.text[:2000]
    return re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)


def test_the_catalogue_matches_the_model():
    assert tuple(equity_questions.QUESTIONS) == QUESTION_KINDS


def test_no_questions_no_section(app, client):
    make_equity_session(app, kinds=())
    page = client.get("/sessions/east-hall/register").text
    assert "equity-questions" not in page


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_questions_show_in_every_language_with_why_and_prefer_not(app, client, code):
    make_equity_session(app)
    client.set_cookie("heard_lang", code)
    response = client.get("/sessions/east-hall/register")
    assert response.status_code == 200
    page = response.text
    for kind in ("district", "age", "ethnicity", "first_meeting"):
        assert page.count(f'name="eq_{kind}"') >= 3, kind
        assert f'id="eq_{kind}-why"' in page
        assert 'value="prefer_not"' in page
    # Each question is a fieldset with a legend, described by its "why we ask" line.
    assert len(re.findall(r'<fieldset class="field" aria-describedby="eq_\w+-why">\s*<legend>', page)) == 4
    assert 'id="eq-language-why"' in page  # the language already asked: only why it is counted
    assert "<script" not in page.split("equity-questions")[1].split("</section>")[0]


def test_district_labels_are_marked_untranslated(app, client):
    make_equity_session(app)
    client.set_cookie("heard_lang", "es")
    page = client.get("/sessions/east-hall/register").text
    section = page.split("equity-questions")[1]
    assert re.search(r'<span lang="en" dir="ltr">North</span> <small class="untranslated"', section)


def test_answers_are_stored_apart_and_cleaned(app, client):
    make_equity_session(app)
    register(client, eq_district="d2", eq_age="25_34", eq_ethnicity=["asian", "described", "bogus"],
             eq_described="Hmong\u202e American", eq_first_meeting="yes")
    register(client, name="Bo", eq_district="nowhere", eq_ethnicity=["prefer_not", "white"])
    with app.app_context():
        ana = db.session.scalar(select(Registration).where(Registration.name == "Ana"))
        rows = {(a.question_id, a.value, a.described) for a in db.session.scalars(
            select(EquityAnswer).where(EquityAnswer.registration_id == ana.id))}
        values = sorted(v for _q, v, _d in rows)
        assert values == ["25_34", "asian", "d2", "described", "yes"]
        assert {d for _q, _v, d in rows} == {"", "Hmong American"}
        bo = db.session.scalar(select(Registration).where(Registration.name == "Bo"))
        values = sorted(a.value for a in db.session.scalars(
            select(EquityAnswer).where(EquityAnswer.registration_id == bo.id)))
        assert values == ["prefer_not"]  # an unknown district is dropped; prefer-not stands alone


def test_a_question_not_asked_is_not_stored(app, client):
    make_equity_session(app, kinds=("age",))
    page = client.get("/sessions/east-hall/register").text
    assert 'name="eq_age"' in page
    assert not re.search(r'name="eq_(district|ethnicity|described|first_meeting)"', page)
    register(client, eq_age="18_24", eq_district="d1", eq_first_meeting="yes", eq_described="Not asked")
    with app.app_context():
        assert [(a.value, a.described) for a in db.session.scalars(select(EquityAnswer))] == [("18_24", "")]


def test_a_change_to_the_questions_shows_on_the_next_form(app, client):
    """The form's questions come from the public cache; a change committed here empties it."""
    engagement_id, _session_id = make_equity_session(app, kinds=("age",))
    assert 'name="eq_district"' not in client.post("/sessions/east-hall/register", data={"name": ""}).text
    with app.app_context():
        setup.set_questions(None, engagement_id, ("age", "district"), ("North", "South"))
    assert 'name="eq_district"' in client.post("/sessions/east-hall/register", data={"name": ""}).text
    register(client, eq_district="d2")
    with app.app_context():
        assert [a.value for a in db.session.scalars(select(EquityAnswer))] == ["d2"]


def test_districts_keep_their_codes_when_the_list_changes(app):
    engagement_id, _session = make_equity_session(app)
    with app.app_context():
        setup.set_questions(None, engagement_id, ["district"], ["River", "Hills", "North"])
        from app.services.equity.store import questions
        [question] = questions(engagement_id)
        assert [o.label for o in question.options] == ["River", "Hills", "North"]
        codes = {o.label: o.code for o in question.options}
        assert codes["River"] == "d3" and codes["North"] == "d1" and codes["Hills"] not in ("d1", "d3")
