"""The migrations build the schema the models describe, from an empty database."""
import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from app.extensions import db


def test_models_and_migrations_agree(app):
    # The session fixture upgraded this database from empty with the migrations.
    with app.app_context(), db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []


def test_upgrade_from_empty_and_downgrade(make_app, tmp_path):
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/fresh.sqlite3")
    with app.app_context():
        flask_migrate.upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert {"registrations", "notes", "themes", "theme_links", "audit_log", "alembic_version"} <= tables
        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}


def test_constraints_are_named(app):
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            assert constraint.name, f"unnamed constraint on {table.name}"


def test_seats_beyond_capacity_migration_keeps_every_row(make_app, tmp_path):
    """2a322705561d lets seats_taken pass capacity without rebuilding listening_sessions (a
    rebuild drops the table, and the drop would cascade to registrations); down again, the
    capacity grows to hold the people seated beyond it."""
    app = make_app(SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/seats.sqlite3")
    rows = {"engagements": 1, "listening_sessions": 1, "registrations": 2}

    def counts():
        with db.engine.connect() as conn:
            return {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() for table in rows}

    with app.app_context():
        flask_migrate.upgrade(revision="0f37f488ff4a")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO engagements (id, slug, default_language, organization) "
                              "VALUES (1, 'e', 'en', '')"))
            conn.execute(text(
                "INSERT INTO listening_sessions (id, engagement_id, slug, starts_at, ends_at, timezone, venue_name, "
                "venue_address, capacity, seats_taken, status, interpretation_languages, childcare_offered, "
                "wheelchair_accessible) VALUES (1, 1, 's', '2026-12-10 18:00:00', '2026-12-10 20:00:00', 'UTC', "
                "'', '', 1, 1, 'published', '[]', 0, 1)"))
            for number, status in ((1, "confirmed"), (2, "waitlisted")):
                conn.execute(text(
                    "INSERT INTO registrations (id, session_id, name, preferred_language, childcare_needed, "
                    "children_count, children_ages, access_needs, access_other, dietary, heard_from, "
                    "consent_followup, status, walk_in, manage_token_hash) VALUES "
                    f"({number}, 1, 'P{number}', 'en', 0, 0, '[]', '[]', '', '', '', 0, '{status}', 0, 'h{number}')"))
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE listening_sessions SET seats_taken = 2"))

        flask_migrate.upgrade()
        assert counts() == rows
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE registrations SET status = 'attended' WHERE id = 2"))
            conn.execute(text("UPDATE listening_sessions SET seats_taken = 2"))  # one beyond capacity
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE listening_sessions SET seats_taken = -1"))
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"

        flask_migrate.downgrade(revision="0f37f488ff4a")
        assert counts() == rows
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT capacity, seats_taken FROM listening_sessions")).one() == (2, 2)
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text("UPDATE listening_sessions SET seats_taken = 3"))
