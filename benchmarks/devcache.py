"""A cache of raw encoder vectors for the dev data, outside the repository.

Encoding is the slow step (about 45 ms of one core per note), so the dev sets are encoded once
and kept under ``$HEARD_E5_CACHE`` (default ``/tmp/heard-e5-cache``), keyed by
:func:`analysis.encoders.vector_key`, the way the app keeps stored vectors.

Usage: python benchmarks/devcache.py [FILE.csv ...]   (default: every dev set)
"""

from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.encoders import DIM, encode, vector_key  # noqa: E402

DATA = Path(os.environ.get("HEARD_DEV_DATA", ROOT.parent.parent / "shared" / "data"))
if not DATA.exists():
    DATA = Path("/work/shared/data")
CACHE = Path(os.environ.get("HEARD_E5_CACHE", "/tmp/heard-e5-cache"))  # noqa: S108 (by design)
DEV_SETS = ("polis_dev_en.csv", "polis_ph_pairs.csv", "sib_dev.csv")
THREADS = int(os.environ.get("HEARD_E5_THREADS", "1"))


def read_rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def pair_order(rows: list[dict], seed: int = 0) -> list[str]:
    """The pair ids in a fixed random order (encoded in this order); the pairs at even
    positions learn the language offsets, those at odd positions are held out for measuring."""
    pairs = sorted({r["pair_id"] for r in rows}, key=int)
    return [pairs[i] for i in np.random.RandomState(seed).permutation(len(pairs))]


def halves(rows: list[dict]) -> tuple[list[str], list[str]]:
    """(pairs that learn the offsets, pairs held out), alternating in :func:`pair_order`."""
    order = pair_order(rows)
    return order[0::2], order[1::2]


def _load() -> dict[str, np.ndarray]:
    store: dict[str, np.ndarray] = {}
    for path in sorted(CACHE.glob("chunk-*.npz")):
        with np.load(path) as data:
            for k, v in zip(data["keys"], data["vectors"], strict=True):
                store[str(k)] = v
    return store


def cached_keys() -> set[str]:
    return set(_load())


def vectors_for(texts, encode_missing: bool = True, chunk: int = 128,
                verbose: bool = False) -> np.ndarray:
    """Raw vectors of ``texts`` from the cache; missing ones are encoded and added."""
    CACHE.mkdir(parents=True, exist_ok=True)
    store = _load()
    keys = [vector_key(t) for t in texts]
    missing = list({k: t for k, t in zip(keys, texts, strict=True) if k not in store}.items())
    if missing and not encode_missing:
        raise KeyError(f"{len(missing)} texts are not in the cache {CACHE}")
    started = time.perf_counter()
    for start in range(0, len(missing), chunk):
        part = missing[start:start + chunk]
        V = encode([t for _, t in part], n_threads=THREADS)
        n = len(list(CACHE.glob("chunk-*.npz")))
        tmp = CACHE / f"tmp-{os.getpid()}.npz"
        np.savez(tmp, keys=np.array([k for k, _ in part]), vectors=V)
        tmp.rename(CACHE / f"chunk-{n:05d}-{os.getpid()}.npz")
        for (k, _), v in zip(part, V, strict=True):
            store[k] = v
        if verbose:
            done = start + len(part)
            print(f"  encoded {done}/{len(missing)} ({time.perf_counter() - started:.0f} s)",
                  flush=True)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, k in enumerate(keys):
        out[i] = store[k]
    return out


def main(argv: list[str]) -> int:
    names = argv or list(DEV_SETS)
    for name in names:
        rows = read_rows(name)
        if "pair_id" in rows[0]:  # whole pairs first, in the benchmarks' order
            order = {p: i for i, p in enumerate(pair_order(rows))}
            rows = sorted(rows, key=lambda r: (order[r["pair_id"]], r["lang"]))
        texts = [r["text"] for r in rows]
        texts += [r["translation"] for r in rows if r.get("translation")]
        texts += sorted({r["label"] for r in rows if r.get("label")})
        print(f"{name}: {len(texts)} texts", flush=True)
        vectors_for(texts, verbose=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
