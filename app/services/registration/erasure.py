"""Erasing residents' personal data so that it stays erased.

Every erasure (on request by staff, by residents from their private link, by the retention
purge) goes through :func:`erase_registrations`, which

* folds the answers to the equity questions into counts and deletes them (equity_store);
* clears exactly the columns the models mark as personal (``info=PERSONAL``, see
  ``app/models/types.py``) on the registrations and on every row that belongs to one (a
  ``registration_id``: their outbox messages, what is left of their answers), whatever the
  model (:func:`personal_models`);
* deletes the copies of their messages in ``OUTBOX_DIR`` (``.eml`` and SMS files);
* leaves a tombstone, twice: a row in ``erasure_tombstones`` (in the same transaction) and a
  line in the file ``ERASURE_TOMBSTONES`` (outside the database, written first).

Restoring a backup replaces the database, table included, with an older one that may still
hold erased people; the file is not part of it. ``flask restore`` therefore calls
:func:`reapply`, which erases again every registration that a tombstone in the file or in the
restored table names, and writes each tombstone back where it is missing.

A tombstone names the row, never the person: the registration's id, when it was made, and a
fingerprint of its manage-link hash (itself the hash of a random secret). No name, address,
phone number or hash of one, which a key and a list of phone numbers could undo.
"""
import hashlib
import json
import logging
import os
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import inspect, select, update

from ...extensions import db
from ...models import ErasureTombstone, OutboxMessage, Registration
from ...models.types import erased_values, utcnow
from ...platform import audit, outbox
from .. import ServiceError
from ..equity import store

log = logging.getLogger(__name__)

REASONS = ("request", "self", "retention")
_CHUNK = 500


def fingerprint(manage_token_hash):
    """What a tombstone keeps of a registration's manage-link hash."""
    return hashlib.sha256(b"heard-tombstone:" + (manage_token_hash or "").encode("ascii")).hexdigest()[:32]


def _chunks(items):
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def erase_registrations(registration_ids, *, reason, now=None, tombstones=True):
    """Erase these registrations' personal data, in the caller's transaction (the caller
    commits). Rows already erased are left alone. Status, seats and timestamps stay: freeing
    a seat is the caller's business. Returns the ids erased."""
    if reason not in REASONS:
        raise ValueError(f"unknown erasure reason {reason!r}")
    now = now or utcnow()
    rows = []
    for ids in _chunks(sorted(set(registration_ids))):
        rows += db.session.execute(
            select(Registration.id, Registration.created_at, Registration.manage_token_hash)
            .where(Registration.id.in_(ids), Registration.personal_data_erased_at.is_(None))
        ).all()
    if not rows:
        return []
    ids = [row.id for row in rows]
    if tombstones:
        records = [_record(row, reason, now) for row in rows]
        # First: if the commit then fails, the worst case is that a restore erases a
        # registration its resident or staff already asked to erase.
        _append_to_file(records)
        _insert_rows(records)
    outbox.remove_copies(ids)
    # Answers to the equity questions survive only as counts (before the language and the
    # table they are counted by are cleared).
    store.fold(ids)
    registration_values = erased_values(Registration)
    belonging = [(model, erased_values(model)) for model in personal_models() if model is not Registration]
    for chunk in _chunks(ids):
        db.session.execute(
            update(Registration).where(Registration.id.in_(chunk))
            .values(personal_data_erased_at=now, updated_at=now, **registration_values))
        for model, values in belonging:
            db.session.execute(update(model).where(model.registration_id.in_(chunk)).values(**values))
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.registration_id.in_(chunk), OutboxMessage.status == "pending")
            .values(status="failed", last_error="not sent: personal data erased"))
    return ids


def personal_models():
    """Every model with a column marked personal, by table name: :class:`Registration` and
    the models whose rows belong to a registration. Personal data anywhere else could not be
    found from the person, so it is refused here (and by the tests) rather than left behind."""
    found = sorted((mapper.class_ for mapper in db.Model.registry.mappers
                    if any(column.info.get("personal") for column in mapper.class_.__table__.columns)),
                   key=lambda model: model.__tablename__)
    for model in found:
        if model is not Registration and "registration_id" not in model.__table__.columns:
            raise TypeError(f"{model.__name__} holds personal data but belongs to no registration")
    return found


# --- tombstones --------------------------------------------------------------------------

def _record(row, reason, now):
    return {"registration": row.id, "registered_at": _iso(row.created_at),
            "fingerprint": fingerprint(row.manage_token_hash), "reason": reason, "erased_at": _iso(now)}


def _iso(moment):
    return moment.isoformat() if moment else None


def _parse(moment):
    return datetime.fromisoformat(moment) if moment else None


def path():
    return current_app.config["ERASURE_TOMBSTONES"]


def _append_to_file(records):
    """Append and flush to disk before the database commits (one write, O_APPEND: lines of
    several workers never interleave). An erasure that cannot leave its tombstone is refused
    with a message (and logged): it would not hold."""
    data = "".join(json.dumps(record, sort_keys=True) + "\n" for record in records).encode("utf-8")
    try:
        os.makedirs(os.path.dirname(os.path.abspath(path())), exist_ok=True)
        descriptor = os.open(path(), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, data)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except OSError as error:
        log.error("cannot write the erasure tombstones to %s (ERASURE_TOMBSTONES): %s", path(), error)
        db.session.rollback()
        raise ServiceError(_("Deleting is not possible right now. Please try again later, or ask the organizers.")) \
            from None


def _table_exists():
    """False after restoring a backup made before the table existed (until ``flask db upgrade``)."""
    return inspect(db.session.connection()).has_table(ErasureTombstone.__tablename__)


def _insert_rows(records):
    """Add the records the table lacks (a row erased again after a restore made without
    ``flask restore`` has its tombstone already)."""
    if not records or not _table_exists():
        return
    present = set()
    for ids in _chunks(sorted({r["registration"] for r in records})):
        present.update(tuple(row) for row in db.session.execute(
            select(ErasureTombstone.registration_id, ErasureTombstone.fingerprint)
            .where(ErasureTombstone.registration_id.in_(ids))).all())
    for record in records:
        if _key(record) in present:
            continue
        present.add(_key(record))
        db.session.execute(ErasureTombstone.__table__.insert().values(
            registration_id=record["registration"], registered_at=_parse(record.get("registered_at")),
            fingerprint=record["fingerprint"], reason=record.get("reason") or "request",
            erased_at=_parse(record.get("erased_at")) or utcnow()))


def read_file():
    """The tombstones in the file; a damaged line is skipped with a warning."""
    if not os.path.exists(path()):
        return []
    records = []
    with open(path(), encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                record["registration"] = int(record["registration"])
                str(record["fingerprint"])
                _parse(record.get("registered_at"))
            except (ValueError, KeyError, TypeError):
                log.warning("%s:%s: not a tombstone, skipped", path(), number)
                continue
            records.append(record)
    return records


def read_table():
    if not _table_exists():
        return []
    return [{"registration": t.registration_id, "registered_at": _iso(t.registered_at),
             "fingerprint": t.fingerprint, "reason": t.reason, "erased_at": _iso(t.erased_at)}
            for t in db.session.scalars(select(ErasureTombstone).order_by(ErasureTombstone.id))]


def _key(record):
    return record["registration"], record["fingerprint"]


def _matches(record, created_at, manage_token_hash):
    """The row a tombstone names: same id, and the same moment of registration or the same
    manage link (an id used again after a restore belongs to someone else)."""
    registered_at = _parse(record.get("registered_at"))
    return (registered_at is not None and created_at == registered_at) or \
        record["fingerprint"] == fingerprint(manage_token_hash)


def reapply(now=None):
    """After a restore: erase again what was erased, and make file and table agree. Commits.
    Returns ``({reason: [registration ids erased again]}, number of tombstones known)``;
    registrations.restore_erasures also cancels again those erased by their residents."""
    in_file, in_table = read_file(), read_table()
    known = {}
    for record in in_file + in_table:
        known.setdefault(_key(record), record)
    by_id = {}
    for record in known.values():
        by_id.setdefault(record["registration"], []).append(record)
    again = {}
    for ids in _chunks(sorted(by_id)):
        for row in db.session.execute(
                select(Registration.id, Registration.created_at, Registration.manage_token_hash)
                .where(Registration.id.in_(ids), Registration.personal_data_erased_at.is_(None))):
            named = [r for r in by_id[row.id] if _matches(r, row.created_at, row.manage_token_hash)]
            if named:
                again.setdefault(named[0]["reason"] if named[0].get("reason") in REASONS else "request",
                                 []).append(row.id)
    erased = {}
    for reason, ids in again.items():
        erased[reason] = erase_registrations(ids, reason=reason, now=now, tombstones=False)
    count = sum(len(ids) for ids in erased.values())
    file_keys = {_key(r) for r in in_file}
    table_keys = {_key(r) for r in in_table}
    missing_in_file = [r for k, r in known.items() if k not in file_keys]
    if missing_in_file:
        _append_to_file(missing_in_file)
    _insert_rows([r for k, r in known.items() if k not in table_keys])
    if count:
        audit.record(None, "erasure.reapply", None, registrations=count)
    db.session.commit()
    return erased, len(known)
