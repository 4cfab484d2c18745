"""Codebooks: named codes (with descriptions and examples, in one or more languages)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io import InputError

__all__ = ["Code", "Codebook", "SHIPPED_CODEBOOKS", "load_codebook", "parse_codebook"]

#: Codebooks shipped in ``analysis/data`` and loadable by name.
SHIPPED_CODEBOOKS = ("all_children_thrive",)
_DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Code:
    """One code. ``names``/``descriptions``/``examples`` are keyed by language tag."""

    id: str
    names: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.names.get("en") or next(iter(self.names.values()), self.id)

    @property
    def description(self) -> str:
        return self.descriptions.get("en") or next(iter(self.descriptions.values()), "")

    def texts(self) -> dict[str, str]:
        """One descriptive text per language: name (twice, as it matters most), description,
        examples."""
        langs = list(dict.fromkeys([*self.names, *self.descriptions, *self.examples]))
        out = {}
        for lang in langs:
            name = self.names.get(lang, "")
            parts = [name, name, self.descriptions.get(lang, ""), *self.examples.get(lang, [])]
            out[lang] = " . ".join(p for p in parts if p)
        return out


@dataclass(frozen=True)
class Codebook:
    codes: list[Code]
    name: str = ""

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.codes]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "codes": [
            {"id": c.id, "name": dict(c.names), "description": dict(c.descriptions),
             "examples": {k: list(v) for k, v in c.examples.items()}} for c in self.codes]}


def _by_lang(value: Any, what: str, where: str, default_lang: str) -> dict:
    if value is None:
        return {}
    if isinstance(value, str):
        return {default_lang: value} if value.strip() else {}
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise ValueError(f"{where}: {what} must hold strings")
        return {default_lang: list(value)} if value else {}
    if isinstance(value, dict):
        for k, v in value.items():
            ok = isinstance(v, str) or (isinstance(v, list) and all(isinstance(x, str) for x in v))
            if not ok:
                raise ValueError(f"{where}: {what}[{k!r}] must be text")
        return dict(value)
    raise ValueError(f"{where}: {what} must be text or a mapping of language to text")


def parse_codebook(data: Any, default_lang: str = "en") -> Codebook:
    """Validate plain data (``{"codes": [...]}``) into a Codebook; raises ValueError."""
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise ValueError('a codebook is an object with a "codes" list')
    if not data["codes"]:
        raise ValueError('"codes" is empty')
    codes, seen = [], set()
    for i, raw in enumerate(data["codes"], start=1):
        where = f"code {i}"
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: must be an object")
        code_id = raw.get("id")
        if not isinstance(code_id, str) or not code_id.strip():
            raise ValueError(f'{where}: missing "id"')
        if code_id in seen:
            raise ValueError(f"{where}: duplicate id {code_id!r}")
        seen.add(code_id)
        names = _by_lang(raw.get("name"), "name", where, default_lang)
        if not names:
            raise ValueError(f'{where} ({code_id}): missing "name"')
        examples = _by_lang(raw.get("examples"), "examples", where, default_lang)
        examples = {k: ([v] if isinstance(v, str) else v) for k, v in examples.items()}
        codes.append(Code(
            id=code_id,
            names={k: v for k, v in names.items() if isinstance(v, str)},
            descriptions={k: v for k, v in _by_lang(raw.get("description"), "description", where,
                                                    default_lang).items() if isinstance(v, str)},
            examples=examples,
        ))
    return Codebook(codes=codes, name=str(data.get("name") or ""))


def load_codebook(path_or_name: str | Path) -> Codebook:
    """Load a codebook from a JSON file, or a shipped one by name (``"all_children_thrive"``).

    Raises :class:`analysis.io.InputError` naming the file and the problem.
    """
    key = str(path_or_name).replace("-", "_")
    if key in SHIPPED_CODEBOOKS and not Path(path_or_name).exists():
        raw = (_DATA / f"{key}.json").read_bytes()
        label = f"{key} (shipped)"
    else:
        label = str(path_or_name)
        try:
            raw = Path(path_or_name).read_bytes()
        except OSError as exc:
            raise InputError(label, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(label, None, f"not UTF-8 (byte {exc.start})") from None
    if not text.strip():
        raise InputError(label, None, "empty file")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(label, None, f"not valid JSON: {exc.msg} at line {exc.lineno} "
                                      f"column {exc.colno}") from None
    try:
        return parse_codebook(data)
    except ValueError as exc:
        raise InputError(label, None, str(exc)) from None
