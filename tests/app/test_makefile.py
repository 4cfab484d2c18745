"""The Makefile's targets, run with stand-in commands that record how they were called: what
`make run HOST=... PORT=...` tells each command, and what the test targets run. Nothing here
touches the project's .venv or instance folder (make runs in a scratch folder)."""
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RECORDER = """#!/bin/sh
printf '%s %s|%s|%s\\n' "$(basename "$0")" "$*" "$FLASK_RUN_HOST" "$FLASK_RUN_PORT" >> "{log}"
"""

pytestmark = [
    pytest.mark.own_database,
    pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed"),
]


@pytest.fixture
def make(tmp_path):
    """``make(target, *variables)`` in a scratch folder with recording python, flask, pip,
    bandit, ruff and lint-imports; returns the recorded calls as (command line, FLASK_RUN_HOST, FLASK_RUN_PORT)."""
    work, bin_dir, log = tmp_path / "work", tmp_path / "bin", tmp_path / "calls.log"
    work.mkdir()
    bin_dir.mkdir()
    for name in ("python", "flask", "pip", "bandit", "ruff", "lint-imports"):
        script = bin_dir / name
        script.write_text(RECORDER.format(log=log))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    # Installed already, as far as make can tell: the stamps are newer than what they depend on.
    for name in ("pyproject.toml", "package-lock.json"):
        (work / name).write_text("")
        os.utime(work / name, (1_000_000_000, 1_000_000_000))
    (work / "node_modules").mkdir()
    stamps = (tmp_path / "installed", tmp_path / "installed-test",
              work / "node_modules" / ".package-lock.json")
    for stamp in stamps:
        stamp.write_text("")
    (work / "scripts").mkdir()
    for script in ("test-deps.sh", "with-postgres.sh"):  # record, then run what they wrap
        (work / "scripts" / script).write_text(f'echo "{script} $*||" >> "{log}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "MAKE", "HEARD_"))}

    def run(target, *variables, dry=False):
        log.write_text("")
        command = ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(work),
                   target, f"BIN={bin_dir}", f"STAMP={stamps[0]}", f"TEST_STAMP={stamps[1]}",
                   *variables]
        if dry:
            command.insert(1, "-n")
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        if dry:
            return result.stdout.splitlines()
        return [tuple(line.split("|")) for line in log.read_text().splitlines()]

    return run


@pytest.mark.parametrize("variables, host, port", [
    ((), "127.0.0.1", "5000"),
    (("PORT=5101",), "127.0.0.1", "5101"),
    (("HOST=0.0.0.0", "PORT=8123"), "0.0.0.0", "8123"),
])
def test_make_run_serves_where_asked_and_tells_every_command(make, variables, host, port):
    calls = make("run", *variables)
    flask_calls = [call for call in calls if call[0].startswith("flask ")]
    assert flask_calls == [
        ("flask db upgrade", host, port),
        ("flask demo load", host, port),  # prints the sign-ins, with this address
        (f"flask run --host {host} --port {port}", host, port),
    ]


def test_the_test_targets_have_recipes(make):
    sqlite = make("test-sqlite")
    assert ("test-deps.sh ", "", "") in sqlite
    pytest_calls = [call[0] for call in sqlite if call[0].startswith("python -m pytest")]
    assert pytest_calls == ["python -m pytest"]

    postgres = make("test-postgres")
    wrapped = [call[0] for call in postgres if call[0].startswith("with-postgres.sh")]
    assert len(wrapped) == 1
    assert "-m pytest tests/app tests/browser -m not own_database" in wrapped[0]

    fast = make("test-fast")
    pytest_calls = [call[0] for call in fast if "pytest" in call[0]]
    assert pytest_calls == ["python -m pytest -m not browser and not slow"]
    assert not any("test-deps" in call[0] or "postgres" in call[0] for call in fast)


def test_make_test_runs_the_tools_then_both_passes_in_order(make):
    calls = [call[0] for call in make("test")]
    steps = ("test-deps.sh", "ruff check .", "bandit -r app analysis", "lint-imports", "python -m pytest",
             "with-postgres.sh")
    order = [next(i for i, call in enumerate(calls) if call.startswith(step)) for step in steps]
    assert order == sorted(order)
