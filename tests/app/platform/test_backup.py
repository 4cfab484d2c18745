"""A backup restored into a fresh instance holds every registration and every note."""
import secrets

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from app.extensions import db
from app.models import ListeningSession, Note, Registration


def _add_registrations(app, count=25):
    with app.app_context():
        session = db.session.scalars(select(ListeningSession)).first()
        for index in range(count):
            db.session.add(Registration(
                session_id=session.id, name=f"Resident {index} «ñ»", email=f"r{index}@example.org",
                email_key=f"r{index}@example.org", preferred_language="es", status="waitlisted",
                manage_token_hash=secrets.token_hex(32),
            ))
        db.session.commit()


def _snapshot(app):
    with app.app_context():
        registrations = sorted((r.id, r.name, r.email, r.status) for r in db.session.scalars(select(Registration)))
        notes = sorted((n.id, n.text, n.language, n.translation_en) for n in db.session.scalars(select(Note)))
    return registrations, notes


@pytest.fixture
def fresh_database_uri(database_uri, tmp_path):
    url = make_url(database_uri)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path}/restored.sqlite3"
        return
    name = "heard_restore_" + secrets.token_hex(4)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_backup_and_restore_into_a_fresh_instance(app, demo, runner, make_app, fresh_database_uri, tmp_path):
    _add_registrations(app)
    before = _snapshot(app)
    assert len(before[0]) == 25 and len(before[1]) >= 20

    path = tmp_path / "heard.backup"
    result = runner.invoke(args=["backup", "--output", str(path)])
    assert result.exit_code == 0, result.output
    assert path.exists() and path.stat().st_size > 0

    fresh = make_app(SQLALCHEMY_DATABASE_URI=fresh_database_uri)
    result = fresh.test_cli_runner().invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot(fresh) == before
    # The restored instance serves pages.
    assert fresh.test_client().get("/").status_code == 200


def test_restore_refuses_a_file_that_is_not_a_backup(app, runner, tmp_path):
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"this is not a database")
    result = runner.invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    assert "bogus.backup" in result.output


def test_restore_asks_before_replacing(app, runner, tmp_path):
    result = runner.invoke(args=["restore", str(tmp_path / "x.backup")], input="n\n")
    assert result.exit_code != 0
