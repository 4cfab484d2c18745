"""Database wiring: SQLite pragmas and ``BEGIN IMMEDIATE`` so writers queue instead of failing."""
import functools
import os

from flask import g, has_request_context, request
from sqlalchemy import event

from .extensions import db, migrate


def init_app(app):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
        timeout = app.config["SQLITE_BUSY_TIMEOUT"]
        options["connect_args"] = {"timeout": timeout, **options.get("connect_args", {})}
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    db.init_app(app)
    migrate.init_app(
        app, db, directory=_migrations_dir(), render_as_batch=True, compare_type=True,
        render_item=render_item,
    )
    if uri.startswith("sqlite"):
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
    marked :func:`reads_only` keep a deferred BEGIN for their GET requests.
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
        conn.exec_driver_sql("BEGIN" if _reading_request() else "BEGIN IMMEDIATE")


def _reading_request():
    return has_request_context() and g.get("heard_reads_only", False)


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

    return wrapper
