"""Faults a city will meet: a locked or unreachable database gives a friendly 503 and
leaves nothing half-written."""
import sqlite3

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.extensions import db
from app.models import AuditEntry
from support import PASSWORDS


def test_database_down_gives_a_friendly_503(make_app):
    app = make_app(SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:9/heard?connect_timeout=2")
    response = app.test_client().get("/", headers={"Accept-Language": "es"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    html = response.get_data(as_text=True)
    assert '<html lang="es"' in html
    assert "Traceback" not in html


def test_locked_database_refuses_a_write_cleanly(app, make_app, make_user, database_uri):
    url = make_url(database_uri)
    if url.get_backend_name() != "sqlite":
        pytest.skip("SQLite lock behaviour")
    _id, email = make_user("organizer")
    impatient = make_app(SQLITE_BUSY_TIMEOUT=0.2)
    with impatient.app_context():
        before = db.session.scalar(select(func.count(AuditEntry.id)))
    holder = sqlite3.connect(url.database)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        response = impatient.test_client().post("/auth/sign-in",
                                                data={"email": email, "password": PASSWORDS["organizer"]})
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    assert b"Nothing was saved" in response.data
    with impatient.app_context():
        assert db.session.scalar(select(func.count(AuditEntry.id))) == before
