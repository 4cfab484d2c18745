import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from app import create_app
from app.config import ConfigError, normalise_database_url


def test_testing_config_is_applied(app):
    assert app.testing
    assert app.config["SECRET_KEY"]


def test_refuses_to_start_without_secret_key(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


ROOT = Path(__file__).resolve().parents[2]


def test_apps_built_in_tests_use_a_throwaway_instance_folder(app, make_app):
    developers = Flask("app").instance_path  # where `make run` keeps its instance folder
    for built in (app, make_app(), create_app({"TESTING": True})):
        assert os.path.realpath(built.instance_path) != os.path.realpath(developers)
        assert not os.path.realpath(built.instance_path).startswith(str(ROOT) + os.sep)


@pytest.mark.own_database
def test_a_secret_key_in_the_instance_folder_does_not_reach_the_tests(tmp_path):
    """`make run` writes a SECRET_KEY to instance/config.py; `make test` afterwards must not see
    it. A clone made of links to this one, with such a key in its own instance folder, runs the
    test that needs no key; the developer's own instance folder is never touched."""
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("app", "tests", "translations", "pyproject.toml"):
        (clone / name).symlink_to(ROOT / name)
    (clone / "instance").mkdir()
    (clone / "instance" / "config.py").write_text("SECRET_KEY = %r\n" % ("k" * 64))
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("HEARD_", "PYTEST_", "FLASK_"))
           and name not in ("SECRET_KEY", "DATABASE_URL")}
    probe = "import app, flask; print(flask.Flask('app').instance_path)"
    where = subprocess.run([sys.executable, "-c", probe], cwd=clone, env=env, capture_output=True,
                           text=True, timeout=120, check=True).stdout.strip()
    assert where == str(clone / "instance")  # the clone's app would read the clone's key
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/app/test_factory.py::test_refuses_to_start_without_secret_key"],
        cwd=clone, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


@pytest.mark.parametrize("weak", ["dev", "change-me", "short-key"])
def test_refuses_weak_secret_key(monkeypatch, tmp_path, weak):
    monkeypatch.setenv("SECRET_KEY", weak)
    with pytest.raises(ConfigError):
        create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "a" * 40)
    monkeypatch.setenv("HEARD_LANGUAGES", "en,es,ar")
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app()
    assert app.config["SECRET_KEY"] == "a" * 40
    assert app.config["HEARD_LANGUAGES"] == ["en", "es", "ar"]
    assert app.config["MAIL_SERVER"] == "smtp.example.org"
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.db")


def test_overrides_win_over_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "b" * 40)
    app = create_app({"SECRET_KEY": "c" * 40, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/o.db"})
    assert app.config["SECRET_KEY"] == "c" * 40


def test_unknown_language_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("HEARD_LANGUAGES", "en,klingon")
    with pytest.raises(ConfigError, match="klingon"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db"})


def test_instance_config_file_is_read_and_environment_wins(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / "config.py").write_text("SECRET_KEY = %r\nRETENTION_DAYS = 30\n" % ("d" * 40))
    monkeypatch.setenv("HEARD_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("RETENTION_DAYS", "45")
    app = create_app()
    assert app.config["SECRET_KEY"] == "d" * 40
    assert app.config["RETENTION_DAYS"] == 45
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path}/heard.sqlite3"


def test_database_url_forms():
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("sqlite:///x") == "sqlite:///x"


def test_default_database_lives_in_instance_folder(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"TESTING": True})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + app.instance_path + "/heard.sqlite3"


def test_security_headers(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
