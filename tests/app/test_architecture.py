"""The layering the README promises, checked on the source."""
import ast
import pathlib

import pytest

APP = pathlib.Path(__file__).resolve().parents[2] / "app"
BLUEPRINTS = ["public", "capture", "review", "admin", "auth"]


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


@pytest.mark.parametrize("blueprint", BLUEPRINTS)
def test_blueprints_do_not_import_each_other(blueprint):
    others = [f"app.{b}" for b in BLUEPRINTS if b != blueprint]
    for path in modules(blueprint):
        bad = [name for name in imports(path) if any(name == o or name.startswith(o + ".") for o in others)]
        assert not bad, f"{path} imports {bad}"


def test_models_import_only_extensions():
    for path in modules("models"):
        bad = [n for n in imports(path) if n.startswith("app.") and not (n.startswith("app.extensions") or n.startswith("app.models"))]
        assert not bad, f"{path} imports {bad}"


def test_only_the_bridge_calls_analysis():
    callers = sorted(str(p.relative_to(APP)) for p in modules(None)
                     if any(n == "analysis" or n.startswith("analysis.") for n in imports(p)))
    assert callers == ["services/insights/bridge.py"]


def test_services_do_not_import_blueprints():
    for path in modules("services"):
        bad = [n for n in imports(path) if any(n.startswith(f"app.{b}") for b in BLUEPRINTS)]
        assert not bad, f"{path} imports {bad}"
