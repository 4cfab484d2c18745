"""Speed and memory of the analysis library on synthetic notes (run by `make bench`).

Usage: python benchmarks/bench_analysis.py [N ...]   (default: 1000 20000 100000)
Each size runs in a fresh process so peak memory is its own. Prints one line per step.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for `analysis`


def _notes(n: int):
    import numpy as np

    from analysis import Note

    rng = np.random.RandomState(0)
    topics = [[f"t{t}w{i}" for i in range(40)] for t in range(25)]
    common = [f"c{i}" for i in range(2000)]
    out = []
    for i in range(n):
        words = list(rng.choice(topics[i % 25], 6)) + list(rng.choice(common, 10))
        out.append(Note(str(i), " ".join(words), "en"))
    return out


def run_one(n: int) -> None:
    from analysis import ThemeModel, rank_targets

    notes = _notes(n)
    t = time.perf_counter()
    model = ThemeModel(random_state=0).fit(notes)
    fit_s = time.perf_counter() - t
    t = time.perf_counter()
    model.predict(notes[:1000])
    pred_s = time.perf_counter() - t
    t = time.perf_counter()
    rank_targets(notes[:1000], notes[-200:], top=3)
    link_s = time.perf_counter() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"n={n:>7}  themes={model.n_themes_:>3}  unassigned={len(model.unassigned_):>6}  "
          f"fit={fit_s:6.1f}s  predict(1k)={pred_s:5.2f}s  link(1k x 200)={link_s:5.2f}s  "
          f"peak RSS={peak_mb:6.0f} MB", flush=True)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        run_one(int(argv[1]))
        return 0
    sizes = [int(a) for a in argv] or [1000, 20000, 100000]
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
