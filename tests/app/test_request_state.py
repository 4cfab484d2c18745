"""Services do not read request state: the acting user and what the request carries are
passed in by the blueprints (issue 21). flask.g, the cookie session, the request and
flask_login's login_user/logout_user/current_user live in app/admin, app/auth, app/public,
app/capture and app/review."""
import ast
from pathlib import Path

import app

SERVICES = Path(app.__file__).parent / "services"
REQUEST_STATE = {"flask": {"g", "session", "request"},
                 "flask_login": {"login_user", "logout_user", "current_user"}}


def _reads_of_request_state(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in REQUEST_STATE:
            found += [f"{node.module}.{a.name}" for a in node.names if a.name in REQUEST_STATE[node.module]]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "flask" \
                and node.attr in REQUEST_STATE["flask"]:
            found.append(f"flask.{node.attr}")
    return found


def test_no_service_reads_request_state():
    reads = {str(path.relative_to(SERVICES)): found for path in sorted(SERVICES.rglob("*.py"))
             if (found := _reads_of_request_state(path))}
    assert reads == {}
