"""On PostgreSQL, a confirmed registration's rows in one statement (issue 22).

A registration writes four rows: itself, its first message, the message's send job and the
audit row. Row by row (``registrations._insert_rows``, and always on SQLite) that is four
round trips to the database, and on PostgreSQL a round trip costs more CPU, in Heard and in
the server, than anything SQLAlchemy does. Here the four are one statement of data-modifying
CTEs, built with SQLAlchemy Core and compiled once: the same columns, from the same
functions (``outbox.message_values``, ``outbox.send_job_values``, ``audit.entry_values``),
with the ids that link them filled in by the statement.
"""
from sqlalchemy import String, bindparam, cast, func, insert, literal_column, select, true

from ...database import with_defaults
from ...models import AuditEntry, Job, OutboxMessage, Registration
from ...platform import audit, jobs, outbox


def write(connection, registration, row, message, kind, entry):
    """Write ``registration`` (its columns: ``row``), its ``message`` (the columns of
    ``outbox.message_values``), the message's send job and its audit row (details ``entry``)
    in ``connection``'s transaction; set ``registration.id`` and return the message's id."""
    parts = (
        with_defaults(Registration, row),
        _unlinked(with_defaults(OutboxMessage, message), _LINKED_MESSAGE),
        _unlinked(with_defaults(Job, outbox.send_job_values([])), _LINKED_JOB),
        _unlinked(with_defaults(AuditEntry, audit.entry_values(None, "registration.create", registration, **entry)),
                  _LINKED_AUDIT),
    )
    params = {"dedupe_prefix": f"{kind}:"}
    for prefix, values in zip(_PREFIXES, parts, strict=True):
        params.update((prefix + key, value) for key, value in values.items())
    registration.id, message_id, job_id, _entry_id = connection.execute(
        _statement(tuple(tuple(values) for values in parts)), params).one()
    jobs.written(job_id)
    return message_id


# The columns the one statement fills in from the rows written before them.
_LINKED_MESSAGE = ("registration_id", "dedupe_key")
_LINKED_JOB = ("payload",)
_LINKED_AUDIT = ("object_id",)
_PREFIXES = ("registration_", "message_", "job_", "audit_")


def _unlinked(values, linked):
    return {key: value for key, value in values.items() if key not in linked}


def _statement(keys):
    """A confirmed registration's rows as one PostgreSQL statement (data-modifying CTEs),
    built once per set of columns (``keys``: those of the registration, message, job and
    audit row): the registration, then its message (with the registration's id, and the
    dedupe key made of it), the send job of that message and the audit row. Every other
    column is a parameter named with its row's prefix."""
    statement = _STATEMENTS.get(keys)
    if statement is not None:
        return statement
    tables = [model.__table__ for model in (Registration, OutboxMessage, Job, AuditEntry)]
    given = [[bindparam(prefix + key, type_=table.c[key].type) for key in names]
             for prefix, table, names in zip(_PREFIXES, tables, keys, strict=True)]
    R, M, J, A = tables
    new_registration = (insert(R).values(dict(zip(keys[0], given[0], strict=True)))
                        .returning(R.c.id).cte("new_registration"))
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
    one_row_each = new_registration.join(new_message, true()).join(send_job, true()).join(audit_row, true())
    statement = _STATEMENTS[keys] = select(
        new_registration.c.id, new_message.c.id, send_job.c.id, audit_row.c.id).select_from(one_row_each)
    return statement


_STATEMENTS = {}
