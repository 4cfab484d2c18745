"""Demo table notes from the demo's past sessions, written for Heard in nine languages.

The notes are data, in ``texts/notes.json`` beside this module. They are grouped by the
topic the writer had in mind (the analysis is not told: it finds its own themes; the demo
loader uses the topic only to name what it found). Each entry is
``(prompt position, language, text, English translation or None, flags)`` where flags holds
``q`` for a participant's own words (a quote) and ``s`` for a note flagged sensitive.
Prompt 1 asks when people feel safe, 2 which city service would help most, 3 what the city
should start doing this year.
"""
import json
from importlib import resources


def _topics():
    data = json.loads(resources.files(__package__).joinpath("texts", "notes.json").read_text(encoding="utf-8"))
    return {topic: [tuple(entry) for entry in entries] for topic, entries in data.items()}


# topic -> [(prompt position, language, text, English translation or None, flags)]
TOPICS = _topics()

# Which past session a note in each language was taken at: each session had interpreters for
# some languages (see demo.SESSIONS); English notes come from all three.
SESSION_BY_LANGUAGE = {
    "es": ("school-gym", "northgate-commons"),
    "ru": ("school-gym",),
    "tl": ("school-gym",),
    "zh-Hans": ("senior-center",),
    "vi": ("senior-center",),
    "ar": ("senior-center",),
    "so": ("northgate-commons",),
    "hmn": ("northgate-commons",),
    "en": ("school-gym", "senior-center", "northgate-commons"),
}
TABLES_PER_SESSION = 4


def demo_notes():
    """Every demo note with where it was taken, in a stable order:
    ``[dict(key, topic, session, table, prompt, language, text, translation_en, is_quote, is_sensitive)]``.

    The key is stable across runs, so loading twice adds nothing; the session and table follow
    from the language and the order, so the notes spread over every table of every session."""
    out = []
    by_language = {}
    per_session = {}
    for topic, entries in TOPICS.items():
        for index, (prompt, lang, text, translation, flags) in enumerate(entries):
            sessions = SESSION_BY_LANGUAGE[lang]
            seen = by_language[lang] = by_language.get(lang, -1) + 1
            session = sessions[seen % len(sessions)]
            count = per_session[session] = per_session.get(session, -1) + 1
            out.append({
                "key": f"demo-{topic}-{index:02d}", "topic": topic, "session": session,
                "table": count % TABLES_PER_SESSION + 1, "prompt": prompt, "language": lang, "text": text,
                "translation_en": translation, "is_quote": "q" in flags, "is_sensitive": "s" in flags,
            })
    return out
