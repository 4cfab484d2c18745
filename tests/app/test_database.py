"""SQLite transactions: writers take the lock up front and queue; views marked reads_only
read without it on GET, and views marked reads_first read without it until their service
calls begin_write()."""
import fcntl
import sqlite3
import threading
import time

import pytest
from flask import g
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

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


def _writer_in_a_thread(app):
    """Start a writer in a thread of its own, give it 0.3 s to begin, and return (``began``,
    the thread): ``began["at"]`` is when its BEGIN went through (it then rolls back)."""
    began = {}

    def writer():
        with app.app_context(), db.engine.connect() as conn:
            conn.begin()
            began["at"] = time.monotonic()
            conn.rollback()

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(0.3)
    return began, thread


def test_a_second_writer_waits_for_the_first_and_then_goes(app, database_uri):
    _sqlite_only(database_uri)
    with app.app_context():
        first = db.engine.connect()
        first.begin()  # BEGIN IMMEDIATE: takes SQLite's write lock
        first.execute(text("INSERT INTO audit_log (at, action, object_type, details) "
                           "VALUES (CURRENT_TIMESTAMP, 'test.first', '', '{}')"))
        began, thread = _writer_in_a_thread(app)
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


# -- writers queue on a file lock before BEGIN IMMEDIATE (SQLite) --------------------------------


def _queue_taken(database_uri):
    """True while some writer holds the writers' queue of the test database."""
    with open(make_url(database_uri).database + "-writers", "a+b") as queue:
        try:
            fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False


@pytest.mark.parametrize("ending", ["commit", "rollback", "close"])
def test_a_writer_holds_the_queue_until_its_transaction_ends(app, database_uri, ending):
    _sqlite_only(database_uri)
    with app.app_context():
        writer = db.engine.connect()
        writer.begin()
        assert _queue_taken(database_uri)
        getattr(writer, ending)()
        assert not _queue_taken(database_uri)
        writer.close()


def test_readers_and_a_failed_begin_leave_the_queue_free(make_app, database_uri):
    _sqlite_only(database_uri)
    app = make_app(SQLITE_BUSY_TIMEOUT=0.2)
    with app.test_request_context("/", method="GET"):
        g.heard_reads_only = True
        db.session.execute(select(1)).all()  # a deferred BEGIN: no queue
        assert not _queue_taken(database_uri)
        db.session.rollback()
    other = sqlite3.connect(make_url(database_uri).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing without the queue (the sqlite3 shell)
    try:
        with app.app_context(), db.engine.connect() as writer:
            with pytest.raises(OperationalError, match="locked"):
                writer.begin()
            assert not _queue_taken(database_uri)
    finally:
        other.rollback()
        other.close()


def test_a_writer_waits_in_the_queue_and_goes_as_soon_as_it_is_free(app, database_uri):
    _sqlite_only(database_uri)
    with open(make_url(database_uri).database + "-writers", "a+b") as queue:
        fcntl.flock(queue, fcntl.LOCK_EX)  # another process's writer, between its BEGIN and COMMIT
        began, thread = _writer_in_a_thread(app)
        assert "at" not in began  # SQLite's lock is free: it waits in the queue
        freed = time.monotonic()
        fcntl.flock(queue, fcntl.LOCK_UN)
        thread.join(5)
    assert freed <= began["at"] < freed + 0.1  # a few tries of at most 0.5 ms, not SQLite's sleeps


def test_a_queue_held_too_long_leaves_the_decision_to_sqlite(make_app, database_uri):
    _sqlite_only(database_uri)
    app = make_app(SQLITE_BUSY_TIMEOUT=0.3)
    with open(make_url(database_uri).database + "-writers", "a+b") as queue:
        fcntl.flock(queue, fcntl.LOCK_EX)  # held and never given back, SQLite's lock free
        started = time.monotonic()
        with app.app_context():
            insert_row(AuditEntry, action="test.after-the-queue", object_type="", details={})
            db.session.commit()
            assert db.session.scalar(select(func.count()).where(AuditEntry.action == "test.after-the-queue")) == 1
        assert 0.3 <= time.monotonic() - started < 3


def test_a_thread_holding_the_queue_does_not_wait_for_itself(make_app, database_uri):
    _sqlite_only(database_uri)
    app = make_app(SQLITE_BUSY_TIMEOUT=0.3)
    with app.app_context():
        first = db.engine.connect()
        first.begin()
        second = db.engine.connect()
        started = time.monotonic()
        with pytest.raises(OperationalError, match="locked"):
            second.begin()  # SQLite's lock, held by this thread's first writer: busy timeout
        assert time.monotonic() - started < 3
        second.close()
        first.rollback()
        first.close()
        assert not _queue_taken(database_uri)
