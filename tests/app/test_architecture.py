"""The layering docs/architecture.md describes, checked on the source.

import-linter's contracts (pyproject.toml, ``[tool.importlinter]``) hold the import rules: the
layers, blueprints independent of each other, ``analysis`` free of the app, Flask and SQLAlchemy,
only the bridge importing ``analysis``, no import cycles in the services. The rules it cannot
express are checked here on the syntax tree."""
import ast
import importlib
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
APP = ROOT / "app"
BLUEPRINTS = ["public", "capture", "review", "admin", "auth"]
GUARDED = {"capture", "review", "admin"}  # public and auth pages are for people without a staff session


def imports(path):
    """Absolute names imported by a module, resolving relative imports inside ``app``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(path.relative_to(APP.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def modules(folder):
    return sorted((APP / folder).rglob("*.py")) if folder else sorted(APP.rglob("*.py"))


def test_the_import_contracts_hold():
    """``lint-imports`` (as ``make lint`` runs it), so a broken contract fails the suite too."""
    command = shutil.which("lint-imports", path=os.path.dirname(sys.executable)) or shutil.which("lint-imports")
    assert command, "lint-imports is missing: pip install -e '.[test]'"
    result = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_models_import_only_extensions():
    for path in modules("models"):
        bad = [n for n in imports(path) if n.startswith("app.") and not (n.startswith("app.extensions") or n.startswith("app.models"))]
        assert not bad, f"{path} imports {bad}"


# Request state belongs to the blueprints: a service is told who acts and with what values.
REQUEST_STATE = {"flask.g", "flask.session", "flask.request", "flask_login.current_user",
                 "flask_login.login_user", "flask_login.logout_user"}


@pytest.mark.parametrize("path", modules("services"), ids=lambda p: str(p.relative_to(APP)))
def test_services_do_not_read_request_state(path):
    bad = sorted(imports(path) & REQUEST_STATE)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad += sorted(f"flask.{node.attr}" for node in ast.walk(tree)
                  if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id == "flask" and f"flask.{node.attr}" in REQUEST_STATE)
    assert not bad, f"{path.relative_to(APP)} uses {bad}"


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_every_blueprint_has_the_same_shape(blueprint):
    """``views`` makes ``bp``; ``__init__`` applies the guard and lists in ``routes`` every module
    that adds pages to ``bp``; the forms live in ``forms`` (and ``<feature>_forms``)."""
    folder = APP / blueprint
    package = importlib.import_module(f"app.{blueprint}")
    assert package.bp is package.views.bp
    assert (folder / "forms.py").is_file()
    sources = {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.py")}
    assert [name for name, text in sources.items() if "Blueprint(" in text] == ["views"]
    assert [name for name, text in sources.items() if "guard(" in text] == (
        ["__init__"] if blueprint in GUARDED else [])
    with_pages = {name for name, text in sources.items() if "@bp." in text or "bp.add_url_rule" in text}
    assert {module.__name__.rpartition(".")[2] for module in package.routes} == with_pages


def test_no_module_is_over_400_lines():
    """A module that grows past 400 lines covers two concepts: split it and name each part."""
    root = pathlib.Path(__file__).resolve().parents[2]
    long = {str(path.relative_to(root)): n for package in ("app", "analysis")
            for path in (root / package).rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}
