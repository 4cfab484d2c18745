"""The one place where the web app calls the ``analysis`` library.

It turns stored notes into plain :class:`analysis.Note` records, runs the library, and
stores what comes back as suggestions (``assigned_by="machine"``, links ``suggested``)
for people to review. Nothing here decides; reviewers do.
"""
import logging

from flask_babel import gettext as _
from sqlalchemy import delete, func, select


from ..extensions import db
from ..models import (
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
)
from ..models.types import utcnow
from . import ServiceError, audit, jobs

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


def engagement_notes(engagement_id):
    return list(db.session.scalars(
        select(Note)
        .join(ListeningSession, Note.session_id == ListeningSession.id)
        .where(ListeningSession.engagement_id == engagement_id, Note.deleted_at.is_(None))
        .order_by(Note.id)
    ))


def queue_run(actor, engagement, n_themes="auto", seed=0):
    """Record an analysis run and queue it; the run page shows its progress."""
    if db.session.scalar(select(func.count(Note.id)).join(ListeningSession, Note.session_id == ListeningSession.id)
                         .where(ListeningSession.engagement_id == engagement.id, Note.deleted_at.is_(None))) < 2:
        raise ServiceError(_("There are not enough notes to analyse yet."))
    run = AnalysisRun(
        engagement_id=engagement.id, status="queued", params={"themes": n_themes, "seed": seed},
        created_by_id=getattr(actor, "id", None),
    )
    db.session.add(run)
    db.session.flush()
    jobs.enqueue("analysis.run", {"run_id": run.id}, max_attempts=2)
    audit.record(actor, "analysis.queue", run)
    db.session.commit()
    jobs.kick()
    return run


@jobs.handler("analysis.run")
def perform_run(run_id):
    """Cluster, tag and link every note of the run's engagement, in one transaction.

    A run that fails is kept, marked failed with its error; a worker that died mid-run
    leaves nothing half-written, and the job queue runs it again.
    """
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.status == "done":
        return
    engagement = db.session.get(Engagement, run.engagement_id)
    notes = engagement_notes(engagement.id)
    run.status, run.started_at, run.note_count = "running", utcnow(), len(notes)
    db.session.commit()
    params = run.params or {}
    try:
        _analyse(engagement, run, notes, params.get("themes", "auto"), params.get("seed", 0))
    except Exception as error:  # the run stays visible as failed
        db.session.rollback()
        log.exception("analysis run %s failed", run_id)
        run = db.session.get(AnalysisRun, run_id)
        run.status, run.finished_at = "failed", utcnow()
        run.error = f"{type(error).__name__}: {error}"[:2000]
        audit.record(None, "analysis.failed", run)
        db.session.commit()
        return
    run.status, run.finished_at = "done", utcnow()
    audit.record(None, "analysis.done", run, notes=len(notes), themes=len(run.themes))
    db.session.commit()


def _analyse(engagement, run, notes, n_themes, seed):
    records = [_library_note(n) for n in notes]
    model = _analysis().ThemeModel(n_themes=n_themes, random_state=seed).fit(records)
    by_id = {str(n.id): n for n in notes}
    for position, found in enumerate(model.themes_):
        theme = Theme(run=run, key=found.id, position=position, machine_label=found.label[:200],
                      label=found.label[:200], keywords=list(found.keywords))
        db.session.add(theme)
        representative = set(found.representative_ids)
        for note_id in found.note_ids:
            theme.assignments.append(NoteTheme(
                note_id=by_id[note_id].id, assigned_by="machine", representative=note_id in representative,
            ))
    db.session.flush()
    _tag(engagement, notes, records)
    _suggest_links(engagement, run)


def _tag(engagement, notes, records):
    codebook = import_shipped_codebook(None, engagement)
    tagger = _analysis().CodebookTagger(_library_codebook(codebook))
    confirmed = db.session.execute(
        select(NoteTag.note_id, Code.key).join(Code).where(Code.codebook_id == codebook.id, NoteTag.confirmed.is_(True))
    ).all()
    if confirmed:
        codes_by_note = {}
        for note_id, key in confirmed:
            codes_by_note.setdefault(str(note_id), []).append(key)
        labelled = [r for r in records if r.id in codes_by_note]
        tagger.fit(labelled, [codes_by_note[r.id] for r in labelled])
    else:
        tagger.fit()
    code_ids = {code.key: code.id for code in codebook.codes}
    note_ids = [n.id for n in notes]
    # Machine tags are recomputed; tags a person confirmed stay.
    db.session.execute(delete(NoteTag).where(
        NoteTag.note_id.in_(note_ids), NoteTag.assigned_by == "machine", NoteTag.confirmed.is_(False)
    ))
    kept = {(n, c) for n, c in db.session.execute(select(NoteTag.note_id, NoteTag.code_id).where(NoteTag.note_id.in_(note_ids)))}
    for note, ranked in zip(notes, tagger.predict(records), strict=True):
        for key, score in ranked:
            if (note.id, code_ids[key]) not in kept:
                db.session.add(NoteTag(note_id=note.id, code_id=code_ids[key], assigned_by="machine", score=score))


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


def _suggest_links(engagement, run):
    targets = policy_targets(engagement.id)
    if not targets or not run.themes:
        return
    objects = {key: obj for key, _text, obj in targets}
    ranked = _analysis().rank_targets(
        [_theme_text(t) for t in run.themes],
        [{"id": key, "text": text} for key, text, _obj in targets],
        top=LINKS_PER_THEME,
    )
    for theme, suggestions in zip(run.themes, ranked, strict=True):
        for key, score in suggestions:
            if score < MIN_LINK_SCORE:
                continue
            target = objects[key]
            link = ThemeLink(theme=theme, score=score, status="suggested")
            if isinstance(target, ResolutionClause):
                link.clause_id = target.id
            else:
                link.action_item_id = target.id
            db.session.add(link)


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


# --- Codebook tagging on demand (app/services/codebook.py queues it) -------------------------
# People's decisions teach the tagger. The library reads each labelled note as the complete set
# of its codes, so a note teaches once a person has confirmed at least one of its codes: its
# confirmed codes are positives and every other code, including the ones a person rejected on it,
# a negative. A note with only rejections is not used for training (the library would read it as
# "no code fits"), but no code a person rejected on a note is ever suggested for it again.

TAGS_PER_NOTE = 3


def tag_notes(engagement, notes=None, records=None):
    """Suggest codebook tags for an engagement's notes; returns how many were suggested.

    Pending machine suggestions are recomputed; confirmed, rejected and hand-added tags stay.
    """
    codebook = import_shipped_codebook(None, engagement)
    if not codebook.codes:
        return 0
    notes = engagement_notes(engagement.id) if notes is None else notes
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
    tagger = _analysis().CodebookTagger(_library_codebook(codebook), max_codes=None)
    labelled = [r for r in records if r.id in confirmed]
    if labelled:
        tagger.fit(labelled, [confirmed[r.id] for r in labelled])
    else:
        tagger.fit()
    if not note_ids:
        return 0
    db.session.execute(delete(NoteTag).where(
        NoteTag.note_id.in_(note_ids), NoteTag.code_id.in_(list(keys)), NoteTag.assigned_by == "machine",
        NoteTag.confirmed.is_(False), NoteTag.rejected.is_(False),
    ))
    kept = set(db.session.execute(
        select(NoteTag.note_id, NoteTag.code_id).where(NoteTag.note_id.in_(note_ids))
    ).all())
    added = 0
    for note, ranked in zip(notes, tagger.predict(records), strict=True):
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
