"""On PostgreSQL, a confirmed registration in one statement, outside any transaction (issue 22).

On PostgreSQL a round trip to the database costs more CPU, in Heard and in the server, than
anything SQLAlchemy does. Written one statement after another (as on SQLite), a registration
makes eight: BEGIN, its rate limits counted, its seat taken, four rows (itself, its first
message, the message's send job and the audit row), COMMIT. Here it is one statement of
data-modifying CTEs, built with SQLAlchemy Core and compiled once, sent in autocommit: a
single statement is a transaction of its own in PostgreSQL, all of it or none of it, so it
needs no BEGIN and no COMMIT.

* The rate limits are counted (``ratelimit.counting``, the same upsert as every count).
* The seat is taken only when no rule refused the attempt and the session takes
  registrations now, with the interpreter asked for among those it offers (the caller's
  ``seat_statement``: ``registrations._OPEN_SEAT``, the rules of
  ``registrations.registration_problem`` in SQL).
* The four rows are written only when the seat was taken, the same columns from the same
  functions as row by row (``outbox.message_values``, ``outbox.send_job_values``,
  ``audit.entry_values``), with the ids that link them filled in by the statement.

A refused attempt commits its count and nothing else. An attempt that finds no seat commits
its count too, and the caller writes it row by row (the waitlist, or the reason the session
takes no registration) without counting it again. A registration that is already on file
fails the whole statement (a unique constraint), count included, and the caller counts it
again, as in a transaction.
"""
from sqlalchemy import String, bindparam, cast, exists, func, insert, literal_column, or_, select, true

from ... import ratelimit
from ...database import with_defaults
from ...extensions import db
from ...models import AuditEntry, Job, OutboxMessage, Registration
from ...platform import audit, jobs, outbox
from ..sessions import listing


def register(seat_statement, rules, values, registration, row, message, entry):
    """Count ``rules`` (rate limits in Heard's database), take a seat with ``seat_statement``
    (built on ``seats.reading``; its parameters are ``values``) and write ``registration`` (its columns:
    ``row``), its ``message`` (the columns of ``outbox.message_values``), the send job and the
    audit row (details ``entry``), in one statement.

    Returns the registration's and the message's ids, or (None, None) when no seat was taken
    (nothing but the count changed). Raises ``ratelimit.TooManyAttempts`` once the refused
    attempt's count is committed, and the database's error when the statement fails (nothing
    changed: roll back)."""
    parts = (
        with_defaults(Registration, row),
        _unlinked(with_defaults(OutboxMessage, message), _LINKED_MESSAGE),
        _unlinked(with_defaults(Job, outbox.send_job_values([])), _LINKED_JOB),
        _unlinked(with_defaults(AuditEntry, audit.entry_values(None, "registration.create", registration, **entry)),
                  _LINKED_AUDIT),
    )
    params = ratelimit.count_parameters(rules) if rules else {}
    params.update((f"limit{n}", rule.limit()[0]) for n, rule in enumerate(rules))
    params.update(values, dedupe_prefix=f"{message['kind']}:")
    for prefix, part in zip(_PREFIXES, parts, strict=True):
        params.update((prefix + key, value) for key, value in part.items())
    statement = _statement(seat_statement, len(rules), tuple(tuple(part) for part in parts))
    connection = _connection()
    found = connection.execute(statement, params).one()
    counted = [(found._mapping[f"hits{n}"], found._mapping[f"expires{n}"]) for n in range(len(rules))]
    retry_after = ratelimit.judge(connection, rules, params, counted) if rules else None
    if retry_after:
        db.session.commit()  # the count, and nothing else: no seat was taken
        raise ratelimit.TooManyAttempts(retry_after)
    if found.registration_id is None:
        db.session.commit()  # nothing but the count changed
        return None, None
    listing.seats_changed()  # the commit empties the cached pages, which show seats left
    # In autocommit the statement is committed already: this commit ends the session's part.
    db.session.commit()
    jobs.written(found.job_id)
    return found.registration_id, found.message_id


def _connection():
    """The session's connection, in autocommit unless the session has begun a transaction
    already (then the statement goes into it, and the commit in :func:`register` ends it)."""
    session = db.session()
    if session.in_transaction():
        return session.connection()
    return session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


# The columns the one statement fills in from the rows written before them.
_LINKED_MESSAGE = ("registration_id", "dedupe_key")
_LINKED_JOB = ("payload",)
_LINKED_AUDIT = ("object_id",)
_PREFIXES = ("registration_", "message_", "job_", "audit_")


def _unlinked(values, linked):
    return {key: value for key, value in values.items() if key not in linked}


def _statement(seat_statement, rules, keys):
    """The statement of :func:`register` for this seat statement, ``rules`` rules and these
    columns (``keys``: those of the registration, message, job and audit row), built once.
    Every column is a parameter named with its row's prefix."""
    key = (id(seat_statement), rules, keys)
    statement = _STATEMENTS.get(key)
    if statement is not None:
        return statement
    hits = [ratelimit.counting(n).cte(f"hit{n}") for n in range(rules)]
    seat = seat_statement
    if hits:
        seat = seat.where(~or_(*(exists().where(hit.c.hits > bindparam(f"limit{n}")) for n, hit in enumerate(hits))))
    seat = seat.cte("seat")
    tables = [model.__table__ for model in (Registration, OutboxMessage, Job, AuditEntry)]
    given = [[bindparam(prefix + name, type_=table.c[name].type) for name in names]
             for prefix, table, names in zip(_PREFIXES, tables, keys, strict=True)]
    R, M, J, A = tables
    new_registration = insert(R).from_select(
        list(keys[0]), select(*given[0]).select_from(seat), include_defaults=False,
    ).returning(R.c.id).cte("new_registration")
    new_message = insert(M).from_select(
        [*keys[1], *_LINKED_MESSAGE],
        select(*given[1], new_registration.c.id,
               bindparam("dedupe_prefix", type_=String()) + cast(new_registration.c.id, String())),
        include_defaults=False,
    ).returning(M.c.id).cte("new_message")
    send_job = insert(J).from_select(
        [*keys[2], *_LINKED_JOB],
        select(*given[2], func.json_build_object(literal_column("'ids'"), func.json_build_array(new_message.c.id))),
        include_defaults=False,
    ).returning(J.c.id).cte("send_job")
    audit_row = insert(A).from_select(
        [*keys[3], *_LINKED_AUDIT], select(*given[3], new_registration.c.id), include_defaults=False,
    ).returning(A.c.id).cte("audit_row")
    counts = [column for n, hit in enumerate(hits)
              for column in (hit.c.hits.label(f"hits{n}"), hit.c.expires_at.label(f"expires{n}"))]
    # One row always: the counts (or a row of nothing), then the rows written, if any.
    joined = select(literal_column("1").label("one")).subquery("one")
    for hit in hits:
        joined = joined.join(hit, true())
    for written in (new_registration, new_message, send_job, audit_row):
        joined = joined.outerjoin(written, true())
    statement = _STATEMENTS[key] = select(
        *counts, new_registration.c.id.label("registration_id"), new_message.c.id.label("message_id"),
        send_job.c.id.label("job_id"), audit_row.c.id.label("audit_id")).select_from(joined)
    return statement


_STATEMENTS = {}
