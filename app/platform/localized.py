"""Reading translated content with a fallback to the engagement's default language."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Localized:
    """A translation row chosen for a language, and whether it is a fallback."""

    row: object
    language: str
    is_fallback: bool

    def __getattr__(self, name):
        return getattr(self.row, name)


def pick(translations, language, default_language):
    """The translation in ``language``, else the default language's, else any; None if none."""
    by_language = {t.language: t for t in translations}
    if language in by_language:
        return Localized(by_language[language], language, False)
    for fallback in (default_language, "en"):
        if fallback in by_language:
            return Localized(by_language[fallback], fallback, True)
    if translations:
        first = translations[0]
        return Localized(first, first.language, True)
    return None
