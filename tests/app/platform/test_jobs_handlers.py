"""Job handlers register themselves (``@jobs.handler``) in the modules the jobs belong to, and
the app factory imports those modules: every job that any code enqueues has its handler in a
fresh app (a worker process is one), and the platform layer imports no service to get there."""
import ast
import os
import pathlib
import subprocess
import sys

from tests.app.test_architecture import APP, imports, modules


def _module_strings(tree):
    """Module-level ``NAME = "text"`` constants of a module."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.update((target.id, node.value.value) for target in node.targets if isinstance(target, ast.Name))
    return found


def enqueued_job_names():
    """The job names of every ``jobs.enqueue(name, ...)`` and ``jobs.job_values(name, ...)`` (the
    columns of a job written with other rows) in app/, a text or a module constant."""
    names = {}
    for path in modules(None):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_strings(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("enqueue", "job_values")
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "jobs"):
                first = node.args[0]
                name = first.value if isinstance(first, ast.Constant) else constants.get(getattr(first, "id", None))
                assert name, f"{path}:{node.lineno}: the job name is neither a text nor a module constant"
                names.setdefault(name, str(path.relative_to(APP)))
    return names


def test_every_enqueued_job_has_its_handler_in_a_fresh_app(tmp_path):
    enqueued = enqueued_job_names()
    assert {"analysis.run", "analysis.place", "codebook.tag", "notes.encode", "outbox.send",
            "digests.queue"} <= set(enqueued)
    # A new interpreter, as a worker process starts: only the app factory loads the handlers.
    script = ("from app import create_app\nfrom app.platform import jobs\nassert not jobs.HANDLERS\n"
              "create_app({'TESTING': True, 'SECRET_KEY': 'x'})\nprint(' '.join(sorted(jobs.HANDLERS)))")
    env = {**os.environ, "HEARD_INSTANCE_PATH": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], cwd=APP.parent, env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    missing = {name: where for name, where in enqueued.items() if name not in out}
    assert not missing, f"jobs enqueued without a handler in a fresh app: {missing}"


def test_the_platform_imports_no_service():
    for path in modules("platform"):
        bad = sorted(n for n in imports(path) if n == "app.services" or n.startswith("app.services."))
        assert not bad, f"{path} imports {bad}"


def test_job_handlers_live_with_their_jobs_not_in_the_bridge():
    bridge = pathlib.Path(APP / "services/insights/bridge.py").read_text(encoding="utf-8")
    assert "jobs.handler" not in bridge and "commit()" not in bridge and "db.session" not in bridge
