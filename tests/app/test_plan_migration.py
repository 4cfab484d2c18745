"""a19b0c0de5a1 adds goals, strategies and owners to action plans without rebuilding
action_items (a rebuild would delete every theme link to an action), and gives each plan's
goal texts a goal of their own."""
import flask_migrate
from sqlalchemy import text

from app.extensions import db

BEFORE = "da8ca0fa9149"


def _seed(conn):
    conn.execute(text("INSERT INTO engagements (id, slug, default_language, organization) VALUES (1, 'e', 'en', '')"))
    conn.execute(text("INSERT INTO action_plans (id, engagement_id, title) VALUES (1, 1, 'Plan')"))
    rows = [(1, 1, "1.1", "Safe streets", "Lights"), (2, 2, "1.2", "Safe streets", "Sidewalks"),
            (3, 3, "2.1", "Language access", "Interpreters"), (4, 4, "", "", "Unfiled")]
    for item_id, position, number, goal, step in rows:
        conn.execute(text(
            "INSERT INTO action_items (id, plan_id, position, number, goal, action_step, departments, status, "
            "progress_note) VALUES (:id, 1, :position, :number, :goal, :step, '', 'planning', '')"),
            {"id": item_id, "position": position, "number": number, "goal": goal, "step": step})
    conn.execute(text(
        "INSERT INTO analysis_runs (id, engagement_id, status, params, note_count, progress, stage) "
        "VALUES (1, 1, 'done', '{}', 0, 100, '')"))
    conn.execute(text(
        "INSERT INTO themes (id, run_id, key, position, machine_label, label, summary, keywords, status) "
        "VALUES (1, 1, 't', 1, 'm', 'l', '', '[]', 'accepted')"))
    conn.execute(text("INSERT INTO theme_links (id, theme_id, action_item_id, status) VALUES (1, 1, 2, 'confirmed')"))


def test_goals_come_from_goal_texts_and_links_survive(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/plans.sqlite3")
    with app.app_context():
        flask_migrate.upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            _seed(conn)
        flask_migrate.upgrade()
        with db.engine.connect() as conn:
            goals = conn.execute(text("SELECT id, number, title, position FROM plan_goals ORDER BY position")).all()
            assert [(g.number, g.title, g.position) for g in goals] == [("1", "Safe streets", 1),
                                                                         ("2", "Language access", 2)]
            items = dict(conn.execute(text("SELECT id, goal_id FROM action_items")).all())
            assert items == {1: goals[0].id, 2: goals[0].id, 3: goals[1].id, 4: None}
            assert conn.execute(text("SELECT count(*) FROM theme_links")).scalar() == 1
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            assert conn.execute(text("SELECT owner, partners, quarter FROM action_items WHERE id = 1")).one() == (
                "", "", "")
        with db.engine.begin() as conn:  # the new foreign key acts: a deleted goal leaves its items
            conn.execute(text("DELETE FROM plan_goals WHERE id = :id"), {"id": goals[1].id})
            assert conn.execute(text("SELECT goal_id FROM action_items WHERE id = 3")).scalar() is None

        flask_migrate.downgrade(revision=BEFORE)
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM action_items")).scalar() == 4
            assert conn.execute(text("SELECT count(*) FROM theme_links")).scalar() == 1
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            columns = {row[1] for row in conn.execute(text("PRAGMA table_info(action_items)"))}
            assert "goal_id" not in columns and "owner" not in columns
