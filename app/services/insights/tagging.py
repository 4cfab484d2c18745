"""Codebook tag suggestions: during each analysis run, and on demand (the ``codebook.tag`` job,
registered here; app/services/insights/codebook.py queues it).

People's decisions teach the tagger. The library reads each labelled note as the complete set
of its codes, so a note teaches once a person has confirmed at least one of its codes: its
confirmed codes are positives and every other code, including the ones a person rejected on it,
a negative. A note with only rejections is not used for training (the library would read it as
"no code fits"), but no code a person rejected on a note is ever suggested for it again."""
from sqlalchemy import delete, select

from ...extensions import db
from ...models import Engagement, NoteTag
from ...platform import audit, jobs
from . import bridge, note_vectors
from .codebook import TAG_JOB, import_shipped_codebook
from .run_scope import engagement_notes

TAGS_PER_NOTE = 3


def _decisions(keys):
    """People's decisions on these codes: ``(confirmed {note id as text: [code key]},
    rejected {(note id, code id)})``."""
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
    return confirmed, rejected


def tag_notes(engagement, notes=None, records=None, vectors=None):
    """Suggest codebook tags for an engagement's notes; returns how many were suggested.

    Pending machine suggestions are recomputed; confirmed, rejected and hand-added tags stay.
    With the multilingual encoder (``bridge.run_encoder``), notes are read by meaning too, from
    their stored vectors (``vectors``, one row per note, when the caller has them already).
    """
    notes = engagement_notes(engagement.id) if notes is None else notes
    encoder = bridge.run_encoder()
    if encoder != "multilingual":
        vectors = None
    elif vectors is None and notes:
        vectors, _counts = note_vectors.stored_vectors(notes)  # before any write: it may commit to encode
    codebook = import_shipped_codebook(None, engagement)
    if not codebook.codes:
        return 0
    records = [bridge.library_note(n) for n in notes] if records is None else records
    code_ids = {code.key: code.id for code in codebook.codes}
    keys = {code_id: key for key, code_id in code_ids.items()}
    note_ids = [n.id for n in notes]
    confirmed, rejected = _decisions(keys)
    if not note_ids:
        return 0
    predicted = bridge.predict_tags(codebook, records, confirmed, encoder=encoder, vectors=vectors)
    db.session.execute(delete(NoteTag).where(
        NoteTag.note_id.in_(note_ids), NoteTag.code_id.in_(list(keys)), NoteTag.assigned_by == "machine",
        NoteTag.confirmed.is_(False), NoteTag.rejected.is_(False),
    ))
    kept = set(db.session.execute(
        select(NoteTag.note_id, NoteTag.code_id).where(NoteTag.note_id.in_(note_ids))
    ).all())
    added = 0
    for note, ranked in zip(notes, predicted, strict=True):
        allowed = [(key, score) for key, score in ranked if (note.id, code_ids[key]) not in rejected]
        for key, score in allowed[:TAGS_PER_NOTE]:
            if (note.id, code_ids[key]) not in kept:
                db.session.add(NoteTag(note_id=note.id, code_id=code_ids[key], assigned_by="machine", score=score))
                added += 1
    return added


@jobs.handler(TAG_JOB)
def perform_tagging(engagement_id, user_id=None):
    """The "Suggest tags" job: tag every note of the engagement in one transaction."""
    engagement = db.session.get(Engagement, engagement_id)
    if engagement is None:
        return
    added = tag_notes(engagement)
    codebook = import_shipped_codebook(None, engagement)
    audit.record(None, "codebook.tagged", codebook, suggested=added, requested_by=user_id)
    db.session.commit()
