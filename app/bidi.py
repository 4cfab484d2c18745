"""Mixed directions in plain text (e-mail, SMS, CSV): Unicode isolates.

In HTML a piece of user-supplied text goes in ``<bdi>`` (or gets ``dir="auto"``). Plain text
has no elements, so a piece is wrapped in FIRST STRONG ISOLATE (U+2068) ... POP DIRECTIONAL
ISOLATE (U+2069): inside, the piece takes the direction of its own first strong letter; outside,
it counts as one neutral character, so a number or an English name in an Arabic sentence (or an
Arabic name in an English one) keeps its place and its own order ("Resolution 2026-41" never
reads "41-2026").

Isolates are added only where they can matter (a right-to-left message, or a piece that holds
right-to-left letters): a message in English about English content stays byte for byte the same,
and an SMS that needs no isolate keeps the GSM alphabet (an isolate would make it UCS-2).
"""
import re

FSI = "\u2068"
LRI = "\u2066"
PDI = "\u2069"
# Letters of the right-to-left scripts: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic,
# Arabic supplements and presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\U00010800-\U00010fff\U0001e800-\U0001efff]")

# Embeddings, overrides and isolates typed into the text itself: dropped inside an isolate, so an
# unmatched one can never leak out of it.
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def has_rtl(text):
    return bool(_RTL.search(str(text or "")))


def isolate(value, rtl_context=False, *, ltr=False):
    """``value`` between isolates when it could be reordered: in a right-to-left context, or
    when it holds right-to-left letters. ``ltr=True`` for a piece that is always left to right
    whatever its first letter (a number such as "1.1" or "2026-41"): LRI instead of FSI."""
    text = "" if value is None else str(value)
    if not text or not (rtl_context or has_rtl(text)):
        return text
    return (LRI if ltr else FSI) + _CONTROLS.sub("", text) + PDI
