"""Describing a group of notes: keywords (surface words) and a readable label phrase.

The label is a real phrase found in the notes (the n-gram that best combines the group's
distinctive words and how many notes use it), never a bag of stems.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

import regex

from .features import Doc
from .text import _jieba, base_language, fold, normalize, stem, stopwords, surface_join

__all__ = ["distinctive_terms", "label_phrase"]

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_DIGITS = regex.compile(r"^\p{N}+$")


def distinctive_terms(
    member_docs: Sequence[Doc], df_all: Counter, n_all: int, top: int = 8
) -> list[tuple[str, float, str]]:
    """Terms frequent in the group and rarer elsewhere: ``[(term, score, surface), ...]``.

    Score is p(t|group) * log(p(t|group) / p(t)), using document frequencies.
    """
    n = len(member_docs)
    if n == 0:
        return []
    df_in: Counter = Counter()
    surfaces: dict[str, list[str]] = defaultdict(list)
    for doc in member_docs:
        for term, surface in doc.pairs:
            surfaces[term].append(surface)
        df_in.update({term for term, _ in doc.pairs})
    scored = []
    min_df = 2 if n > 2 and max(df_in.values(), default=0) >= 2 else 1
    for term, c in df_in.items():
        if c < min_df:
            continue
        p_in = c / n
        p_all = max(df_all.get(term, c), c) / max(n_all, 1)
        score = p_in * math.log(p_in / p_all) if p_in > p_all else 0.0
        if score > 0 or n_all == n:
            scored.append((score if n_all != n else p_in, term))
    scored.sort(key=lambda x: (-x[0], x[1]))
    out, seen_surface = [], set()
    for score, term in scored:  # a term's surface word is looked for only when it is reached
        surface = _best_surface(Counter(surfaces[term]))
        if surface in seen_surface:
            continue
        seen_surface.add(surface)
        out.append((term, score, surface))
        if len(out) >= top:
            break
    return out


def _best_surface(counter: Counter) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _words(text: str, lang: str | None) -> list[str]:
    """Words in reading order, original case (jieba segments Chinese)."""
    text = normalize(text)
    if base_language(lang) in ("zh", "ja") or regex.search(r"\p{Han}", text):
        out = []
        for piece in _jieba().lcut(text):
            out.extend(_WORD.findall(piece))
        return out
    return _WORD.findall(text)


def label_phrase(
    member_docs: Sequence[Doc], term_scores: dict[str, float], max_words: int = 4
) -> str:
    """The most representative real phrase (1-4 words) found in the group's notes."""
    counts: Counter = Counter()
    forms: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    scores: dict[tuple[str, ...], float] = {}
    lang_of: dict[tuple[str, ...], str | None] = {}
    for doc in member_docs:
        lang = doc.source_lang
        stops = stopwords(lang)
        words = _words(doc.source, lang)
        folded = [fold(w, lang) for w in words]
        term_w = [
            0.0 if (f in stops or _DIGITS.match(f)) else term_scores.get(stem(f, lang), 0.0)
            for f in folded
        ]
        seen = set()
        for i in range(len(words)):
            if term_w[i] <= 0:
                continue  # a phrase starts with a content word
            for j in range(i + 1, min(i + max_words, len(words)) + 1):
                if term_w[j - 1] <= 0 or folded[j - 1] in stops:
                    continue  # ... and ends with one
                key = tuple(folded[i:j])
                if key in seen or len(set(key)) < len(key):  # no "disease is a disease"
                    continue
                seen.add(key)
                counts[key] += 1
                forms[key][surface_join(words[i:j], lang)] += 1
                content = [w for w in term_w[i:j] if w > 0]
                scores[key] = sum(content)
                lang_of[key] = lang
    if not counts:
        return ""
    multi = any(c >= 2 for c in counts.values())

    def value(key):
        c = counts[key]
        if multi and c < 2:
            return -1.0
        # shared by many notes, made of distinctive words; mildly prefer 2-3 word phrases
        length_bonus = {1: 1.0, 2: 1.35, 3: 1.3}.get(len(key), 1.1)
        return math.log1p(c) * scores[key] * length_bonus

    best = max(counts, key=lambda k: (value(k), -len(k), k))
    phrase = _best_surface(forms[best])
    return phrase[:1].upper() + phrase[1:]
