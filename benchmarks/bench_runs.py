"""An analysis run in the app over notes whose encoder vectors are stored: how long from
"start the analysis" until its themes are stored (issue 17: "a run over 2,000 stored notes
starts showing themes in seconds").

The notes are 2,000 sentences of the dev set ``sib_dev.csv`` (200 sentences in each of its 10
languages, no translation given), in one engagement of a fresh SQLite database. Their vectors
are stored first, from the dev cache (``benchmarks/devcache.py``; texts missing from it are
encoded, about 50 ms each), so the run encodes nothing. The run goes through the app's own
path: ``theme_finding.queue_run`` with the inline job queue, i.e. loading the notes and their
vectors, themes, codebook tags, links and saving, as the run page would show them.

Usage: python benchmarks/bench_runs.py [--notes 2000] [--repeat 3] [--lexical]
Prints the figures; docs/benchmarks.md ("Analysis runs over stored vectors") records them.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _rows(n_notes):
    from devcache import DATA

    with open(DATA / "sib_dev.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    per_language = {}
    for row in rows:
        per_language.setdefault(row["lang"], []).append(row)
    languages = sorted(per_language)
    take = -(-n_notes // len(languages))
    picked = [row for lang in languages for row in per_language[lang][:take]]
    return picked[:n_notes]


def _build(n_notes):
    """An engagement with one held session and ``n_notes`` notes; returns the engagement."""
    from app.extensions import db
    from app.models import (
        Engagement,
        EngagementTranslation,
        ListeningSession,
        Note,
        SessionTable,
        SessionTranslation,
    )
    from app.models.types import utcnow

    engagement = Engagement(slug="bench-runs", default_language="en")
    engagement.translations.append(EngagementTranslation(language="en", name="Bench"))
    starts = utcnow() - timedelta(days=1)
    session = ListeningSession(engagement=engagement, slug="bench", starts_at=starts,
                               ends_at=starts + timedelta(hours=2), timezone="UTC", venue_name="Hall",
                               venue_address="1 Main St", capacity=30, status="published")
    session.translations.append(SessionTranslation(language="en", title="Bench"))
    for position in range(1, 11):
        session.tables.append(SessionTable(name=f"Table {position}", position=position))
    db.session.add(session)
    db.session.flush()
    for i, row in enumerate(_rows(n_notes)):
        db.session.add(Note(session_id=session.id, table_id=session.tables[i % 10].id, text=row["text"],
                            language=row["lang"], source="import"))
    db.session.commit()
    return engagement


def _store_vectors(engagement):
    """Store the notes' vectors from the dev cache (encoding what it lacks)."""
    from devcache import vectors_for

    import analysis
    from app.extensions import db
    from app.services.insights import bridge, note_vectors, run_scope

    notes = run_scope.engagement_notes(engagement.id)
    inputs = [x for x in bridge.encoder_inputs(notes) if x is not None]
    texts = {key: text for key, text in inputs}
    vectors = vectors_for(list(texts.values()))
    note_vectors.store(dict(zip(texts, vectors, strict=True)), analysis.ENCODER_ID)
    db.session.commit()
    return len(texts)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--lexical", action="store_true", help="also time a run that reads words only")
    args = parser.parse_args(argv)
    from devcache import DATA

    if not (DATA / "sib_dev.csv").exists():
        print(f"bench_runs: skipped, the dev data is not at {DATA} (set HEARD_DEV_DATA)")
        return 0

    import flask_migrate

    from app import create_app
    from app.extensions import db
    from app.models import AnalysisRun, Theme
    from app.services.insights import theme_finding

    instance = tempfile.mkdtemp(prefix="heard-bench-runs-")
    os.environ["HEARD_INSTANCE_PATH"] = instance
    app = create_app({"SECRET_KEY": os.urandom(24).hex(), "HEARD_QUEUE": "inline",
                      "HEARD_ANALYSIS_ENCODER": "multilingual",
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance}/bench.sqlite3"})
    results = {}
    stages = []
    progress = theme_finding._progress

    def timed_progress(run, stage):  # when each stage begins, as the run page shows it
        progress(run, stage)
        stages.append((stage, time.perf_counter()))

    theme_finding._progress = timed_progress
    with app.app_context():
        flask_migrate.upgrade()
        engagement = _build(args.notes)
        started = time.perf_counter()
        stored = _store_vectors(engagement)
        print(f"{args.notes} notes, {stored} vectors stored ({time.perf_counter() - started:.1f} s, "
              "from the dev cache)", flush=True)
        # The first run in a process also loads the library, the detector and the encoder: timed apart.
        encoders = ["multilingual"] + (["lexical"] if args.lexical else [])
        for encoder in encoders:
            app.config["HEARD_ANALYSIS_ENCODER"] = encoder
            times = []
            for attempt in range(args.repeat + 1):
                stages.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                run = theme_finding.queue_run(None, engagement)
                start, wall, cpu = wall, time.perf_counter() - wall, time.process_time() - cpu
                split = " ".join(f"{stage}@{at - start:.1f}" for stage, at in stages)
                run = db.session.get(AnalysisRun, run.id)
                assert run.status == "done", run.error
                themes = db.session.query(Theme).filter(Theme.run_id == run.id).count()
                label = "first (cold)" if attempt == 0 else f"run {attempt}"
                print(f"  {encoder:12} {label:13} {wall:6.1f} s wall, {cpu:6.1f} s CPU, {themes} themes, "
                      f"vectors {run.params.get('vectors')}\n      stages began at (s): {split}", flush=True)
                if attempt:
                    times.append((wall, cpu))
            results[encoder] = times
    load = os.getloadavg()
    print(f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, load average {load[0]:.1f} {load[1]:.1f}")
    for encoder, times in results.items():
        walls = [w for w, _c in times]
        cpus = [c for _w, c in times]
        print(f"{encoder}: median {statistics.median(walls):.1f} s wall ({statistics.median(cpus):.1f} s CPU) "
              f"over {len(times)} warm runs of {args.notes} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
