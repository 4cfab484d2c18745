"""SQLite transactions: writers take the lock up front and queue; views marked reads_only
read without it on GET, and views marked reads_first read without it until their service
calls begin_write()."""
import threading
import time

import pytest
from flask import g
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from app.database import _reading_request, begin_write, insert_row, reads_first, reads_only
from app.extensions import db
from app.models import AuditEntry


@reads_only
def page():
    return _reading_request()


def test_marked_view_reads_without_the_write_lock_on_get(app):
    with app.test_request_context("/", method="GET"):
        assert page() is True


def test_marked_view_takes_the_write_lock_on_post(app):
    with app.test_request_context("/", method="POST"):
        assert page() is False


def test_unmarked_requests_and_commands_take_the_write_lock(app):
    with app.test_request_context("/", method="GET"):
        assert _reading_request() is False
        assert "heard_reads_only" not in g
    with app.app_context():
        assert _reading_request() is False


# -- writers queue; reads_first views hold the lock only while writing -----------------------


def _sqlite_only(database_uri):
    if make_url(database_uri).get_backend_name() != "sqlite":
        pytest.skip("SQLite's write lock")


def test_a_second_writer_waits_for_the_first_and_then_goes(app, database_uri):
    _sqlite_only(database_uri)
    with app.app_context():
        first = db.engine.connect()
        first.begin()  # BEGIN IMMEDIATE: takes SQLite's write lock
        first.execute(text("INSERT INTO audit_log (at, action, object_type, details) "
                           "VALUES (CURRENT_TIMESTAMP, 'test.first', '', '{}')"))
        began = {}

        def second_writer():
            with app.app_context(), db.engine.connect() as second:
                second.begin()
                began["at"] = time.monotonic()
                second.rollback()

        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        assert "at" not in began  # still queued behind the first writer
        committed = time.monotonic()
        first.commit()
        first.close()
        thread.join(5)
        assert began["at"] >= committed


@reads_first
def write_after_reading():
    reading = _reading_request()
    db.session.execute(select(1)).all()  # a read in the deferred transaction
    begin_write()
    writing = _reading_request()
    insert_row(AuditEntry, action="test.write", object_type="", details={})
    db.session.commit()
    return reading, writing


def test_reads_first_reads_deferred_and_begin_write_takes_the_lock(app):
    with app.test_request_context("/", method="POST"):
        assert write_after_reading() == (True, False)
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(AuditEntry.action == "test.write")) == 1


def test_begin_write_refuses_to_come_after_a_change(app):
    with app.test_request_context("/", method="POST"):
        g.heard_reads_only = True
        db.session.add(AuditEntry(action="test.pending", object_type="", details={}))
        with pytest.raises(RuntimeError):
            begin_write()
        db.session.rollback()


def test_begin_write_does_nothing_outside_reads_first_views(app):
    with app.test_request_context("/", method="POST"):
        db.session.execute(select(1)).all()
        begin_write()
        assert db.session().in_transaction()  # the request's transaction goes on
        db.session.rollback()
