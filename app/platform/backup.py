"""Backups: SQLite's online backup API, or pg_dump for PostgreSQL; and the matching restore.

A backup is consistent while Heard keeps serving. Restoring replaces the whole database:
stop the app first.
"""
import os
import shutil
import sqlite3

# pg_dump and pg_restore run with argument lists, never through a shell.
import subprocess  # nosec B404
from datetime import UTC, datetime

from sqlalchemy.engine import make_url

from ..extensions import db


class BackupError(RuntimeError):
    pass


def _url():
    return make_url(db.engine.url.render_as_string(hide_password=False))


def default_path(instance_path, url=None):
    url = url or _url()
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if url.get_backend_name() == "sqlite" else "pgdump"
    return os.path.join(instance_path, "backups", f"heard-{stamp}.{suffix}")


def backup(path):
    url = _url()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database)
        target = sqlite3.connect(path)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    elif url.get_backend_name() == "postgresql":
        _run_pg(["pg_dump", "--format=custom", "--no-owner", "--file", path], url)
    else:
        raise BackupError(f"no backup method for {url.get_backend_name()}")
    return path


def restore(path):
    """Replace the current database with the backup at ``path``."""
    if not os.path.exists(path):
        raise BackupError(f"{path}: no such backup file")
    url = _url()
    db.session.remove()
    db.engine.dispose()
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(path)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path}: the backup fails SQLite's integrity check")
            target = sqlite3.connect(url.database)
            try:
                with target:
                    source.backup(target)
            finally:
                target.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path}: not a SQLite backup ({error})") from None
        finally:
            source.close()
    elif url.get_backend_name() == "postgresql":
        try:
            _run_pg(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"], url, path)
        except BackupError as error:
            raise BackupError(f"{path}: {error}") from None
    else:
        raise BackupError(f"no restore method for {url.get_backend_name()}")


def _pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        (d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()), key=int, reverse=True
    ) if os.path.isdir("/usr/lib/postgresql") else []
    for version in versions:
        candidate = f"/usr/lib/postgresql/{version}/bin/{name}"
        if os.path.exists(candidate):
            return candidate
    raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")


def _run_pg(args, url, input_path=None):
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    command = [_pg_tool(args[0]), *args[1:],
               "--host", url.host or "localhost", "--port", str(url.port or 5432),
               "--username", url.username or "postgres", "--dbname", url.database or "postgres"]
    if input_path:
        command.append(input_path)
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        raise BackupError(f"{args[0]} failed: {result.stderr.strip()[:500]}")
