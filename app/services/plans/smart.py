"""A SMART check of an action plan, for the staff who keep it: open actions with no owner,
no end date or no measure of success, and wording the team may want to sharpen.

The tell-tale words are a short list per language (the plan's source language, the
engagement's default). The English list was written with the team; the other eight are
first drafts awaiting review by native speakers (see translations/README.md). A word
matches as a whole word, in any case (Chinese has no spaces: there a phrase matches
anywhere in the text).
"""
import re
from dataclasses import dataclass, field

from ...models import ACTION_CLOSED

VAGUE_WORDS = {
    "en": ("improve", "enhance", "support", "explore", "consider", "promote", "encourage", "strengthen",
           "foster", "facilitate", "look into", "work toward", "work towards", "as needed", "as appropriate",
           "where possible", "various", "continue to", "raise awareness"),
    "es": ("mejorar", "fortalecer", "promover", "apoyar", "fomentar", "explorar", "considerar", "impulsar",
           "facilitar", "según sea necesario", "cuando sea posible", "diversos", "seguir trabajando"),
    "zh-Hans": ("改善", "加强", "促进", "支持", "探索", "考虑", "推动", "鼓励", "提升", "必要时", "尽可能", "各种"),
    "vi": ("cải thiện", "tăng cường", "thúc đẩy", "hỗ trợ", "khuyến khích", "tìm hiểu", "xem xét", "nâng cao",
           "khi cần thiết", "khi có thể"),
    "tl": ("pagbutihin", "palakasin", "suportahan", "isulong", "hikayatin", "pag-aralan", "isaalang-alang",
           "kung kinakailangan", "kung maaari"),
    "ru": ("улучшить", "усилить", "укрепить", "поддерживать", "содействовать", "способствовать", "рассмотреть",
           "изучить", "по мере необходимости", "по возможности", "различные"),
    "ar": ("تحسين", "تعزيز", "دعم", "تشجيع", "استكشاف", "النظر في", "حسب الحاجة", "قدر الإمكان", "تيسير"),
    "hmn": ("txhim kho", "pab txhawb", "txhawb nqa", "xav txog", "tshawb nrhiav", "raws li tsim nyog",
            "yog ua tau"),
    "so": ("hagaajin", "xoojin", "taageer", "dhiirigelin", "sahamin", "tixgeli", "haddii loo baahdo",
           "inta suurtagal ah"),
}
NO_SPACES = ("zh-Hans",)
# Arabic joins "and", "by", "for" and "the" to the word that follows.
_ARABIC_PREFIX = "(?:و|ب|ل|ال|وال|بال|لل)?"
FLAGS = ("no_owner", "no_end_date", "no_measure", "vague")


def _pattern(language):
    words = VAGUE_WORDS.get(language) or VAGUE_WORDS["en"]
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    if language in NO_SPACES:
        return re.compile(f"({alternatives})")
    prefix = _ARABIC_PREFIX if language == "ar" else ""
    return re.compile(rf"(?<!\w){prefix}({alternatives})(?!\w)", re.IGNORECASE)


_PATTERNS = {}


def vague_words(text, language="en"):
    """The tell-tale words found in ``text`` (in ``language``), each once, in order."""
    if language not in _PATTERNS:
        _PATTERNS[language] = _pattern(language if language in VAGUE_WORDS else "en")
    found = []
    for match in _PATTERNS[language].finditer(text or ""):
        word = match.group(1).casefold()
        if word not in found:
            found.append(word)
    return found


@dataclass
class Finding:
    item: object
    flags: list = field(default_factory=list)  # of FLAGS
    words: list = field(default_factory=list)  # the vague words, when "vague" is flagged


def check(plan, language=None):
    """[Finding] for each open action of ``plan`` with at least one flag, in plan order."""
    language = language or plan.engagement.default_language or "en"
    findings = []
    for item in plan.items:
        if item.status in ACTION_CLOSED:
            continue
        finding = Finding(item)
        if not (item.owner or "").strip():
            finding.flags.append("no_owner")
        if item.deadline is None:
            finding.flags.append("no_end_date")
        if not (item.measures or (item.strategy and item.strategy.measures)
                or (item.goal_ref and item.goal_ref.measures)):
            finding.flags.append("no_measure")
        finding.words = vague_words(item.action_step, language)
        if finding.words:
            finding.flags.append("vague")
        if finding.flags:
            findings.append(finding)
    return findings


def counts(findings):
    """{flag: how many actions carry it}."""
    return {flag: sum(flag in finding.flags for finding in findings) for flag in FLAGS}
