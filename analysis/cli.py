"""``python -m analysis``: themes, tag, link and evaluate (see docs/analysis-cli.md)."""

from __future__ import annotations

import argparse
import platform
import sys
import time
from collections.abc import Sequence

from .codebook import load_codebook
from .encoders import EncoderUnavailable, resolve_encoder
from .evaluate import evaluate_tags, evaluate_themes
from .io import InputError, read_csv, read_notes, row_note, write_json
from .linking import rank_targets
from .tagging import CodebookTagger
from .themes import ThemeModel


def _themes_arg(value: str):
    if value == "auto":
        return "auto"
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError("must be 'auto' or a positive integer")
    return n


ENCODERS = ("auto", "lexical", "multilingual")


def _add_encoder(p: argparse.ArgumentParser) -> None:
    p.add_argument("--encoder", choices=ENCODERS, default="auto",
                   help="lexical: words; multilingual: a sentence encoder that runs offline and "
                        "bridges languages; auto (default): multilingual when installed")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m analysis",
                                description="Themes, codebook tags and policy links for notes.")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("themes", help="cluster notes into themes")
    t.add_argument("notes", metavar="NOTES.csv")
    t.add_argument("--output", metavar="OUT.json")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--themes", type=_themes_arg, default="auto", metavar="auto|N")
    _add_encoder(t)

    g = sub.add_parser("tag", help="apply a codebook")
    g.add_argument("notes", metavar="NOTES.csv")
    g.add_argument("--codebook", required=True, metavar="CODEBOOK.json")
    g.add_argument("--train", metavar="LABELLED.csv")
    g.add_argument("--output", metavar="OUT.json")
    _add_encoder(g)

    link = sub.add_parser("link", help="suggest policy targets for themes or notes")
    link.add_argument("items", metavar="ITEMS.csv")
    link.add_argument("targets", metavar="TARGETS.csv")
    link.add_argument("--top", type=int, default=3)
    link.add_argument("--output", metavar="OUT.json")
    _add_encoder(link)

    e = sub.add_parser("evaluate", help="measure themes (label) and tags (codes) vs baselines")
    e.add_argument("labelled", metavar="LABELLED.csv")
    e.add_argument("--codebook", metavar="CODEBOOK.json")
    e.add_argument("--seed", type=int, default=0)
    e.add_argument("--themes", type=_themes_arg, default="auto", metavar="auto|N")
    e.add_argument("--output", metavar="OUT.json", help="also write the numbers as JSON")
    _add_encoder(e)
    return p


def _split_codes(value: str) -> list[str]:
    return [c.strip() for c in (value or "").split("|") if c.strip()]


def cmd_themes(args) -> dict:
    encoder = resolve_encoder(args.encoder)
    notes = read_notes(args.notes)
    model = ThemeModel(n_themes=args.themes, random_state=args.seed, encoder=encoder).fit(notes)
    return {**model.to_dict(), "params": {"seed": args.seed, "themes": args.themes}}


def cmd_tag(args) -> dict:
    encoder = resolve_encoder(args.encoder)
    notes = read_notes(args.notes)
    codebook = load_codebook(args.codebook)
    train_notes, train_codes = None, None
    if args.train:
        rows = read_csv(args.train, required=("id", "text", "codes"))
        known = set(codebook.ids)
        for rowno, row in enumerate(rows, start=2):
            for c in _split_codes(row["codes"]):
                if c not in known:
                    raise InputError(args.train, rowno, f"unknown code {c!r} (not in codebook)")
        train_notes = [row_note(r) for r in rows]
        train_codes = [_split_codes(r["codes"]) for r in rows]
    tagger = CodebookTagger(codebook, encoder=encoder).fit(train_notes, train_codes)
    tags = tagger.predict(notes)
    return {"tags": [{"note_id": n.id, "codes": [{"id": c, "score": s} for c, s in row]}
                     for n, row in zip(notes, tags, strict=True)],
            "encoder": encoder}


def cmd_link(args) -> dict:
    if args.top < 1:
        raise InputError("--top", None, "must be at least 1")
    encoder = resolve_encoder(args.encoder)
    items = read_notes(args.items)
    targets = read_notes(args.targets)
    ranked = rank_targets(items, targets, top=args.top, encoder=encoder)
    return {"links": [{"item_id": it.id, "targets": [{"id": t, "score": s} for t, s in row]}
                      for it, row in zip(items, ranked, strict=True)],
            "encoder": encoder}


def cmd_evaluate(args) -> dict:
    encoder = resolve_encoder(args.encoder)
    rows = read_csv(args.labelled, required=("id", "text", "label"))
    for rowno, row in enumerate(rows, start=2):
        if not row["label"].strip():
            raise InputError(args.labelled, rowno, "empty 'label'")
    codebook = load_codebook(args.codebook) if args.codebook else None
    if codebook is not None and "codes" not in rows[0]:
        raise InputError(args.labelled, 1, "missing column 'codes' (needed with --codebook)")
    notes = [row_note(r) for r in rows]
    started = time.perf_counter()
    groups = [r["pair_id"] for r in rows] if "pair_id" in rows[0] else None
    report = {"file": args.labelled, "seed": args.seed, "themes_param": args.themes,
              "machine": f"{platform.machine()} {platform.system()} Python "
                         f"{platform.python_version()}",
              "date": time.strftime("%Y-%m-%d"),
              "encoder": encoder,
              "themes": evaluate_themes(notes, [r["label"] for r in rows], seed=args.seed,
                                        n_themes=args.themes, groups=groups, encoder=encoder)}
    if codebook is not None:
        report["tags"] = evaluate_tags(notes, [_split_codes(r["codes"]) for r in rows], codebook,
                                       seed=args.seed, groups=groups, encoder=encoder)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def _print_report(r: dict) -> None:
    th = r["themes"]
    print(f"file {r['file']}: {th['notes']} notes, {th['true_themes']} labels "
          f"({r['machine']}, {r['date']}, seed {r['seed']}, encoder {r['encoder']})")
    print(f"themes found: {th['themes_found']} (asked: {r['themes_param']}), "
          f"unassigned: {th['unassigned']}")
    print(f"{'':34}{'NMI':>8}{'AMI':>8}{'ARI':>8}")
    rows = [("model (themes=" + str(r["themes_param"]) + ")", th["model"])]
    if "without_translation" in th:
        rows.append(("model, translations ignored", th["without_translation"]))
    rows.append(("baseline TF-IDF+KMeans(k=true), text", th["baseline_text"]))
    if "baseline_translation" in th:
        rows.append(("baseline, translation when given", th["baseline_translation"]))
    for name, s in rows:
        print(f"{name:34}{s['nmi']:>8.3f}{s['ami']:>8.3f}{s['ari']:>8.3f}")
    if "cross_language" in th:
        cl = th["cross_language"]
        text = ", ".join(f"{k} {v:.3f}" for k, v in cl.items())
        print(f"cross-language (translations share a theme): {text}")
    if "tags" in r:
        print(f"{'tags':34}{'micro F1':>10}{'macro F1':>10}")
        for name, s in r["tags"].items():
            print(f"{name:34}{s['micro_f1']:>10.3f}{s['macro_f1']:>10.3f}")
    print(f"time: {r['seconds']} s")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "evaluate":
            report = cmd_evaluate(args)
            if args.output:
                write_json(report, args.output)
            _print_report(report)
            return 0
        handler = {"themes": cmd_themes, "tag": cmd_tag, "link": cmd_link}[args.command]
        write_json(handler(args), args.output)
    except (InputError, EncoderUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
