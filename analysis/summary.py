"""Per-theme summaries built only from the data: counts and verbatim quotes, no prose."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .features import resolve_languages
from .records import Theme, as_notes

__all__ = ["summarize_theme"]


def summarize_theme(theme: Theme, notes: Sequence[Any], table_key: str = "table_id",
                    session_key: str = "session_id", max_quotes: int | None = None
                    ) -> dict[str, Any]:
    """Counts and quotes for one theme.

    ``notes`` may be every note (only the theme's members are used). Tables and sessions are
    read from each note's ``meta[table_key]`` / ``meta[session_key]``; a table id is counted
    within its session. Quotes are the representative notes' own text, verbatim, with their
    language and translation when given.
    """
    by_id = {n.id: n for n in as_notes(notes)}
    members = [by_id[i] for i in theme.note_ids if i in by_id]
    langs = resolve_languages(members)
    lang_of = {n.id: n.lang or lang for n, lang in zip(members, langs, strict=True)}
    sessions = {n.meta.get(session_key) for n in members} - {None, ""}
    tables = {(n.meta.get(session_key), n.meta.get(table_key)) for n in members
              if n.meta.get(table_key) not in (None, "")}
    quotes = []
    for note_id in theme.representative_ids[: max_quotes]:
        note = by_id.get(note_id)
        if note is None:
            continue
        quotes.append({"note_id": note.id, "text": note.text, "lang": lang_of.get(note.id),
                       "translation": note.translation})
    return {
        "id": theme.id,
        "label": theme.label,
        "keywords": list(theme.keywords),
        "n_notes": len(members),
        "n_tables": len(tables),
        "n_sessions": len(sessions),
        "languages": dict(sorted(Counter(lang or "und" for lang in lang_of.values()).items(),
                                 key=lambda kv: (-kv[1], kv[0]))),
        "quotes": quotes,
    }
