"""Which language a note is written in, as an app language code.

``lingua`` knows eight of the app's nine languages; it has no Hmong, so a short list of
very common Hmong (RPA) words decides that one first. The detector is built once, on
first use, restricted to the app's languages (a detector for all 75 languages takes
over a gigabyte of memory).
"""
import re
import threading

MIN_LETTERS = 4  # "ok", "no": too short to say

# Frequent Hmong function words and a few content words. RPA spelling marks tones with a
# final consonant letter, so these barely overlap with English, Tagalog or Somali words.
HMONG_WORDS = frozenset(
    "thiab koj kuv peb nws lawv yog tsis muaj nyob hauv ntawm rau tau cov lub tus los mus "
    "ua zoo heev txog neeg zej zog tsev nroog kev xav hais thaum twg yuav tsum npav ntuj "
    "hmo tsaus ntau tsawg kuj lossis vim li cas dab tsi".split()
)

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_lock = threading.Lock()
_detector = None


def _lingua_codes():
    from lingua import Language

    return {
        Language.ENGLISH: "en", Language.SPANISH: "es", Language.CHINESE: "zh-Hans",
        Language.VIETNAMESE: "vi", Language.TAGALOG: "tl", Language.RUSSIAN: "ru",
        Language.ARABIC: "ar", Language.SOMALI: "so",
    }


def _get_detector():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                from lingua import LanguageDetectorBuilder

                codes = _lingua_codes()
                _detector = (LanguageDetectorBuilder.from_languages(*codes).build(), codes)
    return _detector


def looks_hmong(text):
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 2:
        return False
    hits = sum(1 for w in words if w in HMONG_WORDS)
    return hits >= 2 and hits / len(words) >= 0.3


def detect(text):
    """The app language code of ``text``, or None when the text is too short to tell."""
    text = (text or "").strip()
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        return None
    if looks_hmong(text):
        return "hmn"
    detector, codes = _get_detector()
    found = detector.detect_language_of(text)
    return codes.get(found) if found is not None else None
