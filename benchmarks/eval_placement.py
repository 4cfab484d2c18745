"""How well ``analysis.place_notes`` puts late notes into an existing theme set.

Usage: python benchmarks/eval_placement.py FILE.csv [...]   (files with id, text, language, label)
Fits themes on a random 80 % of the notes, places the other 20 % with ``place_notes`` (centres
of each theme's current members), and compares with ``ThemeModel.predict`` on the same notes
(the model's own centres) and with the true labels (majority label of each theme's members).
Prints one line per file; results are written down in docs/analysis.md.
"""
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for `analysis`

from analysis import ThemeModel, place_notes  # noqa: E402
from analysis.io import read_notes  # noqa: E402


def evaluate(path):
    notes = read_notes(path)
    random.Random(0).shuffle(notes)
    cut = int(len(notes) * 0.8)
    train, test = notes[:cut], notes[cut:]
    model = ThemeModel(random_state=0).fit(train)
    members = {theme.id: [n for n in train if n.id in set(theme.note_ids)] for theme in model.themes_}
    started = time.perf_counter()
    placed = place_notes(members, test)
    seconds = time.perf_counter() - started
    predicted = model.predict(test)
    agree = sum(a == b for (a, _s), b in zip(placed, predicted, strict=True)) / len(test)
    out_place = sum(a is None for a, _s in placed) / len(test)
    out_model = sum(b is None for b in predicted) / len(test)
    label = {n.id: n.meta.get("label") for n in notes}
    major = {t.id: Counter(label[i] for i in t.note_ids).most_common(1)[0][0] for t in model.themes_}
    right_place = [label[n.id] == major[a] for n, (a, _s) in zip(test, placed, strict=True) if a]
    right_model = [label[n.id] == major[b] for n, b in zip(test, predicted, strict=True) if b]
    print(f"{Path(path).stem}: {len(train)} fitted, {len(test)} placed, {len(model.themes_)} themes; "
          f"same theme as predict {agree:.3f}; left out {out_place:.3f} (predict {out_model:.3f}); "
          f"majority-label accuracy {sum(right_place) / max(1, len(right_place)):.3f} "
          f"(predict {sum(right_model) / max(1, len(right_model)):.3f}); {seconds:.1f} s")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        evaluate(name)
