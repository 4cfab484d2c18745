"""Database wiring: SQLite pragmas and ``BEGIN IMMEDIATE`` so writers queue instead of failing."""
import fcntl
import functools
import os
import sqlite3
import threading
import time

from flask import current_app, g, has_request_context, request
from sqlalchemy import event

from .extensions import db, migrate


def init_app(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        timeout = app.config["SQLITE_BUSY_TIMEOUT"]
        options["connect_args"] = {"timeout": timeout, "factory": WriterQueueConnection,
                                   **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    migrate.init_app(
        app, db, directory=_migrations_dir(), render_as_batch=True, compare_type=True,
        render_item=render_item,
    )
    if uri.startswith("sqlite"):
        app.before_request_funcs.setdefault(None, []).insert(0, _mark_request)
        with app.app_context():
            _configure_sqlite(db.engine, app.config["SQLITE_BUSY_TIMEOUT"])


def render_item(type_, obj, autogen_context):
    """Autogenerate writes plain ``sa`` types: revisions never import the models."""
    if type_ == "type" and type(obj).__name__ == "UTCDateTime":
        return "sa.DateTime(timezone=True)"
    return False


def _migrations_dir():
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "migrations")


def _configure_sqlite(engine, busy_timeout):
    """WAL, foreign keys, and transactions that take the write lock up front.

    A deferred SQLite transaction that reads and then writes fails with "database is
    locked" under concurrency; ``BEGIN IMMEDIATE`` makes it wait its turn instead. Views
    marked :func:`reads_only` keep a deferred BEGIN for their GET requests, and views marked
    :func:`reads_first` until their service calls :func:`begin_write`.
    """

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # let SQLAlchemy's begin event issue BEGIN
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn):
        if _reading_request():
            conn.exec_driver_sql("BEGIN")
            return
        queued = conn.connection.dbapi_connection
        if isinstance(queued, WriterQueueConnection):
            queued.wait_turn(busy_timeout)
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            if isinstance(queued, WriterQueueConnection):
                queued.leave_queue()
            raise


class WriterQueueConnection(sqlite3.Connection):
    """A SQLite connection whose writers queue on a file lock (``flock``) before ``BEGIN
    IMMEDIATE``, and leave the queue when they commit, roll back or close.

    SQLite's own wait for the write lock (the busy timeout) sleeps 1, 2, 5, 10 ms... between
    tries, so under a rush of registrations a worker slept past the moment the lock came
    free (11 % of the workers' time on the benchmark, issue 22). Here a waiting writer tries
    the file lock every 50 to 500 microseconds instead. Another program that writes without
    the queue (the ``sqlite3`` shell) is still waited for by SQLite's busy timeout, and a
    writer that waited ``busy_timeout`` seconds in the queue stops queueing and lets SQLite
    decide (so "database is locked" comes after the busy timeout at most twice).

    A thread that already holds the queue through another connection does not queue again
    (it would wait for itself): that connection waits on SQLite's lock as before. The lock
    file is the database's path with ``-writers``; in-memory databases do not queue."""

    _queue = None  # the lock file, open while this connection holds the queue

    def __init__(self, database, *args, **kwargs):
        super().__init__(database, *args, **kwargs)
        name = os.fsdecode(database) if isinstance(database, (str, bytes, os.PathLike)) else ""
        self._queue_path = None if kwargs.get("uri") or name in ("", ":memory:") else name + "-writers"

    def wait_turn(self, timeout):
        if self._queue is not None or self._queue_path is None or threading.get_ident() in _HOLDERS:
            return
        queue = open(self._queue_path, "a+b")  # closed with this connection if never released
        deadline, pause = time.monotonic() + timeout, 0.00005
        while True:
            try:
                fcntl.flock(queue, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    queue.close()  # waited long enough: SQLite's busy timeout decides
                    return
                time.sleep(pause)
                pause = min(pause * 2, 0.0005)
        self._queue, self._holder = queue, threading.get_ident()
        _HOLDERS.add(self._holder)

    def leave_queue(self):
        queue, self._queue = self._queue, None
        if queue is not None:
            _HOLDERS.discard(self._holder)  # also when another thread ends the transaction
            queue.close()  # releases the lock

    def commit(self):
        try:
            super().commit()
        finally:
            self.leave_queue()

    def rollback(self):
        try:
            super().rollback()
        finally:
            self.leave_queue()

    def close(self):
        try:
            super().close()
        finally:
            self.leave_queue()


_HOLDERS = set()  # the threads of this process that hold the writers' queue


def _reading_request():
    return has_request_context() and g.get("heard_reads_only", False)


def begin_write():
    """Start writing: a view marked :func:`reads_first` ends its read transaction here, so
    the service's next statement opens ``BEGIN IMMEDIATE`` and takes the write lock. What
    was loaded stays loaded (reload what the write depends on). Elsewhere it does nothing."""
    if not (has_request_context() and g.get("heard_reads_only")):
        return
    g.heard_reads_only = False
    session = db.session()
    if session.new or session.dirty or session.deleted:
        raise RuntimeError("begin_write() must come before the first change")
    if db.engine.dialect.name != "sqlite":
        return  # PostgreSQL locks rows, not the database: the transaction simply goes on
    if session.in_transaction():
        commit_keeping_loaded()  # only reads: ends the deferred transaction


def commit_keeping_loaded():
    """Commit, and leave loaded objects as they are instead of expiring them: for a service
    that returns what it just wrote, so reading it back costs no query."""
    session = db.session()
    keep, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = keep


def insert_row(model, **values):
    """INSERT one row of ``model``'s table in the session's transaction and return its id.

    For the busiest writes (a registration, its message and job, audit rows): a plain INSERT
    costs a fraction of an ORM flush. Column defaults apply as usual; no object is added to
    the session, so load one with ``db.session.get`` if you need it."""
    statement = _INSERTS.get(model)
    if statement is None:
        statement = _INSERTS[model] = model.__table__.insert()  # built once: its compiled form is cached
    return db.session.connection().execute(statement, values).inserted_primary_key[0]


_INSERTS = {}


def with_defaults(model, values):
    """``values`` with the Python-side defaults of ``model``'s other columns, as an INSERT of
    ``values`` would write them: for rows written by a statement that SQLAlchemy does not
    fill in (an INSERT from a SELECT inside another statement). A default computed from the
    statement's other values is not supported."""
    filled = dict(values)
    for column in model.__table__.c:
        default = column.default
        if column.key in filled or default is None:
            continue
        if default.is_callable:
            filled[column.key] = default.arg(None)
        elif default.is_scalar:
            filled[column.key] = default.arg
        else:
            raise ValueError(f"{model.__name__}.{column.key}: a default of this kind is not filled in here")
    return filled


def reads_first(view):
    """Mark a view that reads (the signed-in user, the form's choices) before its service
    writes. On SQLite its reads run in a deferred transaction, side by side with other
    workers, and the service calls :func:`begin_write` before its first read that the write
    depends on: the write lock is held only for the writing part, not for the whole request."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        g.heard_reads_only = True
        return view(*args, **kwargs)

    wrapper.heard_reads = "first"  # seen by _mark_request, before the user is loaded
    return wrapper


def reads_only(view):
    """Mark a view whose GET and HEAD requests never write.

    On SQLite those requests open a deferred BEGIN, so busy public pages read side by side
    (WAL) instead of queueing behind registrations. Every other transaction (forms, jobs,
    commands, and any view not marked) takes the write lock up front with BEGIN IMMEDIATE,
    because a deferred transaction that reads and then writes fails under concurrency.
    """

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if request.method in ("GET", "HEAD"):
            g.heard_reads_only = True
        return view(*args, **kwargs)

    wrapper.heard_reads = "only"
    return wrapper


def _mark_request():
    """Before any other hook (loading the signed-in user reads the database): a request to a
    view marked :func:`reads_only` (GET, HEAD) or :func:`reads_first` starts deferred."""
    view = current_app.view_functions.get(request.endpoint)
    mark = getattr(view, "heard_reads", None)
    if mark == "first" or (mark == "only" and request.method in ("GET", "HEAD")):
        g.heard_reads_only = True
