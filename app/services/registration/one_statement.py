"""On PostgreSQL, a registration in two statements (issue 22).

On PostgreSQL a round trip to the database costs more CPU, in Heard and in the server, than
anything SQLAlchemy does. Written one statement after another (as on SQLite), a registration
makes six: its rate limits counted, its seat taken, then four rows: itself, its first
message, the message's send job and the audit row. Here they are two statements of
data-modifying CTEs, built with SQLAlchemy Core and compiled once:

* :func:`count_and_take_seat`: the rate limits counted (``ratelimit.counting``), and the seat
  taken only when no rule refused the attempt;
* :func:`write`: a confirmed registration's four rows, the same columns from the same
  functions (``outbox.message_values``, ``outbox.send_job_values``, ``audit.entry_values``),
  with the ids that link them filled in by the statement.
"""
from sqlalchemy import String, bindparam, cast, exists, func, insert, literal_column, or_, select, true
from sqlalchemy.exc import DBAPIError

from ... import ratelimit
from ...database import with_defaults
from ...extensions import db
from ...models import AuditEntry, Job, OutboxMessage, Registration
from ...platform import audit, jobs, outbox
from ..sessions import listing
from .seats import take_seat_reading


def count_and_take_seat(session_id, rules, seat_statement):
    """Count the attempt against ``rules`` (rate limits in Heard's database) and take a seat
    with ``seat_statement`` (``seats.reading``) unless a rule refused it, in one statement.
    Returns the session's row when a seat was taken, else None; raises
    ``ratelimit.TooManyAttempts`` once the refused attempt's count is committed (no seat was
    taken). If counting fails, the attempt goes through uncounted, as with
    ``ratelimit.hit_in_transaction``."""
    rules = [rule for rule in rules if rule.value]
    params = ratelimit.count_parameters(rules)
    params.update((f"limit{n}", rule.limit()[0]) for n, rule in enumerate(rules))
    params["session_id"] = session_id
    try:
        row = db.session.connection().execute(_counted_seat(seat_statement, len(rules)), params).one()
    except DBAPIError:
        db.session.rollback()
        ratelimit.unreachable(rules)
        return take_seat_reading(session_id, seat_statement)
    counted = [(row._mapping[f"hits{n}"], row._mapping[f"expires{n}"]) for n in range(len(rules))]
    retry_after = ratelimit.judge(db.session.connection(), rules, params, counted)
    if retry_after:
        db.session.commit()  # the count, and nothing else: no seat was taken
        raise ratelimit.TooManyAttempts(retry_after)
    if row.id is None:
        return None  # no seat free (or the session not open): nothing but the count changed
    listing.seats_changed()
    return row


def _counted_seat(seat_statement, rules):
    """The statement of :func:`count_and_take_seat` for ``rules`` rules, built once."""
    key = (id(seat_statement), rules)
    statement = _SEATS.get(key)
    if statement is not None:
        return statement
    hits = [ratelimit.counting(n).cte(f"hit{n}") for n in range(rules)]
    refused = or_(*(exists().where(hit.c.hits > bindparam(f"limit{n}")) for n, hit in enumerate(hits)))
    seat = seat_statement.where(~refused).cte("seat")
    joined = hits[0]
    for hit in hits[1:]:
        joined = joined.join(hit, true())
    counts = [column for n, hit in enumerate(hits)
              for column in (hit.c.hits.label(f"hits{n}"), hit.c.expires_at.label(f"expires{n}"))]
    statement = _SEATS[key] = select(*counts, *seat.c).select_from(joined.outerjoin(seat, true()))
    return statement


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


_SEATS = {}
