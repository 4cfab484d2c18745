"""Faults a city will meet: a locked or unreachable database gives a friendly 503 and
leaves nothing half-written."""
import sqlite3

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from support import PASSWORDS

from app.extensions import db
from app.models import AuditEntry


def test_database_down_gives_a_friendly_503(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:9/heard?connect_timeout=2")
    response = app.test_client().get("/", headers={"Accept-Language": "es"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert '<html lang="es"' in html
    assert "Traceback" not in html


class SQLiteHolder:
    """Another program holding SQLite's lock (sqlite3 on the same file)."""

    def __init__(self, app, path):
        self.connection = sqlite3.connect(path)
        self.connection.execute("BEGIN EXCLUSIVE")

    def release(self):
        self.connection.rollback()
        self.connection.close()


class HeardHolder:
    """Another Heard writer that does not let go (BEGIN IMMEDIATE, never committed)."""

    def __init__(self, app, path):
        with app.app_context():
            self.connection = db.engine.connect()
            self.connection.begin()

    def release(self):
        self.connection.rollback()
        self.connection.close()


@pytest.mark.parametrize("holder_kind", [SQLiteHolder, HeardHolder])
def test_locked_database_refuses_a_write_cleanly(app, make_app, make_user, database_uri, holder_kind):
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite":
        pytest.skip("SQLite lock behaviour")
    _id, email = make_user("organizer")
    impatient = make_app(SQLITE_BUSY_TIMEOUT=0.2)
    with impatient.app_context():
        before = db.session.scalar(select(func.count(AuditEntry.id)))
    holder = holder_kind(app, url.database)
    try:
        response = impatient.test_client().post("/auth/sign-in",
                                                data={"email": email, "password": PASSWORDS["organizer"]})
    finally:
        holder.release()
    assert response.status_code == 503
    assert b"Nothing was saved" in response.data
    with impatient.app_context():
        assert db.session.scalar(select(func.count(AuditEntry.id))) == before
