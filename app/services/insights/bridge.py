"""The one place where the web app calls the ``analysis`` library: it only adapts.

Stored rows go in as plain :class:`analysis.Note` and :class:`analysis.Codebook` records, and
what the library finds comes back as plain values (themes, scores, vectors, codebook rows not
yet added). Nothing here reads or writes the database, and nothing decides: the insights
modules that call it store what comes back as suggestions for people to review.
"""
import numpy as np
from flask import current_app

from ...i18n import LANGUAGES
from ...models import Code

SHIPPED_CODEBOOK = "all_children_thrive"
MIN_LETTERS = 4  # "ok", "no": too short to tell a language by
DIM = 384  # length of the encoder's vectors (analysis.encoders.DIM)
APP_LANGUAGE_CODES = {"zh": "zh-Hans"}  # the library's base codes that the app spells otherwise


def _analysis():
    """The analysis library, imported on first use: it brings scikit-learn, which takes
    seconds to load, and web workers that never run an analysis should not pay for it."""
    import analysis

    return analysis


# --- Records ------------------------------------------------------------------------------

def library_note(note):
    """A stored note as the library's record."""
    return _analysis().Note(
        id=str(note.id),
        text=note.text,
        lang=note.language,
        translation=note.translation_en or None,
        meta={"table_id": note.table_id, "session_id": note.session_id},
    )


def library_codebook(codebook):
    """A stored codebook as the library's."""
    return _analysis().Codebook(
        name=codebook.name,
        codes=[
            _analysis().Code(
                id=code.key,
                names={lang: t["name"] for lang, t in code.translations.items() if t.get("name")},
                descriptions={lang: t.get("description", "") for lang, t in code.translations.items()},
                examples=_examples_by_lang(code.examples),
            )
            for code in codebook.codes
        ],
    )


def _examples_by_lang(examples):
    out = {}
    for example in examples or []:
        out.setdefault(example["lang"], []).append(example["text"])
    return out


def shipped_codebook():
    """The shipped All Children Thrive codebook: ``(name, [Code rows, not yet added])``."""
    shipped = _analysis().load_codebook(SHIPPED_CODEBOOK)
    codes = []
    for position, code in enumerate(shipped.codes):
        translations = {
            lang: {"name": name, "description": code.descriptions.get(lang, "")}
            for lang, name in code.names.items()
        }
        examples = [{"lang": lang, "text": text} for lang, texts in code.examples.items() for text in texts]
        codes.append(Code(key=code.id, position=position, translations=translations, examples=examples))
    return shipped.name, codes


# --- Language and the multilingual encoder ------------------------------------------------
# The library decides what a note is written in and what its encoder reads; the app stores the
# vectors (app/services/insights/note_vectors.py) so that each note is encoded once.

def detect_language(text):
    """The app language code of ``text`` by the library's detector; None when the text is too
    short to tell or in a language Heard does not offer."""
    text = (text or "").strip()
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        return None
    found = _analysis().detect_language(text)
    code = APP_LANGUAGE_CODES.get(found, found)
    return code if code in LANGUAGES else None


def run_encoder():
    """What runs read notes by now: "multilingual" or "lexical" (``HEARD_ANALYSIS_ENCODER``;
    "auto" takes the encoder when its package is installed). "multilingual" without the package
    fails when used, with the library's message naming the install command."""
    setting = current_app.config["HEARD_ANALYSIS_ENCODER"]
    if setting == "auto":
        return "multilingual" if _analysis().encoder_available() else "lexical"
    return setting


def encoder_id():
    """The name stored vectors carry: which encoder (and version) made them."""
    return _analysis().ENCODER_ID


def encoder_inputs(notes):
    """Per note, ``(key, text)`` of what the encoder reads (its text, or its English translation
    in a language the encoder does not cover), or None: the encoder does not understand it."""
    library = _analysis()
    inputs = []
    for note in notes:
        found = library.encoder_input(note.text, note.language or library.detect_language(note.text),
                                      note.translation_en)
        inputs.append(None if found is None else (library.vector_key(found[0]), found[0]))
    return inputs


def encode(texts):
    """The encoder's vectors of ``texts``, one per text."""
    return _analysis().encode(list(texts))


def not_understood(notes):
    """The notes among ``notes`` that the encoder does not understand (a language it does not
    cover, with no English translation)."""
    return [note for note, found in zip(notes, encoder_inputs(notes), strict=True) if found is None]


# --- Themes, placement, links, summaries, tags --------------------------------------------

def find_themes(records, *, n_themes, seed, encoder, vectors=None):
    """The library's fitted theme model of ``records`` (``themes_``, ``not_understood_``)."""
    return _analysis().ThemeModel(n_themes=n_themes, random_state=seed, encoder=encoder).fit(records, vectors=vectors)


def place_by_words(members, new, min_similarity):
    """Per new note ``(theme key, similarity)`` or ``(None, best similarity)``, by their words
    (``members``: theme key -> its notes)."""
    return _analysis().place_notes(
        {key: [library_note(n) for n in notes] for key, notes in members.items()},
        [library_note(n) for n in new], min_similarity=min_similarity)


def place_by_meaning(members, new, vectors, min_similarity):
    """Per new note ``(theme key, similarity)`` or ``(None, best similarity)``: the nearest centre
    of a theme's notes in the encoder's space (centred per language, then on what the theme set's
    notes share, as ThemeModel does). ``vectors``: the stored vectors of the members' notes, then
    the new ones, in that order. Notes the encoder does not understand are never placed."""
    keys = [key for key, notes in members.items() if notes]
    member_notes = [note for key in keys for note in members[key]]
    if not keys:
        return [(None, 0.0) for _note in new]
    notes = member_notes + list(new)
    E, understood = _analysis().encoders.note_vectors([library_note(n) for n in notes], vectors=vectors)
    m = len(member_notes)
    shared = E[:m][understood[:m]].mean(axis=0) if understood[:m].any() else np.zeros(E.shape[1])
    E = np.where(understood[:, None], E - shared, 0.0)
    E /= np.maximum(np.linalg.norm(E, axis=1, keepdims=True), 1e-12)
    owner = np.repeat(np.arange(len(keys)), [len(members[key]) for key in keys])
    centres = np.vstack([E[:m][(owner == t) & understood[:m]].sum(axis=0) for t in range(len(keys))])
    centres /= np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    out = []
    for row, ok in zip(E[m:] @ centres.T, understood[m:], strict=True):
        best = int(row.argmax())
        score = float(row[best]) if ok else 0.0
        out.append((keys[best], score) if ok and score >= min_similarity else (None, score))
    return out


def _theme_text(theme):
    return {"id": str(theme.id), "text": " ".join([theme.label, theme.label, *theme.keywords])}


def rank_targets(themes, targets, top):
    """Per theme (library themes, or stored ones), ``[(target key, score)]`` best first, of
    ``targets`` given as ``(key, text, ...)``."""
    return _analysis().rank_targets([_theme_text(t) for t in themes],
                                    [{"id": target[0], "text": target[1]} for target in targets], top=top)


def theme_summary(theme, notes):
    """Counts and verbatim quotes for a theme, computed by the library from stored notes."""
    found = _analysis().Theme(
        id=str(theme.id), label=theme.label, keywords=list(theme.keywords),
        note_ids=[str(n.id) for n in notes],
        representative_ids=[str(n.id) for n in notes],
    )
    return _analysis().summarize_theme(found, [library_note(n) for n in notes])


def predict_tags(codebook, records, confirmed, *, encoder, vectors=None):
    """Per record, the codebook's ``[(code key, score)]`` best first, from a tagger taught by
    ``confirmed`` (note id as the record's id -> its confirmed code keys)."""
    tagger = _analysis().CodebookTagger(library_codebook(codebook), max_codes=None, encoder=encoder)
    labelled = [i for i, r in enumerate(records) if r.id in confirmed]
    if labelled:
        tagger.fit([records[i] for i in labelled], [confirmed[records[i].id] for i in labelled],
                   vectors=None if vectors is None else vectors[labelled])
    else:
        tagger.fit()
    return tagger.predict(records, vectors=vectors)
