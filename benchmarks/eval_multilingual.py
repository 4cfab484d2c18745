"""Quality of the lexical and multilingual paths on the dev data (issue 17's measures).

Reads ``../shared/data`` and the raw encoder vectors cached by ``devcache.py`` (run it first;
nothing is encoded here), so every figure comes from one run over the same vectors.

- themes: AMI against ``label`` for the lexical model, the encoder used plainly (centred
  vectors, KMeans with the model's number of themes), meaning only, and the default blend;
- sib_dev, held-out half (the offsets were learned on the other half): AMI per language, and
  with all ten languages together and no translation given, the share of a sentence's
  translations that share its theme (per language, with chance and lift over chance);
- tags: codebook = the label names only; zero-shot, and trained on 30 % (micro / macro F1);
- links (a proxy; the dev data has no action plans): sib_dev held-out sentences in each
  language linked to the English sentences (acc@1 / MRR);
- the library's language detector, per language (share of notes given their true language).

Usage: python benchmarks/eval_multilingual.py [--quick] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devcache import halves, read_rows, vectors_for  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.metrics import adjusted_mutual_info_score, f1_score  # noqa: E402
from sklearn.model_selection import GroupShuffleSplit, ShuffleSplit  # noqa: E402
from sklearn.preprocessing import normalize as l2  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from analysis import CodebookTagger, Note, ThemeModel, rank_targets  # noqa: E402
from analysis.codebook import parse_codebook  # noqa: E402
from analysis.encoders import centre  # noqa: E402
from analysis.text import base_language  # noqa: E402
from analysis.themes import auto_n_themes  # noqa: E402


def ami(y, found) -> float:
    found = ["\x00unassigned" if f is None else str(f) for f in found]
    return round(float(adjusted_mutual_info_score(y, found)), 4)


def notes_of(rows, translation=True):
    return [Note(r["id"], r["text"], r.get("lang") or None,
                 (r.get("translation") or None) if translation else None) for r in rows]


def plain_encoder_labels(V, langs, k, seed=0):
    """The encoder used plainly: vectors centred per language, KMeans with k themes."""
    E = l2(centre(V, langs))
    with threadpool_limits(1):
        return KMeans(k, random_state=seed, n_init=4).fit_predict(E).tolist()


def themes_block(rows, V, seed=0, translation=True) -> dict:
    y = [r["label"] for r in rows]
    notes = notes_of(rows, translation)
    out = {}
    t = time.process_time()
    lex = ThemeModel(random_state=seed).fit(notes)
    out["lexical"] = ami(y, lex.labels_)
    out["lexical_cpu_s"] = round(time.process_time() - t, 1)
    k = auto_n_themes(len(notes))
    out["encoder_plain"] = ami(y, plain_encoder_labels(V, [r["lang"] for r in rows], k, seed))
    for name, w in (("meaning_only", 0.0), ("blend", "auto")):
        t = time.process_time()
        m = ThemeModel(random_state=seed, encoder="multilingual", lexical_weight=w).fit(
            notes, vectors=V)
        out[name] = ami(y, m.labels_)
        out[f"{name}_cpu_s"] = round(time.process_time() - t, 1)
        out[f"{name}_unassigned"] = len(m.unassigned_)
    out["themes"] = lex.n_themes_
    return out


def cross_language(rows, labels) -> dict:
    """Share of (sentence, translation) pairs in one theme, per language of the sentence."""
    by_pair = defaultdict(list)
    for r, lab in zip(rows, labels, strict=True):
        by_pair[r["pair_id"]].append((base_language(r["lang"]), lab))
    same, total = defaultdict(int), defaultdict(int)
    for members in by_pair.values():
        for a, la in members:
            for b, lb in members:
                if a == b:
                    continue
                total[a] += 1
                same[a] += la is not None and la == lb
    sizes = defaultdict(int)
    for lab in labels:
        if lab is not None:
            sizes[lab] += 1
    n = len(labels)
    chance = sum((c / n) ** 2 for c in sizes.values())
    overall = sum(same.values()) / max(1, sum(total.values()))
    return {"per_language": {k: round(same[k] / total[k], 3) for k in sorted(total)},
            "overall": round(overall, 4), "chance": round(chance, 4),
            "lift": round((overall - chance) / (1 - chance), 4)}


def sib_block(rows, V, seed=0, quick=False) -> dict:
    out: dict = {"per_language": {}}
    langs = sorted({r["lang"] for r in rows})
    for lang in langs:
        idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
        sub = [rows[i] for i in idx]
        y = [r["label"] for r in sub]
        notes = notes_of(sub, translation=False)
        lex = ThemeModel(random_state=seed).fit(notes)
        m = ThemeModel(random_state=seed, encoder="multilingual").fit(notes, vectors=V[idx])
        plain = plain_encoder_labels(V[idx], [lang] * len(idx), auto_n_themes(len(idx)), seed)
        out["per_language"][lang] = {"lexical": ami(y, lex.labels_),
                                     "encoder_plain": ami(y, plain),
                                     "multilingual": ami(y, m.labels_)}
    for key in ("lexical", "encoder_plain", "multilingual"):
        out[f"mean_{key}"] = round(float(np.mean([v[key] for v in
                                                  out["per_language"].values()])), 4)
    y = [r["label"] for r in rows]
    notes = notes_of(rows, translation=False)
    m = ThemeModel(random_state=seed, encoder="multilingual").fit(notes, vectors=V)
    out["all_languages"] = {"multilingual_ami": ami(y, m.labels_), "themes": m.n_themes_,
                            "cross_language": cross_language(rows, m.labels_)}
    plain = plain_encoder_labels(V, [r["lang"] for r in rows], m.n_themes_, seed)
    out["all_languages"]["encoder_plain_ami"] = ami(y, plain)
    out["all_languages"]["encoder_plain_cross"] = cross_language(rows, plain)["overall"]
    if not quick:
        lex = ThemeModel(random_state=seed).fit(notes)
        out["all_languages"]["lexical_ami"] = ami(y, lex.labels_)
        out["all_languages"]["lexical_cross"] = cross_language(rows, lex.labels_)["overall"]
    return out


def _matrix(tags, ids):
    index = {c: j for j, c in enumerate(ids)}
    P = np.zeros((len(tags), len(ids)), dtype=int)
    for i, row in enumerate(tags):
        for c, _ in row:
            P[i, index[c]] = 1
    return P


def _f1(Y, P):
    return (round(float(f1_score(Y, P, average="micro", zero_division=0)), 4),
            round(float(f1_score(Y, P, average="macro", zero_division=0)), 4))


def tags_block(rows, V, seed=0, groups=None, translation=True) -> dict:
    labels = sorted({r["label"] for r in rows})
    ids = [f"c{j}" for j in range(len(labels))]
    code_of = dict(zip(labels, ids, strict=True))
    codebook = parse_codebook({"codes": [{"id": c, "name": lab} for lab, c in
                                         zip(labels, ids, strict=True)]})
    notes = notes_of(rows, translation)
    Y = np.zeros((len(rows), len(ids)), dtype=int)
    for i, r in enumerate(rows):
        Y[i, ids.index(code_of[r["label"]])] = 1
    if groups is None:
        train, test = next(ShuffleSplit(1, train_size=0.3, random_state=seed).split(rows))
    else:
        train, test = next(GroupShuffleSplit(1, train_size=0.3, random_state=seed).split(
            rows, groups=groups))
    out = {}
    for name in ("lexical", "multilingual"):
        kw = {"vectors": V} if name == "multilingual" else {}
        zero = CodebookTagger(codebook, encoder=name, random_state=seed).fit()
        out[f"{name}_zero_shot"] = _f1(Y, _matrix(zero.predict(notes, **kw), ids))
        tr = [notes[i] for i in train]
        te = [notes[i] for i in test]
        kw_tr = {"vectors": V[train]} if name == "multilingual" else {}
        kw_te = {"vectors": V[test]} if name == "multilingual" else {}
        tagger = CodebookTagger(codebook, encoder=name, random_state=seed).fit(
            tr, [[code_of[rows[i]["label"]]] for i in train], **kw_tr)
        out[f"{name}_trained_30pct"] = _f1(Y[test], _matrix(tagger.predict(te, **kw_te), ids))
    return out


def links_block(rows, V) -> dict:
    en = [i for i, r in enumerate(rows) if r["lang"] == "en"]
    targets = [{"id": rows[i]["pair_id"], "text": rows[i]["text"], "lang": "en"} for i in en]
    out = {}
    for name, weight in (("lexical", 0.0), ("blend", 0.35), ("meaning_only", 1.0)):
        acc, rr = [], []
        for lang in sorted({r["lang"] for r in rows} - {"en"}):
            idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
            items = [{"id": rows[i]["pair_id"], "text": rows[i]["text"], "lang": lang}
                     for i in idx]
            kw = {}
            if weight > 0:
                kw = {"encoder": "multilingual", "encoder_weight": weight,
                      "item_vectors": V[idx], "target_vectors": V[en]}
            ranked = rank_targets(items, targets, top=None, **kw)
            for item, row in zip(items, ranked, strict=True):
                pos = [t for t, _ in row].index(item["id"])
                acc.append(pos == 0)
                rr.append(1.0 / (pos + 1))
        out[name] = (round(float(np.mean(acc)), 4), round(float(np.mean(rr)), 4))
    return out


def detect_block(rows) -> dict:
    """The library's language detector against the given ``lang``, per language."""
    from analysis.text import detect_languages

    found = detect_languages([r["text"] for r in rows])
    hits, total = defaultdict(int), defaultdict(int)
    for r, f in zip(rows, found, strict=True):
        lang = base_language(r["lang"])
        total[lang] += 1
        hits[lang] += f == lang
    return {lang: round(hits[lang] / total[lang], 3) for lang in sorted(total)}


def stored_vectors(rows, translation=True):
    """Cached raw vectors of what the encoder reads for each row (:func:`encoder_input`: the
    text, or the English translation for a language it does not cover such as Cebuano)."""
    from analysis.encoders import encoder_input

    texts = []
    for r in rows:
        found = encoder_input(r["text"], r.get("lang"),
                              r.get("translation") if translation else None)
        texts.append(found[0] if found else "")
    return vectors_for(texts, encode_missing=False)


def main(argv) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="skip the slow lexical all-language run")
    p.add_argument("--only", choices=("themes", "sib", "tags", "links", "detect"),
                   default=None)
    p.add_argument("--json", metavar="OUT.json")
    args = p.parse_args(argv)
    report = {"machine": f"{platform.machine()} {platform.system()} Python "
                         f"{platform.python_version()}", "date": time.strftime("%Y-%m-%d")}
    started = time.perf_counter()
    polis = read_rows("polis_dev_en.csv")
    Vp = vectors_for([r["text"] for r in polis], encode_missing=False)
    ph = read_rows("polis_ph_pairs.csv")
    sib = read_rows("sib_dev.csv")
    _, held_out = halves(sib)
    held = set(held_out)
    sib_b = [r for r in sib if r["pair_id"] in held]
    from devcache import cached_keys

    from analysis.encoders import vector_key
    cached = cached_keys()
    incomplete = {r["pair_id"] for r in sib_b if vector_key(r["text"]) not in cached}
    sib_b = [r for r in sib_b if r["pair_id"] not in incomplete]
    report["sib_held_out_pairs"] = len({r["pair_id"] for r in sib_b})
    Vs = vectors_for([r["text"] for r in sib_b], encode_missing=False)

    def show(name, value):
        report[name] = value
        print(name, json.dumps(value), flush=True)

    if args.only in (None, "themes"):
        show("themes_polis_dev_en", themes_block(polis, Vp))
        try:
            Vph = stored_vectors(ph)
            show("themes_polis_ph_pairs", themes_block(ph, Vph))
        except KeyError:
            print("polis_ph_pairs not cached yet: skipped")
    if args.only in (None, "sib"):
        show("sib_held_out", sib_block(sib_b, Vs, quick=args.quick))
    if args.only in (None, "tags"):
        show("tags_polis_dev_en", tags_block(polis, Vp))
        show("tags_sib_held_out_no_translation",
             tags_block(sib_b, Vs, groups=[r["pair_id"] for r in sib_b], translation=False))
    if args.only in (None, "links"):
        show("links_sib_held_out_to_english", links_block(sib_b, Vs))
    if args.only in (None, "detect"):
        show("language_detection_sib_dev", detect_block(sib))
        show("language_detection_polis_ph_pairs", detect_block(ph))
    report["seconds"] = round(time.perf_counter() - started, 1)
    print("seconds", report["seconds"])
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
