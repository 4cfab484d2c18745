"""Text handling for many languages: normalize, detect, tokenize, stop words, stems.

Everything here works offline with data shipped inside installed packages: NLTK's Snowball
stemmers, ``stopwordsiso`` lists, ``jieba``'s dictionary and ``lingua``'s models. Heavy objects
(the language detector, jieba's dictionary) are built lazily on first use and cached.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex

__all__ = [
    "SUPPORTED_LANGUAGES",
    "analyze",
    "base_language",
    "detect_language",
    "fold",
    "normalize",
    "stem",
    "stopwords",
    "tokenize",
]

#: Languages the detector chooses among (ISO 639-1 / 639-3 codes; ``hmn`` by a heuristic).
SUPPORTED_LANGUAGES = ("en", "es", "zh", "vi", "tl", "ru", "ar", "so", "ko", "fa", "hmn")

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
_INVISIBLE = regex.compile(r"[\p{Cf}\p{Cc}--[\t\n\r]]+", flags=regex.V1)
_SPACES = regex.compile(r"\s+")
_ARABIC_MARKS = regex.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                                 "ي": "ي", "ك": "ك", "ی": "ي", "ک": "ك"})
_DIGITS = regex.compile(r"^\p{N}+$")

_SNOWBALL = {"en": "english", "es": "spanish", "ru": "russian", "ar": "arabic",
             "fr": "french", "de": "german", "pt": "portuguese", "it": "italian"}
# Languages written without spaces, or where one letter is a word.
_KEEP_SHORT = {"zh", "ja", "vi", "ko"}

# A short list of very common Hmong (RPA) function words; stopwordsiso has no Hmong.
HMONG_STOPWORDS = frozenset("""
kuv koj nws peb nej lawv wb neb nkawd yog tsis muaj thiab rau hauv los mus tau ua nyob ntawm
cov tus ib lub txoj hais tias yuav xav txog txhua nrog thaum vim ces lossis twb tuaj li no ntawd
ntawv thiaj kom tab sis tabsis tiam sis tsuas tseem dua ntxiv ntau me ho lo lam sawv daws leej
twg dab tsi vim li cas puas yeej kiag lawm mas os na thiab los sis tom qab ua ntej
""".split())
# Words that mark a text as Hmong when many of them occur together.
_HMONG_MARKERS = frozenset("""
kuv koj nws peb nej lawv yog tsis muaj thiab hauv nyob ntawm cov txoj hais tias yuav xav txog
txhua nrog thaum vim lossis tuaj pab menyuam tsev kawm nyiaj hnub ntau ntxiv tseem neeg rau tau
mus los lub tus zoo kev niam txiv tsoom fwv npav tsheb chaw nres qiv ntawv tsaus heev hmo ntuj thov kom
dej zej zos hluas laus nyuaj txaus tsawg sij hawm
""".split())

_LOG = logging.getLogger(__name__)


def normalize(text: str | None) -> str:
    """NFC-normalize, drop invisible format/control characters and collapse white space."""
    if not text:
        return ""
    text = str(text)
    if text.isascii() and text.isprintable():  # the common case: only spaces to collapse
        return " ".join(text.split()) if "  " in text else text.strip()
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=4096)
def base_language(tag: str | None) -> str | None:
    """Reduce a BCP 47 tag to the base language code used here (``zh-Hans`` -> ``zh``)."""
    if not tag:
        return None
    base = str(tag).strip().replace("_", "-").split("-")[0].lower()
    return {"fil": "tl", "iw": "he", "pes": "fa", "prs": "fa", "cmn": "zh", "mww": "hmn",
            "hnj": "hmn", "som": "so", "arb": "ar"}.get(base, base) or None


def fold(text: str, lang: str | None = None) -> str:
    """Case-fold for matching; for Arabic script also drop vowel marks and unify letter forms."""
    text = normalize(text).casefold()
    if lang in ("ar", "fa", "ur") or _ARABIC_MARKS.search(text):
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return text


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _detector():
    """Build the lingua detector once, restricted to the languages we need (it is heavy)."""
    from lingua import Language, LanguageDetectorBuilder

    wanted = [Language.ENGLISH, Language.SPANISH, Language.CHINESE, Language.VIETNAMESE,
              Language.TAGALOG, Language.RUSSIAN, Language.ARABIC, Language.SOMALI,
              Language.KOREAN, Language.PERSIAN]
    return LanguageDetectorBuilder.from_languages(*wanted).build()


def _looks_hmong(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 2:
        return False
    hits = sum(w in _HMONG_MARKERS for w in words)
    return hits >= 2 and hits / len(words) >= 0.3


def detect_language(text: str | None) -> str | None:
    """Best guess of the base language of ``text`` among :data:`SUPPORTED_LANGUAGES`.

    Returns None when the text has no letters. Hmong (RPA), which lingua lacks, is recognised by
    its frequent function words.
    """
    text = normalize(text)
    if not regex.search(r"\p{L}", text):
        return None
    if _looks_hmong(text):
        return "hmn"
    found = _detector().detect_language_of(text)
    if found is None:
        return None
    return found.iso_code_639_1.name.lower()


def detect_languages(texts: Sequence[str]) -> list[str | None]:
    """Vectorised :func:`detect_language` (uses lingua's parallel batch call)."""
    texts = [normalize(t) for t in texts]
    out: list[str | None] = [None] * len(texts)
    todo = []
    for i, t in enumerate(texts):
        if not regex.search(r"\p{L}", t):
            continue
        if _looks_hmong(t):
            out[i] = "hmn"
        else:
            todo.append(i)
    if todo:
        found = _detector().detect_languages_in_parallel_of([texts[i] for i in todo])
        for i, lang in zip(todo, found, strict=True):
            out[i] = lang.iso_code_639_1.name.lower() if lang is not None else None
    return out


@lru_cache(maxsize=64)
def stopwords(lang: str | None) -> frozenset[str]:
    """Stop words for a language (from ``stopwordsiso``; our own short list for Hmong)."""
    lang = base_language(lang)
    if lang == "hmn":
        return HMONG_STOPWORDS
    if not lang:
        return frozenset()
    import stopwordsiso

    if not stopwordsiso.has_lang(lang):
        return frozenset()
    words: set[str] = set()
    for entry in stopwordsiso.stopwords(lang):
        words.add(fold(entry, lang))  # vi entries may be phrases ("bao giờ"): matched as pairs
    return frozenset(words)


def tokenize(text: str | None, lang: str | None = None) -> list[str]:
    """Split into case-folded words: jieba for Chinese, ``[\\p{L}\\p{M}\\p{N}]+`` elsewhere.

    One-letter words are kept (Vietnamese "ở"); Arabic diacritics are removed, not split on.
    """
    lang = base_language(lang)
    text = fold(text or "", lang)
    if not text:
        return []
    if lang in ("zh", "ja") or (lang is None and regex.search(r"\p{Han}", text)):
        words = []
        for piece in _jieba().lcut(text):
            words.extend(_WORD.findall(piece))
        return words
    if text.isascii():  # the same words, found faster by the standard library
        return _ASCII_WORD.findall(text)
    return _WORD.findall(text)


@lru_cache(maxsize=16)
def _stemmer(lang: str):
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(_SNOWBALL[lang])


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str | None) -> str:
    """Stem one folded word with NLTK's Snowball stemmer where one exists for the language."""
    lang = base_language(lang)
    if lang in _SNOWBALL:
        return _stemmer(lang).stem(word)
    if lang == "ko":
        return _strip_korean_particle(word)
    return word


_KO_PARTICLES = ("에서는", "에서", "으로", "에게", "까지", "부터", "은", "는", "이", "가", "을",
                 "를", "의", "에", "로", "와", "과", "도", "만")


def _strip_korean_particle(word: str) -> str:
    for p in _KO_PARTICLES:
        if len(word) > len(p) + 1 and word.endswith(p):
            return word[: -len(p)]
    return word


_TERMS: dict[str | None, dict[str, str]] = {}
_TERMS_SIZE = 500_000


def _term(word: str, lang: str | None) -> str:
    """The term of one folded word ("" for a stop word, a bare number or a lone letter)."""
    if word in stopwords(lang) or _DIGITS.match(word) or (len(word) < 2
                                                         and lang not in _KEEP_SHORT):
        return ""
    return stem(word, lang)


def analyze_pairs(text: str | None, lang: str | None) -> list[tuple[str, str]]:
    """Terms with the surface word each came from: ``[(term, surface), ...]``.

    Stop words and bare numbers are dropped; words are stemmed. Vietnamese also gets adjacent
    syllable pairs so that compounds such as "xe buýt" survive.
    """
    lang = base_language(lang)
    words = tokenize(text, lang)
    if lang != "vi":  # each distinct word is analysed once per language
        cache = _TERMS.setdefault(lang, {})
        if len(cache) > _TERMS_SIZE:
            cache.clear()
        for w in set(words).difference(cache):
            cache[w] = _term(w, lang)
        return [(term, w) for w in words if (term := cache[w])]
    stops = stopwords(lang)
    keep_short = lang in _KEEP_SHORT
    out = []
    prev: str | None = None
    for w in words:
        if w in stops or _DIGITS.match(w) or (len(w) < 2 and not keep_short):
            prev = None
            continue
        out.append((stem(w, lang), w))
        if lang == "vi":
            if prev is not None:
                pair = f"{prev} {w}"
                if pair not in stops:
                    out.append((pair, pair))
            prev = w
    return out


def analyze(text: str | None, lang: str | None) -> list[str]:
    """Terms (stems) of a text for vectorizing: tokenize, drop stop words, stem."""
    return [term for term, _ in analyze_pairs(text, lang)]


def surface_join(words: Iterable[str], lang: str | None) -> str:
    """Join words back into a phrase: no spaces for Chinese/Japanese, spaces elsewhere."""
    sep = "" if base_language(lang) in ("zh", "ja") else " "
    return sep.join(words)
