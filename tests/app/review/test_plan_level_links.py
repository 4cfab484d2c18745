"""Themes link to any level of a plan: a goal or a strategy as well as a clause or an action.
The link is made by a person on the theme page, kept to the theme's own engagement, frozen
with the report, and shown under its goal or strategy on the public plan tracker."""
import html as htmllib

import flask_migrate
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from support import publish_report

from app.extensions import db
from app.models import ActionPlan, AuditEntry, Engagement, Theme, ThemeLink, User
from app.models.plan_monitoring import PlanGoal, PlanStrategy
from app.services import ServiceError
from app.services.insights import policy_coverage, theme_links
from tests.app.review.test_report_versions import analyst, engagement  # noqa: F401  (fixtures)
from tests.app.test_plan_migration import _seed

BEFORE = "a20b0c0de5a1"


@pytest.fixture
def levels(app, engagement):  # noqa: F811
    """A goal and a strategy in the engagement's plan, and a goal of another engagement's plan."""
    with app.app_context():
        plan = db.session.scalar(select(ActionPlan).where(ActionPlan.engagement_id == engagement["engagement"]))
        goal = PlanGoal(plan_id=plan.id, position=1, number="1", title="Streets people feel safe on")
        strategy = PlanStrategy(plan_id=plan.id, goal=goal, position=1, number="1.2", title="Light every route")
        other = Engagement(slug="elsewhere", default_language="en")
        other_plan = ActionPlan(engagement=other, title="Another plan")
        foreign = PlanGoal(plan=other_plan, position=1, number="9", title="Someone else's goal")
        db.session.add_all([goal, strategy, other_plan, foreign])
        db.session.commit()
        return {"plan": plan.id, "goal": goal.id, "strategy": strategy.id, "foreign": foreign.id,
                "theme": engagement["themes1"]["Dark streets"], "run": engagement["run1"],
                "item": engagement["item"]}


def test_a_theme_links_to_a_goal_and_a_strategy_audited(app, analyst, levels):  # noqa: F811
    with app.app_context():
        theme = db.session.get(Theme, levels["theme"])
        actor = db.session.get(User, analyst)
        goal_link = theme_links.add_link(actor, theme, f"goal:{levels['goal']}", stance="supports")
        strategy_link = theme_links.add_link(actor, theme, f"strategy:{levels['strategy']}", stance="change")
        assert (goal_link.goal_id, goal_link.status, goal_link.stance, goal_link.kind) == (
            levels["goal"], "confirmed", "supports", "goal")
        assert (strategy_link.strategy_id, strategy_link.stance, strategy_link.kind) == (
            levels["strategy"], "change", "strategy")
        # Linking again updates the one link rather than adding a second.
        assert theme_links.add_link(actor, theme, f"goal:{levels['goal']}", stance="concern").id == goal_link.id
        entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "link.add")).all()
        assert [(e.object_id, e.user_id, e.details) for e in entries] == [
            (goal_link.id, actor.id, {"stance": "supports"}), (strategy_link.id, actor.id, {"stance": "change"}),
            (goal_link.id, actor.id, {"stance": "concern"})]
        # The action and clause links and the coverage matrix are untouched by the new kinds.
        assert set(policy_coverage.coverage(theme.run).stances) == {(theme.id, "action", levels["item"])}


@pytest.mark.parametrize("key", ["goal:{foreign}", "goal:999999", "strategy:", "level:{goal}", "goal:-1", ""])
def test_a_goal_of_another_engagement_or_nothing_is_refused(app, analyst, levels, key):  # noqa: F811
    with app.test_request_context():
        actor = db.session.get(User, analyst)
        theme = db.session.get(Theme, levels["theme"])
        with pytest.raises(ServiceError):
            theme_links.add_link(actor, theme, key.format(**levels), stance="supports")
        assert db.session.scalar(select(ThemeLink).where(ThemeLink.goal_id.is_not(None))) is None


def test_staff_link_a_goal_on_the_theme_page_and_the_tracker_shows_it(app, client, analyst, levels):  # noqa: F811
    page = htmllib.unescape(client.get(f"/review/themes/{levels['theme']}?add_link=1").get_data(as_text=True))
    assert f'value="goal:{levels["goal"]}"' in page and "Goal: 1 Streets people feel safe on" in page
    assert f'value="strategy:{levels["strategy"]}"' in page and f'value="goal:{levels["foreign"]}"' not in page
    for key, stance in ((f"goal:{levels['goal']}", "supports"), (f"strategy:{levels['strategy']}", "change")):
        response = client.post(f"/review/themes/{levels['theme']}/links/add", data={"target": key, "stance": stance})
        assert response.status_code == 302
    page = htmllib.unescape(client.get(f"/review/themes/{levels['theme']}").get_data(as_text=True))
    assert "Plan goal" in page and "Streets people feel safe on" in page and "Plan strategy" in page

    public = app.test_client()
    before = public.get(f"/progress/plans/{levels['plan']}").get_data(as_text=True)
    assert "Because residents said" not in before  # nothing published yet
    assert publish_report(client, levels["run"], {"title": "What We Heard"}).status_code == 302
    with app.app_context():
        report_id = db.session.scalar(text("SELECT id FROM reports"))
    tracker = htmllib.unescape(public.get(f"/progress/plans/{levels['plan']}").get_data(as_text=True))
    goal_part = tracker.split(f'id="goal-{levels["goal"]}"', 1)[1].split(f'id="strategy-{levels["strategy"]}"', 1)
    link = f'href="/reports/{report_id}#theme-{levels["theme"]}"'
    assert "Because residents said" in goal_part[0] and link in goal_part[0] and "(Supports)" in goal_part[0]
    assert "Because residents said" in goal_part[1] and link in goal_part[1] and "Dark streets" in goal_part[1]
    report = htmllib.unescape(public.get(f"/reports/{report_id}").get_data(as_text=True))
    assert "Plan goal" in report and "Streets people feel safe on" in report and "Light every route" in report
    assert f'href="/progress/plans/{levels["plan"]}#goal-{levels["goal"]}"' in report


def test_upgrade_keeps_the_links_and_takes_goals_and_strategies(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/links.sqlite3")
    with app.app_context():
        flask_migrate.upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            _seed(conn)
        flask_migrate.upgrade()
        with db.engine.begin() as conn:
            assert conn.execute(text("SELECT id, action_item_id, status FROM theme_links")).all() == [
                (1, 2, "confirmed")]
            conn.execute(text("INSERT INTO plan_goals (id, plan_id, position, number, title) "
                              "VALUES (1, 1, 1, '1', 'Safe streets')"))
            conn.execute(text("INSERT INTO theme_links (id, theme_id, goal_id, status) VALUES (2, 1, 1, 'confirmed')"))
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # Exactly one target: two, or none, is refused.
        for targets in ("goal_id = 1, action_item_id = 2", "goal_id = NULL, action_item_id = NULL"):
            with pytest.raises(IntegrityError), db.engine.begin() as conn:
                conn.execute(text(f"UPDATE theme_links SET {targets} WHERE id = 1"))
        with db.engine.begin() as conn:  # deleting the goal deletes its links, not the others
            conn.execute(text("DELETE FROM plan_goals WHERE id = 1"))
            assert conn.execute(text("SELECT id FROM theme_links")).scalars().all() == [1]
            conn.execute(text("INSERT INTO plan_goals (id, plan_id, position, number, title) "
                              "VALUES (1, 1, 1, '1', 'Safe streets')"))
            conn.execute(text("INSERT INTO theme_links (id, theme_id, goal_id, status) VALUES (2, 1, 1, 'confirmed')"))
        flask_migrate.downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT id, action_item_id FROM theme_links")).all() == [(1, 2)]
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
