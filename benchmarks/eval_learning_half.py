"""How the cross-language settings were chosen: on the learning half of ``sib_dev`` alone.

The learning half's 351 sentence pairs are split in two (176 / 175, fixed seed): offsets are
learned on one part and themes found on the other (10 languages, no translation given, 13 themes:
the held-out run's pairs per theme), then the other way round; the figures are the means of both.
``--two-languages`` keeps each sentence in two random languages only (no translations to find).
``--per-language`` themes each language of the whole learning half alone (about 351 notes, the
default number of themes) and gives the topic AMI per language and its mean, with and without
the smoothing by neighbours. The held-out half (``eval_multilingual.py``) is never read here.

Usage: python benchmarks/eval_learning_half.py [--two-languages | --per-language]
(needs devcache.py's vectors)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devcache import halves, read_rows, vectors_for  # noqa: E402
from eval_multilingual import ami, cross_language  # noqa: E402
from learn_offsets import learn  # noqa: E402

from analysis import Note, ThemeModel, encoders  # noqa: E402

PER_LANGUAGE = {"no smoothing": {"neighbour_smoothing": 0.0},
                "smoothing 0.5": {"neighbour_smoothing": 0.5},
                "smoothing 1 (default)": {},
                "smoothing 2": {"neighbour_smoothing": 2.0},
                "smoothing 1, meaning only": {"lexical_weight": 0.0}}


def per_language(rows: list[dict]) -> None:
    """Each language of the learning half themed alone (no translation, default settings)."""
    learning = set(halves(rows)[0])
    rows = [r for r in rows if r["pair_id"] in learning]
    V = vectors_for([r["text"] for r in rows], encode_missing=False)
    for name, kw in PER_LANGUAGE.items():
        per = {}
        for lang in sorted({r["lang"] for r in rows}):
            idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
            notes = [Note(rows[i]["id"], rows[i]["text"], lang) for i in idx]
            model = ThemeModel(encoder="multilingual", random_state=0, **kw)
            labels = model.fit(notes, vectors=V[idx]).labels_
            per[lang] = ami([rows[i]["label"] for i in idx], labels)
        print(f"  {name:26s} mean AMI {np.mean(list(per.values())):.3f}  "
              + " ".join(f"{lang[:2]} {v:.3f}" for lang, v in per.items()), flush=True)


def main(argv: list[str]) -> int:
    two = "--two-languages" in argv
    rows = read_rows("sib_dev.csv")
    if "--per-language" in argv:
        per_language(rows)
        return 0
    learning, _ = halves(rows)
    order = list(learning)
    np.random.RandomState(1).shuffle(order)
    parts = [set(order[:176]), set(order[176:])]
    settings = {"no pull, words 0.2": {"language_pull": 0.0, "lexical_weight": 0.2},
                "no pull, words auto": {"language_pull": 0.0},
                "pull 0.5, words auto, no smoothing": {"neighbour_smoothing": 0.0},
                "pull 0.5, words auto, smoothing 1 (default)": {}}
    results: dict[str, list] = {name: [] for name in settings}
    for learn_on, measure_on in ((0, 1), (1, 0)):
        train = [r for r in rows if r["pair_id"] in parts[learn_on]]
        test = [r for r in rows if r["pair_id"] in parts[measure_on]]
        if two:
            rng = np.random.RandomState(0)
            langs = sorted({r["lang"] for r in rows})
            keep = {p: set(rng.choice(langs, 2, replace=False)) for p in sorted(parts[measure_on])}
            test = [r for r in test if r["lang"] in keep[r["pair_id"]]]
        names, table = learn(train, vectors_for([r["text"] for r in train], encode_missing=False))
        offsets = {lang: table[i].astype(np.float32) for i, lang in enumerate(names)}
        offsets["*"] = table.mean(axis=0).astype(np.float32)
        encoders.language_offsets = lambda offsets=offsets: offsets
        V = vectors_for([r["text"] for r in test], encode_missing=False)
        notes = [Note(r["id"], r["text"], r["lang"]) for r in test]
        for name, kw in settings.items():
            model = ThemeModel(encoder="multilingual", n_themes=13, random_state=0, **kw)
            labels = model.fit(notes, vectors=V).labels_
            cross = cross_language(test, labels)
            results[name].append((cross["overall"], cross["lift"], cross["per_language"]["so"],
                                  ami([r["label"] for r in test], labels)))
    print("two languages per sentence" if two else "ten languages per sentence")
    for name, values in results.items():
        share, lift, so, topic = np.mean(values, axis=0)
        print(f"  {name:32s} pairs in one theme {share:.3f} (lift {lift:.3f}, so {so:.3f})  "
              f"topic AMI {topic:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
