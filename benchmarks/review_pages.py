"""The policy team's pages at real size (issue 15), run by `make bench`.

Seeds a fresh SQLite database in a temporary instance folder with the demo and the large city
series (`flask demo load --size large`: 2,000 notes, six sessions, nine languages), signs in as
the demo analyst, and times each page in-process through Flask's test client (no server, no
network: what Heard itself costs to answer). Each page is asked twice to warm up, then ``--repeat``
times; the table gives the median and the slowest answer and the HTML size.

Goals: each page under 300 ms, its HTML under 300 KB.

Usage: python benchmarks/review_pages.py [--repeat N] [--no-write]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- review pages at size: start -->", "<!-- review pages at size: end -->"
GOAL_MS, GOAL_KB = 300, 300


def _app(folder):
    os.environ["HEARD_INSTANCE_PATH"] = str(folder / "instance")
    from app import create_app

    return create_app({
        "TESTING": True, "WTF_CSRF_ENABLED": False, "SECRET_KEY": os.urandom(24).hex(),
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.sqlite3", "HEARD_QUEUE": "inline",
        "OUTBOX_DIR": str(folder / "outbox"), "ERASURE_TOMBSTONES": str(folder / "tombstones.jsonl"),
    })


def seed(app):
    import flask_migrate
    from sqlalchemy import func, select

    from app.demo import engagement as demo
    from app.demo import large
    from app.extensions import db
    from app.models import AnalysisRun, ListeningSession, Note, NoteTheme, Theme

    with app.app_context():
        flask_migrate.upgrade(directory=str(ROOT / "migrations"))
        started = time.perf_counter()
        demo.load(full=False)
        engagement_id = large.load_large()
        seconds = time.perf_counter() - started
        run = db.session.scalar(select(AnalysisRun).where(AnalysisRun.engagement_id == engagement_id))
        biggest = db.session.execute(
            select(Theme.id, func.count(NoteTheme.id)).join(NoteTheme).where(Theme.run_id == run.id)
            .group_by(Theme.id).order_by(func.count(NoteTheme.id).desc())).first()
        of_engagement = ListeningSession.engagement_id == engagement_id
        notes = db.session.scalar(select(func.count(Note.id)).join(Note.session).where(of_engagement))
        languages = db.session.scalar(
            select(func.count(func.distinct(Note.language))).join(Note.session).where(of_engagement))
        return {"run": run.id, "theme": biggest[0], "theme_notes": biggest[1], "notes": notes,
                "languages": languages, "seconds": seconds}


def measure(client, url, repeat):
    for _ in range(2):
        client.get(url)
    times = []
    size = 0
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.data)
    return statistics.median(times), max(times), size / 1024


def run(repeat):
    from app.demo import engagement as demo

    with tempfile.TemporaryDirectory() as folder:
        app = _app(Path(folder))
        load = seed(app)
        client = app.test_client()
        email, password = next((e, p) for e, _n, role, p in demo.DEMO_USERS if role == "analyst")
        assert client.post("/auth/sign-in", data={"email": email, "password": password}).status_code == 302
        pages = [
            ("theme board", f"/review/runs/{load['run']}"),
            (f"theme page ({load['theme_notes']} notes, first page)", f"/review/themes/{load['theme']}"),
            ("coverage matrix", f"/review/runs/{load['run']}/coverage"),
            ("report preview (publish page)", f"/review/runs/{load['run']}/report/publish"),
        ]
        load["load_before"] = os.getloadavg()[0]
        rows = [(name, url, *measure(client, url, repeat)) for name, url in pages]
        load["load_after"] = os.getloadavg()[0]
    return load, rows


def render(load, rows, repeat):
    lines = [START, "", "## The policy team's pages at size (issue 15)", "",
             f"Measured by `benchmarks/review_pages.py` (part of `make bench`) on {dt.date.today().isoformat()}.", "",
             f"- Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores "
             f"({platform.system()} {platform.release()}), Python {platform.python_version()}, SQLite.",
             f"- Load: the demo plus `flask demo load --size large`: {load['notes']:,} notes in six sessions, "
             f"{load['languages']} languages, a finished run with its themes, links and a published version "
             f"(seeded in {load['seconds']:.1f} s).",
             f"- In-process (Flask test client, signed in as the demo analyst): two warm-up requests, then "
             f"{repeat} timed ones per page; no server or network in the numbers. The machine is shared by "
             "other work, so the slowest answer says more about it than about Heard.",
             f"- Load average (1 min) {load['load_before']:.1f} when the timing began, {load['load_after']:.1f} "
             "when it ended.", "",
             f"| Page | median (ms) | slowest (ms) | < {GOAL_MS} ms | HTML (KB) | < {GOAL_KB} KB |",
             "|---|---:|---:|---|---:|---|"]
    for name, url, median, slowest, size in rows:
        lines.append(f"| {name} `{url}` | {median:.0f} | {slowest:.0f} | {'yes' if median < GOAL_MS else '**no**'} "
                     f"| {size:.0f} | {'yes' if size < GOAL_KB else '**no**'} |")
    lines += ["", END]
    return "\n".join(lines)


def write(section):
    text = DOC.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + section + after
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load, rows = run(args.repeat)
    section = render(load, rows, args.repeat)
    print(section)
    if not args.no_write:
        write(section)


if __name__ == "__main__":
    main()
