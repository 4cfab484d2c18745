"""Plain record types exchanged with callers (the web app, the CLI, scripts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Note:
    """One note as written down at a listening session.

    ``lang`` is a BCP 47 tag (``en``, ``es``, ``zh-Hans``, ``hmn``...) or None to detect it.
    ``translation`` is an optional English rendering; when given it is used so that notes in
    different languages about the same thing can meet. ``meta`` holds plain caller data such as
    ``{"table_id": "t3", "session_id": "s1"}``.
    """

    id: str
    text: str
    lang: str | None = None
    translation: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Theme:
    """A theme found by :class:`analysis.ThemeModel`.

    ``label`` is a short phrase taken from the notes, ``keywords`` are surface words (not stems),
    ``note_ids`` its members and ``representative_ids`` the members best showing the theme, whose
    text is to be quoted verbatim. Where the notes come from: ``languages`` (base language ->
    number of notes), ``sessions`` (session id -> number of notes, when notes carry one),
    ``n_tables`` and ``flags`` (``one_language``, ``one_session``, ``one_table``: the run has
    several but every note of the theme comes from one).
    """

    id: str
    label: str
    keywords: list[str]
    note_ids: list[str]
    representative_ids: list[str]
    languages: dict[str, int] = field(default_factory=dict)
    sessions: dict[str, int] = field(default_factory=dict)
    n_tables: int = 0
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "keywords": list(self.keywords),
            "note_ids": list(self.note_ids),
            "representative_ids": list(self.representative_ids),
            "languages": dict(self.languages),
            "sessions": dict(self.sessions),
            "n_tables": self.n_tables,
            "flags": list(self.flags),
        }


def as_note(item: Any) -> Note:
    """Coerce a Note, a mapping with ``id``/``text`` or an ``(id, text)`` pair into a Note."""
    if isinstance(item, Note):
        return item
    if isinstance(item, Theme):
        return Note(id=item.id, text=" ".join([item.label, *item.keywords]), lang=None)
    if isinstance(item, Mapping):
        meta = item.get("meta") or {}
        return Note(
            id=str(item["id"]),
            text=str(item.get("text") or ""),
            lang=item.get("lang") or None,
            translation=item.get("translation") or None,
            meta=dict(meta),
        )
    if isinstance(item, tuple) and len(item) == 2:
        return Note(id=str(item[0]), text=str(item[1]))
    raise TypeError(f"cannot read a note from {type(item).__name__}; pass a Note, dict or (id, text)")


def as_notes(items: Any) -> list[Note]:
    return [as_note(item) for item in items]
