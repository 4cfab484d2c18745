"""Showing a report's texts to a reader: the reader's language when translated, else the source
marked "not yet translated" (:class:`Text`, :class:`Translator`), and the helpers the report
pages and files share (titles, language names, quote translations)."""
from dataclasses import dataclass

from ..content import translations


def pick_text(by_language, language, default_language="en"):
    """(text, its language) from a {language: text} dict: the reader's, else the default, else any."""
    by_language = by_language or {}
    for code in (language, default_language, "en"):
        if by_language.get(code):
            return by_language[code], code
    for code, text in sorted(by_language.items()):
        if text:
            return text, code
    return "", language


@dataclass(frozen=True)
class Text:
    """A text to show: ``language`` is the one it is written in; ``fallback`` when the reader's
    language has no translation yet (the page marks it "not yet translated")."""

    text: str
    language: str
    fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)


class Translator:
    """Picks translated content for a reader: ``tr(kind, id, source)`` gives a :class:`Text`.

    ``frozen`` is a version's {language: {unit key: text}}; without it (the tracker's live
    action items), ``live_keys`` are looked up in the translations table."""

    def __init__(self, language, source_language="en", frozen=None, live_keys=()):
        self.language, self.source_language = language, source_language or "en"
        if frozen is not None:
            self.texts = (frozen or {}).get(language, {})
        else:
            same = language == self.source_language
            self.texts = {} if same else translations.lookup(language, live_keys)

    def __call__(self, kind, object_id, source):
        source = source or ""
        if self.language == self.source_language or not source.strip():
            return Text(source, self.source_language, False)
        found = self.texts.get(translations.unit_key(kind, object_id))
        if found:
            return Text(found, self.language, False)
        return Text(source, self.source_language, True)


def snapshot_translator(snapshot, language):
    snapshot = snapshot or {}
    source = (snapshot.get("engagement") or {}).get("default_language") or "en"
    return Translator(language, source, frozen=snapshot.get("translations") or {})


def quote_translation(quote, language):
    """(text, language, who) of the translation shown beside a quote, or None. Quotes stay
    verbatim; the notetaker's English translation is shown to readers of any other language."""
    if quote.get("language") in ("", None, language) or not quote.get("translation_en"):
        return None
    return quote["translation_en"], "en", "notetaker"


def session_title(session, language, default_language="en"):
    return pick_text(session.get("titles"), language, default_language)


def session_title_text(session, language, default_language="en"):
    """A snapshot session's title as a :class:`Text`: a fallback when not in ``language``."""
    text, code = pick_text(session.get("titles"), language, default_language)
    return Text(text, code, bool(text) and code != language)


def theme_label(theme, language):
    """A tracker theme's label in the reader's language (frozen with its report version)."""
    source = theme.get("source_language") or "en"
    if language == source:
        return Text(theme["label"], source, False)
    found = (theme.get("labels") or {}).get(language)
    return Text(found, language, False) if found else Text(theme["label"], source, True)
