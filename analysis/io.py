"""Reading CSV input with clear validation errors, and writing output atomically."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .records import Note

__all__ = ["InputError", "read_csv", "read_notes", "write_json"]


class InputError(ValueError):
    """Bad input: names the file, the row (1 = header, None = whole file) and the problem."""

    def __init__(self, file: str, row: int | None, problem: str):
        self.file, self.row, self.problem = str(file), row, problem
        where = f"{self.file}: row {row}" if row is not None else self.file
        super().__init__(f"{where}: {problem}")


def _decode(path: str, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, row, f"undecodable bytes (not UTF-8) at byte {exc.start}") from None


def read_csv(path: str | Path, required: Sequence[str] = ("id", "text"),
             unique: str | None = "id") -> list[dict[str, str]]:
    """Read a UTF-8 CSV (BOM accepted) into row dicts, checking columns, ids and emptiness.

    Row numbers in errors count the header as row 1, as a spreadsheet shows them.
    """
    path = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(path, None, f"cannot read: {exc.strerror or exc}") from None
    text = _decode(path, raw)
    if not text.strip():
        raise InputError(path, None, "empty file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise InputError(path, 1, f"unreadable header: {exc}") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(path, 1, f"missing column {missing[0]!r} (found: {', '.join(header)})")
    rows, seen = [], {}
    try:
        for values in reader:
            rowno = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                raise InputError(path, rowno, f"{len(values)} fields but {len(header)} columns")
            row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))
            if unique:
                key = row[unique].strip()
                if not key:
                    raise InputError(path, rowno, f"empty {unique!r}")
                if key in seen:
                    raise InputError(path, rowno, f"duplicate {unique} {key!r} "
                                                  f"(first at row {seen[key]})")
                seen[key] = rowno
                row[unique] = key
            rows.append(row)
    except csv.Error as exc:
        raise InputError(path, reader.line_num, f"malformed CSV: {exc}") from None
    if not rows:
        raise InputError(path, None, "no data rows")
    return rows


def row_note(row: dict[str, str]) -> Note:
    meta = {k: v for k, v in row.items() if k not in ("id", "text", "lang", "translation")}
    return Note(id=row["id"], text=row.get("text", ""), lang=(row.get("lang") or "").strip() or None,
                translation=(row.get("translation") or "").strip() or None, meta=meta)


def read_notes(path: str | Path, required: Sequence[str] = ("id", "text")) -> list[Note]:
    """Read notes (``id,text[,lang][,translation]``; other columns go to ``meta``)."""
    return [row_note(r) for r in read_csv(path, required)]


def write_json(data: Any, output: str | Path | None) -> None:
    """Write JSON to ``output`` atomically (temp file + rename), or to stdout when None."""
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                               dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
