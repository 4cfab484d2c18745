"""Answers survive erasure and the retention purge only as counts nobody can be traced back
to; seating at the door; the funnel's arithmetic before suppression."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import EquityAnswer, EquityCount, ListeningSession, Note, Registration, SessionTable
from app.models.types import utcnow
from app.services.equity import funnel
from app.services.registration import roster
from tests.app.public.test_equity_questions import make_equity_session, register


def _id(app, name):
    with app.app_context():
        return db.session.scalar(select(Registration.id).where(Registration.name == name))


def _add_tables(app, session_id, count=2):
    with app.app_context():
        session = db.session.get(ListeningSession, session_id)
        for position in range(1, count + 1):
            session.tables.append(SessionTable(name=f"Table {position}", position=position))
        db.session.commit()
        return [t.id for t in session.tables]


def _raw(app, engagement_id, kind):
    with app.app_context():
        counts, totals, asked = funnel.raw_counts(engagement_id)
        question = next(q for q in asked if q.kind == kind)
        bucket = counts[question.id]
        return dict(bucket["registered"]), dict(bucket["attended"]), totals


@pytest.mark.parametrize("way", ["staff", "resident", "retention"])
def test_erasure_folds_answers_into_counts(app, client, runner, signed_in, way):
    app.config["RETENTION_KEEP_CONSENTED"] = False
    engagement_id, session_id = make_equity_session(app)
    tables = _add_tables(app, session_id)
    token = register(client, eq_district="d1", eq_ethnicity=["asian", "described"], eq_described="Hmong",
                     eq_age="18_24")
    register(client, name="Bo", eq_district="d1")
    ana = _id(app, "Ana")
    signed_in("organizer")
    assert client.post(f"/admin/sessions/{session_id}/checkin/{ana}",
                       data={"attended": "1", "table_id": str(tables[1])}).status_code == 303
    before = _raw(app, engagement_id, "district"), _raw(app, engagement_id, "ethnicity")
    if way == "staff":
        assert client.post(f"/admin/registrations/{ana}/erase", data={"confirm": "y"}).status_code == 303
    elif way == "resident":
        client.post("/auth/sign-out")
        assert client.post(f"/r/{token}/erase", data={"confirm": "y"}).status_code == 303
    else:
        with app.app_context():
            db.session.execute(update(ListeningSession).values(
                starts_at=utcnow() - timedelta(days=100), ends_at=utcnow() - timedelta(days=99)))
            db.session.commit()
        assert "cleared of personal data: 2" in runner.invoke(args=["retention", "purge"]).output
    with app.app_context():
        remaining = db.session.scalars(select(EquityAnswer.registration_id)).all()
        assert ana not in remaining and "Hmong" not in repr(db.session.scalars(select(EquityAnswer.described)).all())
        row = db.session.get(Registration, ana)
        assert row.table_id is None and row.preferred_language == ""
        counts = db.session.scalars(select(EquityCount)).all()
        assert counts and all(c.people >= 1 for c in counts)
        # A count names a question, an answer, a table and whether people came: no registration,
        # no time, no words of the resident.
        assert {c.name for c in EquityCount.__table__.columns} == {
            "id", "engagement_id", "question_id", "value", "table_id", "attended", "people"}
        mine = [c for c in counts if c.value == "asian"]
        assert mine and mine[0].attended and mine[0].table_id == tables[1]
    # The funnel is the same before and after: only the link to the person went.
    assert (_raw(app, engagement_id, "district"), _raw(app, engagement_id, "ethnicity")) == before


def test_erasing_twice_counts_once_and_cancelled_counts_nowhere(app, client, signed_in):
    engagement_id, session_id = make_equity_session(app)
    register(client, eq_district="d2")
    register(client, name="Cy", eq_district="d2")
    ana, cy = _id(app, "Ana"), _id(app, "Cy")
    signed_in("organizer")
    client.post(f"/admin/registrations/{cy}/cancel", data={"confirm": "y"})
    for _ in range(2):
        client.post(f"/admin/registrations/{ana}/erase", data={"confirm": "y"})
        client.post(f"/admin/registrations/{cy}/erase", data={"confirm": "y"})
    registered, attended, totals = _raw(app, engagement_id, "district")
    assert registered == {"d2": 1} and attended == {} and totals == (1, 0, 0)


def test_check_in_seats_at_a_table_of_that_session_only(app, client, signed_in):
    engagement_id, session_id = make_equity_session(app)
    tables = _add_tables(app, session_id)
    _e2, other_session = make_equity_session(app, slug="west-hall")
    other_tables = _add_tables(app, other_session)
    register(client, eq_age="25_34")
    register(client, name="Bo", eq_age="25_34")
    ana, bo = _id(app, "Ana"), _id(app, "Bo")
    signed_in("organizer")
    client.post(f"/admin/sessions/{session_id}/checkin/{ana}", data={"attended": "1", "table_id": str(tables[0])})
    client.post(f"/admin/sessions/{session_id}/checkin/{bo}",
                data={"attended": "1", "table_id": str(other_tables[0])})
    page = client.get(f"/admin/sessions/{session_id}/checkin").text
    assert 'name="table_id"' not in page or "Table 1" in page
    with app.app_context():
        assert db.session.get(Registration, ana).table_id == tables[0]
        assert db.session.get(Registration, bo).table_id is None  # another session's table
    client.post(f"/admin/sessions/{session_id}/checkin/{ana}", data={"attended": "0"})
    with app.app_context():
        assert db.session.get(Registration, ana).table_id is None  # undone: not seated either
    response = client.post(f"/admin/sessions/{session_id}/checkin",
                           data={"walkin-name": "Dee", "walkin-table": str(tables[1])})
    assert response.status_code == 303
    with app.app_context():
        dee = db.session.scalar(select(Registration).where(Registration.name == "Dee"))
        assert dee.walk_in and dee.table_id == tables[1]


def test_funnel_arithmetic(app, client, signed_in):
    """Registered counts everyone not cancelled (walk-ins too); attended those checked in;
    a group's notes are those of the tables where at least one of its people sat."""
    engagement_id, session_id = make_equity_session(app)
    tables = _add_tables(app, session_id, 3)
    people = [("A1", "d1"), ("A2", "d1"), ("A3", "d2"), ("A4", None), ("A5", "prefer_not")]
    for name, district in people:
        register(client, name=name, **({"eq_district": district} if district else {}))
    signed_in("organizer")
    seat = {"A1": tables[0], "A2": tables[0], "A3": tables[1]}
    for name, table in seat.items():
        client.post(f"/admin/sessions/{session_id}/checkin/{_id(app, name)}",
                    data={"attended": "1", "table_id": str(table)})
    client.post(f"/admin/sessions/{session_id}/checkin", data={"walkin-name": "W1", "walkin-table": str(tables[2])})
    with app.app_context():
        for table, count in ((tables[0], 4), (tables[1], 2), (tables[2], 1)):
            for n in range(count):
                db.session.add(Note(session_id=session_id, table_id=table, text=f"note {n}"))
        db.session.add(Note(session_id=session_id, table_id=tables[0], text="gone", deleted_at=utcnow()))
        db.session.commit()
    registered, attended, totals = _raw(app, engagement_id, "district")
    assert registered == {"d1": 2, "d2": 1, "none": 2, "prefer_not": 1}
    assert attended == {"d1": 2, "d2": 1, "none": 1}
    assert totals == (6, 4, 1)
    with app.app_context():
        counts, _totals, asked = funnel.raw_counts(engagement_id)
        district = next(q for q in asked if q.kind == "district")
        tables_of = counts[district.id]["tables"]
        assert tables_of == {"d1": {tables[0]}, "d2": {tables[1]}, "none": {tables[2]}}
        language = next(q for q in asked if q.kind == "language")
        assert dict(counts[language.id]["registered"]) == {"en": 6}


def test_the_demo_answers_its_registrations(app):
    from app.demo import equity
    from app.models import Engagement

    engagement_id, session_id = make_equity_session(app, kinds=())
    tables = _add_tables(app, session_id, 3)
    with app.app_context():
        db.session.execute(update(ListeningSession).values(status="published"))
        db.session.commit()
        for n in range(40):
            roster.add_walk_in(None, session_id, f"Walk {n}", beyond_capacity=True)
        engagement = db.session.get(Engagement, engagement_id)
        assert equity.load(None, engagement, with_no_shows=False)
        assert not equity.load(None, engagement)  # once
        data = funnel.funnel(engagement_id)
        district = next(q for q in data.questions if q.kind == "district")
        shown = [r.attended for r in district.rows]
        assert any(v is None for v in shown) and any(v and v >= 5 for v in shown)
        assert district.lowest is not None and district.score is not None
        seated = db.session.scalars(select(Registration.table_id)).all()
        assert set(seated) <= set(tables) and len(set(seated)) > 1
