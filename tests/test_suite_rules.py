"""Rules the test suite keeps about itself, checked on its own source."""
import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _calls_and_keywords(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            yield node.lineno, node.func.attr
        if isinstance(node, ast.keyword) and node.arg:
            yield node.value.lineno, node.arg
        if isinstance(node, ast.Dict):
            for key in node.keys:
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    yield key.lineno, key.value


def test_no_test_needs_the_page_to_evaluate_strings_or_bypass_its_csp():
    """``page.wait_for_function`` compiles its predicate inside the page, which Heard's CSP
    (no ``unsafe-eval``) refuses on some Chromium versions; browser tests poll with
    ``browser.waiting.wait_until`` instead, and never switch the page's CSP off."""
    found = [f"{path.relative_to(TESTS)}:{line} {name}"
             for path in sorted(TESTS.rglob("*.py"))
             for line, name in _calls_and_keywords(path)
             if name in ("wait_for_function", "bypass_csp", "bypassCSP")]
    assert found == []


def test_the_app_tests_mirror_the_packages():
    """tests/app/ holds the tests of the app as a whole; below it, each folder is named for the
    package of app/ whose code its tests drive (tests/app/services/equity/ for app/services/equity/)."""
    app = TESTS.parent / "app"
    folders = [path.relative_to(TESTS / "app") for path in sorted((TESTS / "app").rglob("*"))
               if path.is_dir() and path.name != "__pycache__"]
    assert folders, "tests/app/ has no folders"
    assert [str(folder) for folder in folders if not (app / folder / "__init__.py").is_file()] == []
