"""Optional checks on the shared dev data (skipped when ../shared/data is absent)."""

import csv
from pathlib import Path

import pytest

from analysis.evaluate import evaluate_themes
from analysis.io import read_notes

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PH = DATA / "polis_ph_pairs.csv"


@pytest.mark.skipif(not PH.exists(), reason=f"dev data not found at {DATA} (optional)")
def test_themes_beat_the_translation_baseline_on_ph_pairs():
    notes = read_notes(PH)
    with PH.open(encoding="utf-8-sig") as handle:
        labels = [r["label"] for r in csv.DictReader(handle)]
    report = evaluate_themes(notes, labels, seed=0)
    assert report["model"]["nmi"] > report["baseline_translation"]["nmi"]
