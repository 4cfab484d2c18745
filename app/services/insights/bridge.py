"""The one place where the web app calls the ``analysis`` library.

It turns stored notes into plain :class:`analysis.Note` records, runs the library, and
stores what comes back as suggestions (``assigned_by="machine"``, links ``suggested``)
for people to review. Nothing here decides; reviewers do.
"""
import logging

import numpy as np
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from ...extensions import db
from ...i18n import LANGUAGES
from ...models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    Code,
    Codebook,
    Engagement,
    ListeningSession,
    Note,
    NoteTag,
    NoteTheme,
    Resolution,
    ResolutionClause,
    Theme,
    ThemeLink,
    User,
)
from ...models.types import utcnow
from ...platform import audit, jobs
from .. import ServiceError
from . import note_vectors

log = logging.getLogger(__name__)


def _analysis():
    """The analysis library, imported on first use: it brings scikit-learn, which takes
    seconds to load, and web workers that never run an analysis should not pay for it."""
    import analysis

    return analysis

SHIPPED_CODEBOOK = "all_children_thrive"
LINKS_PER_THEME = 3
MIN_LINK_SCORE = 0.05


def import_shipped_codebook(actor, engagement):
    """Copy the shipped All Children Thrive codebook into the engagement (once)."""
    existing = db.session.scalar(select(Codebook).where(Codebook.engagement_id == engagement.id))
    if existing is not None:
        return existing
    shipped = _analysis().load_codebook(SHIPPED_CODEBOOK)
    codebook = Codebook(engagement_id=engagement.id, name=shipped.name)
    for position, code in enumerate(shipped.codes):
        translations = {
            lang: {"name": name, "description": code.descriptions.get(lang, "")}
            for lang, name in code.names.items()
        }
        examples = [{"lang": lang, "text": text} for lang, texts in code.examples.items() for text in texts]
        codebook.codes.append(Code(key=code.id, position=position, translations=translations, examples=examples))
    db.session.add(codebook)
    db.session.flush()
    audit.record(actor, "codebook.import", codebook, source=SHIPPED_CODEBOOK)
    return codebook


def _library_codebook(codebook):
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


def _library_note(note):
    return _analysis().Note(
        id=str(note.id),
        text=note.text,
        lang=note.language,
        translation=note.translation_en or None,
        meta={"table_id": note.table_id, "session_id": note.session_id},
    )


# --- Language and the multilingual encoder ------------------------------------------------
# The library decides what a note is written in and what its encoder reads; the app stores the
# vectors (app/services/insights/note_vectors.py) so that each note is encoded once.

MIN_LETTERS = 4  # "ok", "no": too short to tell a language by
DIM = 384  # length of the encoder's vectors (analysis.encoders.DIM)
APP_LANGUAGE_CODES = {"zh": "zh-Hans"}  # the library's base codes that the app spells otherwise


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


def stored_vectors(notes, encode_missing=True):
    """The notes' raw encoder vectors, one row per note (NaN for notes not understood), from the
    stored rows; rows still missing are encoded now and stored (committed) for next time.

    Returns ``(vectors, counts)``, counts = {"stored", "encoded", "not_understood"}. When some
    must be encoded, the caller's transaction is committed first (call it before writing
    anything), so no lock is held while the encoder works."""
    library = _analysis()
    inputs = encoder_inputs(notes)
    texts = {key: text for key, text in filter(None, inputs)}
    found = note_vectors.load(texts, library.ENCODER_ID)
    missing = [key for key in texts if key not in found]
    if missing and encode_missing:
        db.session.commit()  # nothing is written yet: end the read (SQLite's lock) before encoding
        encoded = dict(zip(missing, library.encode([texts[key] for key in missing]), strict=True))
        note_vectors.store(encoded, library.ENCODER_ID)
        db.session.commit()
        found.update(encoded)
    vectors = np.full((len(notes), DIM), np.nan, dtype=np.float32)
    for row, found_input in enumerate(inputs):
        if found_input is not None and found_input[0] in found:
            vectors[row] = found[found_input[0]]
    counts = {"stored": len(texts) - len(missing), "encoded": len(missing) if encode_missing else 0,
              "not_understood": sum(1 for x in inputs if x is None)}
    return vectors, counts


@jobs.handler(note_vectors.ENCODE_JOB)
def encode_notes(note_ids):
    """The job queued when notes arrive or change: store the vectors still missing."""
    if run_encoder() != "multilingual":  # "auto" where the package is not installed
        return
    notes = db.session.scalars(select(Note).where(Note.id.in_(list(note_ids)), Note.deleted_at.is_(None))).all()
    if notes:
        stored_vectors(notes)


def encode_all(batch=500):
    """Encode every note that has no stored vector yet (``flask analysis encode``), in batches
    committed one by one, and remove the rows nothing reads; running it again encodes nothing.

    Returns None when runs do not use the encoder, else {"notes", "stored", "encoded",
    "not_understood", "dropped"}: stored and encoded count distinct texts of each batch;
    dropped, rows removed (of another encoder, or that no note reads any more; a note captured
    while this runs may lose its fresh row, and a run then encodes it again)."""
    if run_encoder() != "multilingual":
        return None
    dropped = note_vectors.drop_other_encoders(_analysis().ENCODER_ID)
    db.session.commit()
    ids = list(db.session.scalars(select(Note.id).where(Note.deleted_at.is_(None)).order_by(Note.id)))
    totals = {"notes": len(ids), "stored": 0, "encoded": 0, "not_understood": 0, "dropped": dropped}
    live = set()
    for start in range(0, len(ids), batch):
        notes = db.session.scalars(select(Note).where(Note.id.in_(ids[start:start + batch]))).all()
        live.update(found[0] for found in encoder_inputs(notes) if found is not None)
        _vectors, counts = stored_vectors(notes)
        for name, value in counts.items():  # "stored", "encoded", "not_understood"
            totals[name] += value
    totals["dropped"] += note_vectors.prune(live, _analysis().ENCODER_ID)
    db.session.commit()
    return totals


def not_understood(notes):
    """The notes among ``notes`` that the encoder does not understand (a language it does not
    cover, with no English translation)."""
    return [note for note, found in zip(notes, encoder_inputs(notes), strict=True) if found is None]


def engagement_notes(engagement_id, session_ids=None):
    """An engagement's notes that are not deleted, in id order; only ``session_ids``' when given."""
    query = (select(Note).join(ListeningSession, Note.session_id == ListeningSession.id)
             .where(ListeningSession.engagement_id == engagement_id, Note.deleted_at.is_(None)))
    if session_ids:
        query = query.where(Note.session_id.in_(list(session_ids)))
    return list(db.session.scalars(query.order_by(Note.id)))


def run_session_ids(run):
    """The sessions a run was asked to analyse; empty means all of its engagement's sessions."""
    return list((run.params or {}).get("session_ids") or [])


def in_run_scope(run, note):
    """Whether ``note`` is one of the notes ``run`` covers (see :func:`run_notes`)."""
    session_ids = run_session_ids(run)
    return (note.deleted_at is None and note.session.engagement_id == run.engagement_id
            and (not session_ids or note.session_id in session_ids))


def run_notes(run):
    """The notes in a run's scope now: its chosen sessions, or every session of its engagement."""
    return engagement_notes(run.engagement_id, run_session_ids(run))


def queue_run(actor, engagement, n_themes="auto", seed=0, session_ids=None):
    """Record an analysis run over all the engagement's sessions, or only ``session_ids``, and
    queue it; the run page shows its progress."""
    session_ids = sorted({int(s) for s in session_ids or []})
    if session_ids:
        own = set(db.session.scalars(select(ListeningSession.id).where(
            ListeningSession.id.in_(session_ids), ListeningSession.engagement_id == engagement.id)))
        if own != set(session_ids):
            raise ServiceError(_("Choose only sessions of the engagement you are analysing."), field="sessions")
    count = db.session.scalar(
        select(func.count(Note.id)).join(ListeningSession, Note.session_id == ListeningSession.id)
        .where(ListeningSession.engagement_id == engagement.id, Note.deleted_at.is_(None),
               *([Note.session_id.in_(session_ids)] if session_ids else []))
    )
    if count < 2:
        if session_ids:
            raise ServiceError(_("The chosen sessions have fewer than two notes, so there is nothing to analyse. "
                                 "Choose more sessions, or none to analyse them all."), field="sessions")
        raise ServiceError(_("There are not enough notes to analyse yet."), field="engagement")
    params = {"themes": n_themes, "seed": seed}
    if session_ids:
        params["session_ids"] = session_ids
    run = AnalysisRun(engagement_id=engagement.id, status="queued", stage="queued", progress=0, params=params,
                      created_by_id=getattr(actor, "id", None))
    db.session.add(run)
    db.session.flush()
    jobs.enqueue("analysis.run", {"run_id": run.id}, max_attempts=2)
    audit.record(actor, "analysis.queue", run, sessions=session_ids or "all", notes=count)
    db.session.commit()
    jobs.kick()
    return run


# Percent done when each stage begins (AnalysisRun.stage; labels in app/labels.py "run_stage").
STAGES = {"queued": 0, "loading": 5, "encoding": 10, "themes": 15, "tagging": 50, "links": 75, "saving": 90,
          "done": 100}


def _progress(run, stage):
    """Show the run's stage: a short commit of its own, so the run page can follow along."""
    run.stage, run.progress = stage, STAGES[stage]
    db.session.commit()


@jobs.handler("analysis.run")
def perform_run(run_id):
    """Cluster, tag and link the notes of the run's scope, reporting progress as it goes.

    The library does its work first, with a short commit after each stage to show progress;
    the themes, their notes and link suggestions are then written in one transaction, so a
    worker that died mid-run leaves no half-written themes (the job queue runs it again).
    Tag suggestions are not part of a run and are committed as soon as they are computed.
    A run that fails is kept, marked failed with its error.
    """
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status == "done":
        return
    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False  # keep the notes loaded
    try:
        run.status, run.started_at, run.finished_at, run.error = "running", utcnow(), None, None
        _progress(run, "loading")
        engagement = db.session.get(Engagement, run.engagement_id)
        notes = run_notes(run)
        records = [_library_note(n) for n in notes]
        run.note_count = len(notes)
        params = dict(run.params or {})
        encoder = run_encoder()
        vectors = None
        if encoder == "multilingual":
            _progress(run, "encoding")
            vectors, counts = stored_vectors(notes)
            params["vectors"] = counts
        params["encoder"] = encoder
        run.params = params
        _progress(run, "themes")
        model = _analysis().ThemeModel(n_themes=params.get("themes", "auto"), random_state=params.get("seed", 0),
                                       encoder=encoder).fit(records, vectors=vectors)
        run.params = {**params, "not_understood": [int(i) for i in model.not_understood_]}
        _progress(run, "tagging")
        tag_notes(engagement, notes, records, vectors=vectors)
        _progress(run, "links")
        links = _rank_links(engagement, model.themes_)
        _progress(run, "saving")
        _save_themes(run, notes, model.themes_, links)
    except Exception as error:  # the run stays visible as failed
        db.session.rollback()
        log.exception("analysis run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.stage, run.finished_at = "failed", "failed", utcnow()
        run.error = f"{type(error).__name__}: {error}"[:2000]
        audit.record(None, "analysis.failed", run)
        db.session.commit()
        return
    finally:
        session.expire_on_commit = expire_on_commit
    run.status, run.finished_at, run.stage, run.progress = "done", utcnow(), "done", 100
    audit.record(None, "analysis.done", run, notes=len(notes), themes=len(model.themes_))
    db.session.commit()


def _save_themes(run, notes, found_themes, links):
    by_id = {str(n.id): n.id for n in notes}
    for position, (found, suggestions) in enumerate(zip(found_themes, links, strict=True)):
        theme = Theme(run=run, key=found.id, position=position, machine_label=found.label[:200],
                      label=found.label[:200], keywords=list(found.keywords))
        db.session.add(theme)
        representative = set(found.representative_ids)
        for note_id in found.note_ids:
            theme.assignments.append(NoteTheme(
                note_id=by_id[note_id], assigned_by="machine", representative=note_id in representative,
            ))
        for target, score in suggestions:
            link = ThemeLink(theme=theme, score=score, status="suggested")
            if isinstance(target, ResolutionClause):
                link.clause_id = target.id
            else:
                link.action_item_id = target.id
            db.session.add(link)
    db.session.flush()


# --- New notes into a reviewed theme set ---------------------------------------------------
# Once people have reviewed a run, running the analysis again would throw their work away.
# Instead, notes of the run's scope that are in none of its themes are placed in the nearest
# theme still standing (centre of its current, not excluded notes; see analysis.place_notes),
# as machine suggestions flagged new. Themes keep their labels, statuses and people's choices.

PLACE_MIN_SIMILARITY = 0.2  # the same bar ThemeModel uses to leave a note out of every theme
OPEN_THEME_STATUSES = ("suggested", "accepted")


def unplaced_notes(run, notes=None):
    """Notes of the run's scope (not deleted; ``notes`` if already loaded) that are in none
    of the run's themes."""
    placed = set(db.session.scalars(select(NoteTheme.note_id).join(Theme).where(Theme.run_id == run.id)))
    return [n for n in (run_notes(run) if notes is None else notes) if n.id not in placed]


def queue_placement(actor, run):
    """Queue placing the run's unplaced notes in its existing themes (a background job)."""
    if run.status != "done":
        raise ServiceError(_("New notes can be placed only in a finished analysis."))
    if not unplaced_notes(run):
        raise ServiceError(_("Every note of this analysis is already in a theme."))
    run.params = {**(run.params or {}), "placement": {"status": "queued"}}
    jobs.enqueue("analysis.place", {"run_id": run.id, "user_id": getattr(actor, "id", None)}, max_attempts=2)
    audit.record(actor, "analysis.place_queue", run)
    db.session.commit()
    jobs.kick()


@jobs.handler("analysis.place")
def perform_placement(run_id, user_id=None):
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status != "done":
        return
    try:
        scope = run_notes(run)
        new = unplaced_notes(run, scope)
        members = {}
        for theme in run.themes:
            if theme.status not in OPEN_THEME_STATUSES:
                continue
            notes = db.session.scalars(
                select(Note).join(NoteTheme).where(NoteTheme.theme_id == theme.id, NoteTheme.excluded.is_(False),
                                                   Note.deleted_at.is_(None)).order_by(Note.id)
            ).all()
            if notes:
                members[str(theme.id)] = notes
        if not new:
            placed = []
        elif (run.params or {}).get("encoder") == "multilingual":
            placed = _place_by_meaning(members, new)
        else:
            placed = _analysis().place_notes(
                {key: [_library_note(n) for n in notes] for key, notes in members.items()},
                [_library_note(n) for n in new], min_similarity=PLACE_MIN_SIMILARITY)
        # the tags' vectors too, before the first write (encoding what is missing commits)
        scope_vectors = stored_vectors(scope)[0] if new and run_encoder() == "multilingual" else None
        by_theme = {}
        for note, (theme_id, score) in zip(new, placed, strict=True):
            if theme_id is None:
                continue
            db.session.add(NoteTheme(note_id=note.id, theme_id=int(theme_id), assigned_by="machine",
                                     score=round(score, 4), is_new=True))
            by_theme[theme_id] = by_theme.get(theme_id, 0) + 1
        count = sum(by_theme.values())
        # Late notes get tag suggestions too, as a run gives them (people's tags stay).
        tagged = tag_notes(db.session.get(Engagement, run.engagement_id), scope, vectors=scope_vectors) if new else 0
        outcome = {"status": "done", "placed": count, "left": len(new) - count, "at": utcnow().isoformat()}
        run.params = {**(run.params or {}), "placement": outcome}
        audit.record(_user(user_id), "analysis.place", run, placed=count, left=len(new) - count, themes=by_theme,
                     tags_suggested=tagged)
        db.session.commit()
    except Exception as error:  # recorded on the run for the run page; the job itself is done
        db.session.rollback()
        log.exception("placing new notes in run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.params = {**(run.params or {}), "placement": {
            "status": "failed", "error": f"{type(error).__name__}: {error}"[:500], "at": utcnow().isoformat()}}
        audit.record(_user(user_id), "analysis.place_failed", run)
        db.session.commit()


# A run that read notes with the encoder places new notes by the same meaning: the nearest
# centre of a theme's current notes in the encoder's space (centred per language, then on what
# the theme set's notes share, as ThemeModel does), at its own bar. Notes the encoder does not
# understand are never placed. (analysis.place_notes reads words only.)
PLACE_MIN_SIMILARITY_MEANING = 0.15  # ThemeModel's "auto" bar with the encoder


def _place_by_meaning(members, new):
    """Per new note ``(theme key, similarity)`` or ``(None, best similarity)``."""
    keys = [key for key, notes in members.items() if notes]
    member_notes = [note for key in keys for note in members[key]]
    if not keys:
        return [(None, 0.0) for _note in new]
    notes = member_notes + list(new)
    vectors, _counts = stored_vectors(notes)
    E, understood = _analysis().encoders.note_vectors([_library_note(n) for n in notes], vectors=vectors)
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
        out.append((keys[best], score) if ok and score >= PLACE_MIN_SIMILARITY_MEANING else (None, score))
    return out


def _user(user_id):
    return db.session.get(User, user_id) if user_id else None


def policy_targets(engagement_id):
    """Resolution clauses and action items of an engagement, as (key, text, object)."""
    targets = []
    for clause in db.session.scalars(
        select(ResolutionClause).join(Resolution).where(Resolution.engagement_id == engagement_id)
        .order_by(Resolution.id, ResolutionClause.position)
    ):
        targets.append((f"c{clause.id}", clause.text, clause))
    for item in db.session.scalars(
        select(ActionItem).join(ActionPlan).where(ActionPlan.engagement_id == engagement_id)
        .order_by(ActionPlan.id, ActionItem.position)
    ):
        targets.append((f"a{item.id}", f"{item.goal}. {item.action_step}", item))
    return targets


def _theme_text(theme):
    return {"id": str(theme.id), "text": " ".join([theme.label, theme.label, *theme.keywords])}


def _rank_links(engagement, found_themes):
    """Per theme (library themes, or stored ones), suggested policy targets: [(object, score)]."""
    targets = policy_targets(engagement.id)
    if not targets or not found_themes:
        return [[] for _theme in found_themes]
    objects = {key: obj for key, _text, obj in targets}
    ranked = _analysis().rank_targets(
        [_theme_text(t) for t in found_themes],
        [{"id": key, "text": text} for key, text, _obj in targets],
        top=LINKS_PER_THEME,
    )
    return [[(objects[key], score) for key, score in suggestions if score >= MIN_LINK_SCORE]
            for suggestions in ranked]


def rank_for_theme(theme, engagement_id, top=5):
    """Policy targets for one theme as reviewers relabel it: [(object, score)]."""
    targets = policy_targets(engagement_id)
    if not targets:
        return []
    objects = {key: obj for key, _text, obj in targets}
    ranked = _analysis().rank_targets([_theme_text(theme)], [{"id": k, "text": t} for k, t, _o in targets], top=top)[0]
    return [(objects[key], score) for key, score in ranked]


def theme_summary(theme, notes):
    """Counts and verbatim quotes for a theme, computed by the library from stored notes."""
    found = _analysis().Theme(
        id=str(theme.id), label=theme.label, keywords=list(theme.keywords),
        note_ids=[str(n.id) for n in notes],
        representative_ids=[str(n.id) for n in notes],
    )
    return _analysis().summarize_theme(found, [_library_note(n) for n in notes])


# --- Codebook tagging on demand (app/services/insights/codebook.py queues it) -------------------------
# People's decisions teach the tagger. The library reads each labelled note as the complete set
# of its codes, so a note teaches once a person has confirmed at least one of its codes: its
# confirmed codes are positives and every other code, including the ones a person rejected on it,
# a negative. A note with only rejections is not used for training (the library would read it as
# "no code fits"), but no code a person rejected on a note is ever suggested for it again.

TAGS_PER_NOTE = 3


def tag_notes(engagement, notes=None, records=None, vectors=None):
    """Suggest codebook tags for an engagement's notes; returns how many were suggested.

    Pending machine suggestions are recomputed; confirmed, rejected and hand-added tags stay.
    With the multilingual encoder (``run_encoder``), notes are read by meaning too, from their
    stored vectors (``vectors``, one row per note, when the caller has them already).
    """
    notes = engagement_notes(engagement.id) if notes is None else notes
    encoder = run_encoder()
    if encoder != "multilingual":
        vectors = None
    elif vectors is None and notes:
        vectors, _counts = stored_vectors(notes)  # before any write: it may commit to encode
    codebook = import_shipped_codebook(None, engagement)
    if not codebook.codes:
        return 0
    records = [_library_note(n) for n in notes] if records is None else records
    code_ids = {code.key: code.id for code in codebook.codes}
    keys = {code_id: key for key, code_id in code_ids.items()}
    note_ids = [n.id for n in notes]
    decided = db.session.execute(
        select(NoteTag.note_id, NoteTag.code_id, NoteTag.confirmed, NoteTag.rejected)
        .where(NoteTag.code_id.in_(list(keys)))
    ).all()
    confirmed, rejected = {}, set()
    for note_id, code_id, is_confirmed, is_rejected in decided:
        if is_confirmed:
            confirmed.setdefault(str(note_id), []).append(keys[code_id])
        if is_rejected:
            rejected.add((note_id, code_id))
    if not note_ids:
        return 0
    tagger = _analysis().CodebookTagger(_library_codebook(codebook), max_codes=None, encoder=encoder)
    labelled = [i for i, r in enumerate(records) if r.id in confirmed]
    if labelled:
        tagger.fit([records[i] for i in labelled], [confirmed[records[i].id] for i in labelled],
                   vectors=None if vectors is None else vectors[labelled])
    else:
        tagger.fit()
    db.session.execute(delete(NoteTag).where(
        NoteTag.note_id.in_(note_ids), NoteTag.code_id.in_(list(keys)), NoteTag.assigned_by == "machine",
        NoteTag.confirmed.is_(False), NoteTag.rejected.is_(False),
    ))
    kept = set(db.session.execute(
        select(NoteTag.note_id, NoteTag.code_id).where(NoteTag.note_id.in_(note_ids))
    ).all())
    added = 0
    for note, ranked in zip(notes, tagger.predict(records, vectors=vectors), strict=True):
        allowed = [(key, score) for key, score in ranked if (note.id, code_ids[key]) not in rejected]
        for key, score in allowed[:TAGS_PER_NOTE]:
            if (note.id, code_ids[key]) not in kept:
                db.session.add(NoteTag(note_id=note.id, code_id=code_ids[key], assigned_by="machine", score=score))
                added += 1
    return added


@jobs.handler("codebook.tag")
def perform_tagging(engagement_id, user_id=None):
    """The "Suggest tags" job: tag every note of the engagement in one transaction."""
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        return
    added = tag_notes(engagement)
    codebook = import_shipped_codebook(None, engagement)
    audit.record(None, "codebook.tagged", codebook, suggested=added, requested_by=user_id)
    db.session.commit()
