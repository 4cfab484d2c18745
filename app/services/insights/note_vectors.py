"""Stored encoder vectors of notes (``app/models/vectors.py``): when they are computed, and how
they are read back.

A note is encoded once, by a background job (``notes.encode``) queued in the same transaction
that stores or changes it (capture, import, edits, the language override, the demo), and notes
stored before by ``flask analysis encode``. Notes whose encoder text is the same share one row.
An analysis run reads the rows and encodes (and stores) only what is still missing. With
``HEARD_ANALYSIS_ENCODER = "lexical"`` nothing is queued.

What the encoder reads for a note, the row's key and the vector itself are the analysis
library's, reached through :mod:`.bridge`; this module queues the work, runs the job
(``notes.encode``, registered here), and stores and reads rows.
"""
import numpy as np
from flask import current_app
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import Note, NoteVector
from ...platform import jobs
from . import bridge

ENCODE_JOB = "notes.encode"
JOB_BATCH = 200  # notes per job: about 10 s of encoding
READ_BATCH = 500  # keys per SELECT ... IN (...)
DTYPE = np.dtype("<f4")


def enabled():
    """False when the app is configured to read notes by their words only."""
    return current_app.config["HEARD_ANALYSIS_ENCODER"] != "lexical"


def queue(note_ids):
    """Queue encoding these notes, in the caller's transaction (call ``jobs.kick()`` after the
    commit, as for every job). Notes already encoded under their current text cost a lookup."""
    ids = sorted({int(i) for i in note_ids if i is not None})
    if not ids or not enabled():
        return 0
    for start in range(0, len(ids), JOB_BATCH):
        jobs.enqueue(ENCODE_JOB, {"note_ids": ids[start:start + JOB_BATCH]}, max_attempts=3)
    return len(ids)


def pack(vector):
    return np.asarray(vector, dtype=DTYPE).tobytes()


def unpack(row):
    return np.frombuffer(row.vector, dtype=DTYPE, count=row.dim)


def load(keys, encoder_id):
    """{key: float32 vector} of the stored rows among ``keys`` made by ``encoder_id``."""
    keys = sorted(set(keys))
    found = {}
    for start in range(0, len(keys), READ_BATCH):
        rows = db.session.execute(
            select(NoteVector.key, NoteVector.dim, NoteVector.vector).where(
                NoteVector.key.in_(keys[start:start + READ_BATCH]), NoteVector.encoder == encoder_id)
        ).all()
        found.update((row.key, unpack(row)) for row in rows)
    return found


def store(vectors, encoder_id):
    """Insert ``{key: vector}`` rows in the session's transaction; a key stored meanwhile (by
    another worker) is left as it is. Returns how many were given."""
    values = [{"key": key, "encoder": encoder_id, "dim": int(len(vector)), "vector": pack(vector)}
              for key, vector in vectors.items()]
    if not values:
        return 0
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}.get(dialect)
    if insert is None:  # pragma: no cover - Heard runs on SQLite and PostgreSQL
        existing = set(load([v["key"] for v in values], encoder_id))
        db.session.add_all(NoteVector(**v) for v in values if v["key"] not in existing)
        return len(values)
    for start in range(0, len(values), READ_BATCH):
        db.session.execute(insert(NoteVector).values(values[start:start + READ_BATCH])
                           .on_conflict_do_nothing(index_elements=["key"]))
    return len(values)


def count(encoder_id=None):
    query = select(func.count()).select_from(NoteVector)
    if encoder_id is not None:
        query = query.where(NoteVector.encoder == encoder_id)
    return db.session.scalar(query)


def prune(live_keys, encoder_id):
    """Remove this encoder's rows that no note reads any more (notes deleted, or edited since).
    Returns how many were removed."""
    live = set(live_keys)
    stale = [key for key in db.session.scalars(select(NoteVector.key).where(NoteVector.encoder == encoder_id))
             if key not in live]
    for start in range(0, len(stale), READ_BATCH):
        db.session.execute(delete(NoteVector).where(NoteVector.key.in_(stale[start:start + READ_BATCH])))
    return len(stale)


def drop_other_encoders(encoder_id):
    """Remove rows made by another encoder (another model or version: their vectors cannot be
    compared with this one's). Returns how many were removed."""
    result = db.session.execute(delete(NoteVector).where(NoteVector.encoder != encoder_id))
    return result.rowcount


def stored_vectors(notes, encode_missing=True):
    """The notes' raw encoder vectors, one row per note (NaN for notes not understood), from the
    stored rows; rows still missing are encoded now and stored (committed) for next time.

    Returns ``(vectors, counts)``, counts = {"stored", "encoded", "not_understood"}. When some
    must be encoded, the caller's transaction is committed first (call it before writing
    anything), so no lock is held while the encoder works."""
    encoder_id = bridge.encoder_id()
    inputs = bridge.encoder_inputs(notes)
    texts = {key: text for key, text in filter(None, inputs)}
    found = load(texts, encoder_id)
    missing = [key for key in texts if key not in found]
    if missing and encode_missing:
        db.session.commit()  # nothing is written yet: end the read (SQLite's lock) before encoding
        encoded = dict(zip(missing, bridge.encode([texts[key] for key in missing]), strict=True))
        store(encoded, encoder_id)
        db.session.commit()
        found.update(encoded)
    vectors = np.full((len(notes), bridge.DIM), np.nan, dtype=np.float32)
    for row, found_input in enumerate(inputs):
        if found_input is not None and found_input[0] in found:
            vectors[row] = found[found_input[0]]
    counts = {"stored": len(texts) - len(missing), "encoded": len(missing) if encode_missing else 0,
              "not_understood": sum(1 for x in inputs if x is None)}
    return vectors, counts


@jobs.handler(ENCODE_JOB)
def encode_notes(note_ids):
    """The job queued when notes arrive or change: store the vectors still missing."""
    if bridge.run_encoder() != "multilingual":  # "auto" where the package is not installed
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
    if bridge.run_encoder() != "multilingual":
        return None
    dropped = drop_other_encoders(bridge.encoder_id())
    db.session.commit()
    ids = list(db.session.scalars(select(Note.id).where(Note.deleted_at.is_(None)).order_by(Note.id)))
    totals = {"notes": len(ids), "stored": 0, "encoded": 0, "not_understood": 0, "dropped": dropped}
    live = set()
    for start in range(0, len(ids), batch):
        notes = db.session.scalars(select(Note).where(Note.id.in_(ids[start:start + batch]))).all()
        live.update(found[0] for found in bridge.encoder_inputs(notes) if found is not None)
        _vectors, counts = stored_vectors(notes)
        for name, value in counts.items():  # "stored", "encoded", "not_understood"
            totals[name] += value
    totals["dropped"] += prune(live, bridge.encoder_id())
    db.session.commit()
    return totals
