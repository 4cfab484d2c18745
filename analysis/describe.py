"""Describing a theme for people: a name that says what the notes are about, quotes that show
it (central, not near-duplicates, from several languages and sessions), and where its notes come
from (counts per language, session and table, with flags when it rests on one of them).

Names are key phrases read from the notes: n-grams of up to four words that start and end with
a content word, scored by how distinctive their words are for the theme (class-based TF-IDF,
see :func:`analysis.representation.distinctive_terms`) and how many notes use them; two- to
four-word phrases are preferred, lone words and phrases that look like street names or proper
names are penalised.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import regex

from .features import Doc, prepare
from .records import Theme
from .representation import distinctive_terms
from .text import base_language, fold, stem, stopwords, surface_join

__all__ = ["ORIGIN_FLAGS", "describe_themes", "name_theme", "origin_counts", "pick_quotes"]

_DIGITS = regex.compile(r"^\p{N}+$")
_HAS_UPPER = regex.compile(r"^\p{Lu}")

#: Words that make a phrase look like a street or place address, in Heard's languages
#: (folded). A name made of them ("Ferry Road") says where, not what.
STREET_WORDS = frozenset("""
road rd street st avenue ave av boulevard blvd lane ln drive dr highway hwy parkway pkwy
court ct place pl terrace crescent cres square sq freeway expressway route hwy
calle avenida av carretera camino paseo bulevar
đường phố quốc lộ hẻm ngõ
kalye daan abenida
улица ул проспект пр шоссе переулок бульвар
شارع طريق جادة
waddada jidka
kev
路 街 道 大道 公路 巷
""".split())

ORIGIN_FLAGS = ("one_language", "one_session", "one_table")

_fold = lru_cache(maxsize=200_000)(fold)  # a word's folded form, once per word and language


_CLAUSE_BREAK = regex.compile(r"[^\p{L}\p{M}\p{N}\s'’\-]+")


def _clauses(doc: Doc) -> list[list[str]]:
    """The note's words, split where punctuation breaks the clause (a name never spans
    "housing, the rent")."""
    from .representation import _words

    out = []
    for piece in _CLAUSE_BREAK.split(doc.source):
        words = _words(piece, doc.source_lang)
        if words:
            out.append(words)
    return out


class _Phrases:
    """Candidate phrases of a theme's notes, with what the score needs to know about them."""

    def __init__(self, term_scores: Mapping[str, float], max_words: int):
        self.term_scores, self.max_words = term_scores, max_words
        self.counts: Counter = Counter()
        self.forms: dict[tuple[str, ...], Counter] = defaultdict(Counter)
        self.scores: dict[tuple[str, ...], float] = {}
        self.lang: dict[tuple[str, ...], str | None] = {}
        self.capitalised: Counter = Counter()  # word -> times written capitalised mid-clause
        self.seen: Counter = Counter()

    def add_clause(self, words: list[str], lang: str | None, in_doc: set) -> None:
        stops = stopwords(lang)
        folded = [_fold(w, lang) for w in words]
        for i, (w, f) in enumerate(zip(words, folded, strict=True)):
            if i > 0:
                self.seen[f] += 1
                self.capitalised[f] += bool(_HAS_UPPER.match(w)) and not w.isupper()
        term_w = [0.0 if (f in stops or _DIGITS.match(f)) else
                  self.term_scores.get(stem(f, lang), 0.0) for f in folded]
        for i in range(len(words)):
            if term_w[i] <= 0:
                continue  # a phrase starts with a content word...
            for j in range(i + 1, min(i + self.max_words, len(words)) + 1):
                if term_w[j - 1] <= 0:
                    continue  # ... and ends with one
                key = tuple(folded[i:j])
                if key in in_doc or len(set(key)) < len(key):  # no "disease is a disease"
                    continue
                if sum(1 for f in key if f in stops) > 1:
                    continue  # at most one function word inside ("access to clinics")
                in_doc.add(key)
                self.counts[key] += 1
                self.forms[key][surface_join(words[i:j], lang)] += 1
                self.scores[key] = sum(w for w in term_w[i:j] if w > 0)
                self.lang[key] = base_language(lang)

    def proper(self, key: tuple[str, ...]) -> float:
        """How often the phrase's words are written with a capital inside a clause (names)."""
        content = [f for f in key if self.seen[f]]
        if not content:
            return 0.0
        return sum(self.capitalised[f] / self.seen[f] for f in content) / len(content)

    def value(self, key: tuple[str, ...], multi: bool) -> float:
        c = self.counts[key]
        if multi and c < 2:
            return -1.0
        length_bonus = {1: 0.55, 2: 1.35, 3: 1.35, 4: 1.15}.get(len(key), 1.0)
        v = math.log1p(c) * self.scores[key] * length_bonus
        if any(f in STREET_WORDS for f in key):
            v *= 0.1  # "Ferry Road" says where, not what
        if self.proper(key) > 0.6:
            v *= 0.35
        if self.lang[key] == "en" and len(key) > 1:
            # noun-ish: not ending on an adjective ("current electoral"), not opening with a
            # past tense verb ("played football")
            if key[-1].endswith(_EN_ADJECTIVE_ENDINGS):
                v *= 0.6
            if len(key[0]) > 4 and key[0].endswith("ed"):
                v *= 0.6
        return v


_EN_ADJECTIVE_ENDINGS = ("ive", "ous", "ful", "able", "ible", "less")


def name_theme(member_docs: Sequence[Doc], term_scores: Mapping[str, float],
               max_words: int = 4) -> str:
    """A short phrase found in the notes that says what they are about ("" when none).

    ``member_docs`` are the theme's notes (nearest the centre first); ``term_scores`` maps a
    stem to how distinctive it is for the theme.
    """
    phrases = _Phrases(term_scores, max_words)
    for doc in member_docs:
        in_doc: set[tuple[str, ...]] = set()
        for words in _clauses(doc):
            phrases.add_clause(words, doc.source_lang, in_doc)
    if not phrases.counts:
        return ""
    multi = any(c >= 2 for c in phrases.counts.values())
    best = max(phrases.counts, key=lambda k: (phrases.value(k, multi), -len(k), k))
    phrase = _best_surface(phrases.forms[best])
    return phrase[:1].upper() + phrase[1:]


def _best_surface(counter: Counter) -> str:
    return sorted(counter.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]


def _token_set(doc: Doc) -> frozenset[str]:
    return frozenset(doc.terms)


def pick_quotes(Z: np.ndarray, members: np.ndarray, centre: np.ndarray, docs: Sequence[Doc],
                groups: Mapping[int, tuple[Any, Any]], k: int = 3, lam: float = 0.7,
                pool: int = 60, duplicate_sim: float = 0.98) -> list[int]:
    """Indices of up to ``k`` notes to quote: maximal marginal relevance over the members.

    Relevance is the cosine to the theme's centre; a note too similar to one already chosen
    (cosine above ``duplicate_sim``, or most of its words shared) is skipped, and a note from a
    language or session not quoted yet gets a small bonus. ``groups[i]`` is note i's
    ``(language, session)``. Notes with some substance (4+ terms) are preferred.
    """
    if len(members) == 0 or k <= 0:
        return []
    rel = Z[members] @ centre
    order = members[np.argsort(-rel, kind="stable")]
    rel_of = dict(zip(members.tolist(), rel.tolist(), strict=True))
    substantial = [i for i in order if len(docs[i].pairs) >= 4]
    rest = [i for i in order if len(docs[i].pairs) < 4]
    candidates = (substantial[:pool] + rest[:pool])[: max(pool, k)]
    chosen: list[int] = []
    texts_seen: set[str] = set()
    token_sets: dict[int, frozenset[str]] = {}

    def words_of(i: int) -> frozenset[str]:
        if i not in token_sets:
            token_sets[i] = _token_set(docs[i])
        return token_sets[i]

    while len(chosen) < k:
        best, best_v = None, -np.inf
        langs = {groups[i][0] for i in chosen}
        sessions = {groups[i][1] for i in chosen}
        for i in candidates:
            if i in chosen or docs[i].source.casefold() in texts_seen:
                continue
            sim = max((float(Z[i] @ Z[j]) for j in chosen), default=0.0)
            if sim > duplicate_sim:
                continue
            words = words_of(i)
            if any(_jaccard(words, words_of(j)) > 0.6 for j in chosen):
                continue
            v = lam * rel_of[i] - (1 - lam) * sim
            if chosen and groups[i][0] not in langs:
                v += 0.05
            if chosen and groups[i][1] is not None and groups[i][1] not in sessions:
                v += 0.03
            v -= 0.1 * (i not in substantial[:pool])  # a short note only if nothing better
            if v > best_v:
                best, best_v = i, v
        if best is None:
            break
        chosen.append(best)
        texts_seen.add(docs[best].source.casefold())
    return [int(i) for i in chosen]


def _jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def origin_counts(member_langs: Sequence[str | None], member_meta: Sequence[Mapping],
                  run_langs: set, run_sessions: set, run_tables: set,
                  session_key: str = "session_id", table_key: str = "table_id"
                  ) -> tuple[dict[str, int], dict[str, int], int, list[str]]:
    """``(languages, sessions, n_tables, flags)`` for one theme.

    Flags: ``one_language`` / ``one_session`` / ``one_table`` when the run has several of them
    and every note of the theme comes from one.
    """
    langs = Counter(base_language(lang) or "und" for lang in member_langs)
    sessions = Counter(str(m.get(session_key)) for m in member_meta
                       if m.get(session_key) not in (None, ""))
    tables = {(m.get(session_key), m.get(table_key)) for m in member_meta
              if m.get(table_key) not in (None, "")}
    flags = []
    if len(run_langs) > 1 and len(langs) == 1:
        flags.append("one_language")
    if len(run_sessions) > 1 and len(sessions) == 1:
        flags.append("one_session")
    with_table = [m for m in member_meta if m.get(table_key) not in (None, "")]
    if len(run_tables) > 1 and len(tables) == 1 and len(with_table) == len(member_meta):
        flags.append("one_table")
    def ranked(c: Counter) -> dict[str, int]:
        return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

    return ranked(langs), ranked(sessions), len(tables), flags


#: Keywords of runs over more than DESCRIBE_ALL notes come from samples: up to `sample` notes
#: of each theme (its `near` nearest the centre, which also give its name and quotes, and a
#: random rest) against `background` notes of the run. "read": every note's words were read;
#: "unread": none were (a run on stored vectors reads only these); "sampled": a large lexical
#: run, whose background is the sample its vocabulary was learned from (the random rest of a
#: theme's sample is drawn from it too, so only the `near` notes are read again).
DESCRIBE_ALL = 20_000
SAMPLES = {"read": (10_000, 1500, 200), "unread": (3000, 300, 150), "sampled": (0, 300, 50)}
NEAR = 200


def describe_themes(model, notes: Sequence, langs, docs: list[Doc] | dict[int, Doc] | None,
                    Z: np.ndarray, labels: np.ndarray) -> list[Theme]:
    """The :class:`Theme` of each of a fitted ``model``'s themes (``model.theme_ids_``, with
    centres ``model.centroids_``): keywords, name, quotes and origins.

    ``docs``: every note's :class:`Doc` (a list), those of a large run's fit sample (a dict
    by note index; its keys are the background), or None (the notes' words were not read).
    """
    n = len(notes)
    rng = np.random.RandomState(model.random_state)
    members_of = [np.flatnonzero(labels == c) for c in range(len(model.theme_ids_))]
    ranked_of = []
    for c, members in enumerate(members_of):
        sims = Z[members] @ model.centroids_[c]
        ranked_of.append(members[np.argsort(-sims, kind="stable")])
    doc_of: dict[int, Doc] | list[Doc]
    near = NEAR
    if isinstance(docs, list) and n <= DESCRIBE_ALL:
        doc_of, background, sample_of = docs, np.arange(n), members_of
    else:
        # A large run: keywords from a bounded sample of each theme against a sample of all
        # notes (the words of the rest are not even read when clustering was on meaning).
        kind = "read" if isinstance(docs, list) else "sampled" if docs else "unread"
        n_background, n_sample, near = SAMPLES[kind]
        if kind == "sampled":
            background = np.array(sorted(docs), dtype=int)
        else:
            background = np.sort(rng.choice(n, min(n, n_background), replace=False))
        sample_of = []
        for ranked in ranked_of:
            rest = ranked[near:]
            if kind == "sampled":  # the rest from the fit sample: already read, and random
                rest = rest[np.isin(rest, background)]
            extra = (rng.choice(rest, min(len(rest), n_sample - near), replace=False)
                     if len(rest) else [])
            sample_of.append(np.sort(np.concatenate([ranked[:near], extra]).astype(int)))
        if kind == "read":
            doc_of = docs
        else:
            doc_of = dict(docs or {})
            need = np.unique(np.concatenate([background, *sample_of]).astype(int))
            need = [i for i in need.tolist() if i not in doc_of]
            prepared = prepare([notes[i] for i in need], model.use_translation,
                               model.keep_original, langs=[langs[i] for i in need])
            doc_of.update(zip(need, prepared, strict=True))
    df_all: Counter = Counter()
    for i in background:
        df_all.update({term for term, _ in doc_of[i].pairs})
    run_langs = {base_language(lang) for lang in langs} - {None}
    metas = [note.meta for note in notes]
    session_key, table_key = model.session_key, model.table_key
    run_sessions = {m.get(session_key) for m in metas} - {None, ""}
    run_tables = {(m.get(session_key), m.get(table_key)) for m in metas
                  if m.get(table_key) not in (None, "")}
    quotable = np.unique(np.concatenate([ranked[:near] for ranked in ranked_of] or [[]]))
    groups = {i: (base_language(langs[i]), metas[i].get(session_key))  # of possible quotes
              for i in quotable.astype(int).tolist()}
    themes = []
    for c, theme_id in enumerate(model.theme_ids_):
        members, ranked = members_of[c], ranked_of[c]
        member_docs = [doc_of[i] for i in sample_of[c]]
        terms = distinctive_terms(member_docs, df_all, len(background),
                                  top=max(model.n_keywords, 20))
        keywords = [surface for _, _, surface in terms[: model.n_keywords]]
        # the name is read from the notes nearest the centre, bounded for speed
        scores = {t: score for t, score, _ in terms}
        label = name_theme([doc_of[i] for i in ranked[:near]], scores) or (
            ", ".join(keywords[:2]) if keywords else theme_id)
        quotes = pick_quotes(Z, ranked[:near], model.centroids_[c], doc_of, groups,
                             k=model.n_representatives)
        languages, sessions, n_tables, flags = origin_counts(
            [langs[i] for i in members], [metas[i] for i in members], run_langs,
            run_sessions, run_tables, session_key, table_key)
        themes.append(Theme(
            id=theme_id,
            label=label,
            keywords=keywords,
            note_ids=[notes[i].id for i in members],
            representative_ids=[notes[i].id for i in quotes],
            languages=languages,
            sessions=sessions,
            n_tables=n_tables,
            flags=flags,
        ))
    return themes
