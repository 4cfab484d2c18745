"""Learn the per-language offsets shipped in ``analysis/data/e5_offsets.npz``.

An offset is the mean raw encoder vector of one language over a set of parallel sentences (the
same sentences in every language), so subtracting it removes what marks the language and keeps
what the sentence says. Learned from half of ``sib_dev.csv``'s sentence pairs (see
``devcache.halves``); the other half is held out for ``eval_multilingual.py``. Only the
means are shipped, never the sentences (see ``analysis/data/README.md`` for the licence).

Usage: python benchmarks/learn_offsets.py [--pairs N]   (needs the vectors cached by devcache.py)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devcache import ROOT, cached_keys, halves, read_rows, vectors_for  # noqa: E402

from analysis.encoders import vector_key  # noqa: E402
from analysis.text import base_language  # noqa: E402

OUT = ROOT / "analysis" / "data" / "e5_offsets.npz"


def learn(rows: list[dict], vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_lang[base_language(r["lang"])].append(i)
    langs = sorted(by_lang)
    return langs, np.vstack([vectors[by_lang[lang]].mean(axis=0) for lang in langs])


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--pairs", type=int, default=None,
                   help="learn from the first N pairs of the learning half")
    args = p.parse_args(argv)
    rows = read_rows("sib_dev.csv")
    learning, _held_out = halves(rows)
    cached = cached_keys()
    missing = {r["pair_id"] for r in rows if vector_key(r["text"]) not in cached}
    keep = set([p for p in learning if p not in missing][: args.pairs])
    if len(keep) < len(learning[: args.pairs]):
        print(f"only {len(keep)} of the learning pairs are encoded (run devcache.py)")
    rows = [r for r in rows if r["pair_id"] in keep]
    vectors = vectors_for([r["text"] for r in rows], encode_missing=False)
    langs, table = learn(rows, vectors)
    np.savez_compressed(OUT, langs=np.array(langs), offsets=table.astype(np.float32),
                        pairs=np.array(len(keep)))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(langs)} languages ({', '.join(langs)}) "
          f"x {table.shape[1]} from {len(keep)} sentence pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
