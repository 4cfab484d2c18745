"""Rate limits, counted once for every worker (and every server) of a Heard.

A rule is a config key holding ``(count, seconds)``: at most ``count`` attempts per fixed
window of ``seconds`` for one thing counted (a network address, an email or phone, an
account). The rules and their defaults are in app/config.py and docs/deploy.md.

Where the counts live is ``RATELIMIT_STORAGE_URL``:

* unset, and no ``REDIS_URL``: the ``rate_limits`` table of Heard's own database, so every
  gunicorn worker, and every server on the same database, shares one count (SQLite and
  PostgreSQL alike; one small upsert for all the rules of an attempt, on a connection of its
  own, or in the service's transaction with :func:`hit_in_transaction`);
* unset with ``REDIS_URL``, or any URL the ``limits`` package knows (``redis://…``,
  ``memcached://…``): that store;
* ``memory://``: this process's memory only (each worker counts alone; for a single-process
  development server).

What is counted is stored as a keyed hash (HMAC with SECRET_KEY), never as an address, email
or phone. If the store cannot be reached the attempt is let through and a warning is logged:
a rate limit never stops a resident because its own store is down.
"""
import hashlib
import hmac
import ipaddress
import logging
import math
import secrets
import time
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from flask import current_app, g, has_request_context
from sqlalchemy import BigInteger, Integer, String, bindparam, case, literal_column, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine.interfaces import BindTyping

from .database import commit_keeping_loaded
from .extensions import db
from .models import RateLimitCount

log = logging.getLogger(__name__)

DATABASE = "database"
DEFAULT_RETRY_AFTER = 60  # seconds, for a 429 that does not say how long to wait
# One hit in this many also deletes the rows whose window has ended.
CLEANUP_EVERY = 200

# One statement on SQLite (3.35+) and PostgreSQL for all the rules of an attempt: count the
# hit in each bucket, or start a new window where the old one has ended, and read the results
# back. Two workers counting the same bucket at once are serialised by the row (PostgreSQL) or
# the write lock (SQLite); an attempt's rules are always counted in the same order.
_UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
# Named parameters, which both drivers take as a dict: sqlite3 ``:name``, psycopg ``%(name)s``.
_DRIVER_DIALECTS = {"sqlite": sqlite.dialect(paramstyle="named"),
                    "postgresql": postgresql.dialect(paramstyle="pyformat")}


def _hit_statement(dialect, rules):
    """The upsert for ``rules`` rules, as the driver's SQL with the parameters ``now``,
    ``bucket0``, ``expires0``, ``bucket1``... (run with ``exec_driver_sql``).

    SQLAlchemy does not cache the compiled form of an INSERT with several rows of VALUES (it
    compiled this one anew on every attempt, 0.3 ms of CPU): the dialect compiles it once here."""
    compiled = upsert(dialect, range(rules)).compile(dialect=_DRIVER_DIALECTS[dialect])
    expected = {"now"} | {f"{name}{n}" for n in range(rules) for name in ("bucket", "expires")}
    if set(compiled.params) != expected:  # a value SQLAlchemy made a parameter of would be lost
        raise RuntimeError(f"rate limits: unexpected parameters {sorted(compiled.params)}")
    return compiled.string


def counting(n):
    """PostgreSQL: the upsert that counts rule ``n`` (parameters ``bucket<n>``, ``expires<n>``
    and ``now``) as a textual SELECT of ``bucket``, ``hits`` and ``expires_at``, for a statement
    of several parts to include as a CTE (registration/one_statement.py). Textual, because
    SQLAlchemy caches no statement with ``on_conflict_do_update`` in it; written from
    :func:`upsert`, so the two count alike."""
    sql = upsert("postgresql", [n]).compile(dialect=_CTE_DIALECT).string
    return text(sql).bindparams(
        bindparam(f"bucket{n}", type_=String()), bindparam(f"expires{n}", type_=BigInteger()),
        bindparam("now", type_=BigInteger()),
    ).columns(bucket=String(), hits=Integer(), expires_at=BigInteger())


# PostgreSQL's SQL with ``:name`` parameters and no casts after them, which text() reads.
_CTE_DIALECT = postgresql.dialect(paramstyle="named")
_CTE_DIALECT.bind_typing = BindTyping.NONE


def upsert(dialect, numbers):
    """The upsert that counts the rules ``numbers`` (a row each, with the parameters
    ``bucket<n>`` and ``expires<n>``, and ``now``), returning each bucket's count and the end
    of its window."""
    table = RateLimitCount.__table__
    one = literal_column("1")
    insert = _UPSERTS[dialect](table).values([
        {"bucket": bindparam(f"bucket{n}"), "hits": one, "expires_at": bindparam(f"expires{n}")} for n in numbers])
    ended = table.c.expires_at <= bindparam("now")
    return insert.on_conflict_do_update(
        index_elements=[table.c.bucket],
        set_={"hits": case((ended, one), else_=table.c.hits + one),
              "expires_at": case((ended, insert.excluded.expires_at), else_=table.c.expires_at)},
    ).returning(table.c.bucket, table.c.hits, table.c.expires_at)


_HITS = {}  # (dialect, number of rules) -> its statement, built once
_UNCOUNT = text("UPDATE rate_limits SET hits = hits - 1 WHERE bucket IN :buckets AND hits > 0").bindparams(
    bindparam("buckets", expanding=True))
_CLEAR = text("DELETE FROM rate_limits WHERE bucket = :bucket")
_CLEANUP = text("DELETE FROM rate_limits WHERE expires_at <= :now")


@dataclass(frozen=True)
class Rule:
    """One limit applied to one thing: ``Rule("sign-in-address", "SIGN_IN_LIMIT_PER_ADDRESS",
    ip)``. ``name`` keeps the counts of different rules apart; ``setting`` is the config key."""

    name: str
    setting: str
    value: str

    def limit(self):
        count, seconds = current_app.config[self.setting]
        return int(count), max(int(seconds), 1)

    def bucket(self):
        key = current_app.config["SECRET_KEY"]
        key = key.encode("utf-8") if isinstance(key, str) else key
        digest = hmac.new(key, f"heard-rate-limit\x1f{self.name}\x1f{self.value}".encode("utf-8", "replace"),
                          hashlib.sha256).hexdigest()
        return f"{self.name}:{digest[:40]}"


def client_address(request):
    """The network address a limit counts: the visitor's, also behind the reverse proxy.

    The proxy's ``X-Forwarded-For`` is believed only when the request comes from one of the
    ``FORWARDED_ALLOW_IPS`` (as gunicorn does for the scheme; default the local host): the
    address counted is the last one in that header that is not a trusted proxy, so a visitor
    who sends their own header changes nothing. An IPv6 address counts as its /64 network,
    which one household or one attacker usually holds whole."""
    address = request.remote_addr or ""
    trusted = current_app.config["FORWARDED_ALLOW_IPS"]
    if address in trusted or "*" in trusted:
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            address = hop
            if hop not in trusted:
                break
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:100]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def storage_url(config):
    return config.get("RATELIMIT_STORAGE_URL") or config.get("REDIS_URL") or DATABASE


def hit(*rules):
    """Count one attempt against each rule, in order, and stop at the first one over its limit
    (the later rules do not count an attempt that was refused). Returns None when every rule
    lets it through, else the seconds until that rule's window ends (for ``Retry-After``).

    Rules without a value (no address known, no contact typed) are skipped. Call this before
    the request's first write: on SQLite the count is written on a connection of its own.
    """
    rules = [rule for rule in rules if rule.value]
    if not rules:
        return None
    database = storage_url(current_app.config) == DATABASE
    if database:
        _check_not_holding_the_write_lock()  # a mistake in the code, not a store that is down
    try:
        return _database_hit(rules) if database else _limits_hit(rules)
    except Exception:  # the store is down: let the attempt through
        _unreachable(rules)
        return None


class TooManyAttempts(Exception):
    """A rule refused the attempt (raised by a service that counts in its own transaction);
    ``retry_after`` is the seconds until that rule's window ends."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def hit_in_transaction(*rules):
    """Count like :func:`hit`, for a service that has begun writing (after ``begin_write``):
    with Heard's database as the store, the count is written in the service's own
    transaction, so an attempt takes SQLite's write lock once and commits once (the busiest
    write of all, a registration, counts this way; issue 22).

    Raises :class:`TooManyAttempts` when a rule refuses, after committing the count (the
    refused attempt counts; nothing else is written yet). When it lets the attempt through,
    the count commits with the service's writes: a service that then rolls back calls
    :func:`count_again`, so an attempt that failed counts too. With another store (Redis,
    memory) this is :func:`hit`."""
    rules = [rule for rule in rules if rule.value]
    if not rules:
        return
    if storage_url(current_app.config) != DATABASE:
        retry_after = hit(*rules)
    else:
        try:
            retry_after = _database_hit(rules, db.session.connection())
        except Exception:  # as in hit: let the attempt through (the write starts again)
            db.session.rollback()
            _unreachable(rules)
            return
        if retry_after:
            db.session.commit()
    if retry_after:
        raise TooManyAttempts(retry_after)


def counts_in_database(*rules):
    """True when these rules are counted in Heard's database (and some rule has a value): a
    service may then count them in its own statement (registration/one_statement.py), with
    :func:`count_parameters`, :func:`counting` and :func:`judge`."""
    return any(rule.value for rule in rules) and storage_url(current_app.config) == DATABASE


def count_again(*rules):
    """After :func:`hit_in_transaction` let an attempt through and the service rolled its
    transaction back (the attempt failed, or found what it asked for already done), count
    the attempt again on its own: it counts as any other. Nothing to do for another store,
    which counted outside the transaction."""
    if storage_url(current_app.config) == DATABASE:
        hit(*rules)


def _unreachable(rules):
    """Log that the store could not count ``rules`` (the attempt goes through uncounted)."""
    log.warning("rate limit store unreachable; %s not counted", ", ".join(r.name for r in rules),
                exc_info=True)


def clear(*rules):
    """Forget the counts of these rules (after a successful sign-in, for instance)."""
    rules = [rule for rule in rules if rule.value]
    if not rules:
        return
    database = storage_url(current_app.config) == DATABASE
    try:
        if database:
            _check_not_holding_the_write_lock()  # a count left in place is only stricter
            with db.engine.begin() as conn:
                for rule in rules:
                    conn.execute(_CLEAR, {"bucket": rule.bucket()})
        else:
            limiter = _limiter()
            for rule in rules:
                limiter.clear(_item(rule), "heard", rule.bucket())
    except Exception:
        log.warning("rate limit store unreachable; %s not cleared", ", ".join(r.name for r in rules),
                    exc_info=True)


# --- Heard's database ----------------------------------------------------------------------

def _check_not_holding_the_write_lock():
    """On SQLite a request that already writes holds the database's write lock, and a second
    connection would wait for it until the busy timeout: count before the first write (views
    marked ``reads_first`` or ``reads_only`` read in a deferred transaction)."""
    if not has_request_context():
        return
    session = db.session()
    if g.get("heard_reads_only"):
        # Only reads so far (the form's choices, say): end that transaction, so the request
        # gives its connection back before the count takes one of its own (SQLite and
        # PostgreSQL alike). Holding both, 50 simultaneous registrations emptied the pool of 15
        # and waited 30 s for it.
        if session.in_transaction() and not (session.new or session.dirty or session.deleted):
            commit_keeping_loaded()
        return
    if db.engine.dialect.name != "sqlite":
        return
    if session.in_transaction():
        raise RuntimeError("rate limits are counted before the request's first write: mark the view "
                           "@reads_first and count before the service writes")


def _database_hit(rules, connection=None):
    """One statement counts every rule (one round trip), on ``connection`` in its transaction,
    or else on a connection of its own (on PostgreSQL without a transaction around it, as
    each row's upsert is atomic). When a rule is over its limit, the rules after it give
    their hit back, so they do not count an attempt that was refused."""
    params = count_parameters(rules)
    key = (db.engine.dialect.name, len(rules))
    statement = _HITS.get(key)
    if statement is None:
        statement = _HITS[key] = _hit_statement(*key)
    with nullcontext(connection) if connection is not None else _counting_connection() as conn:
        counted = {row.bucket: (row.hits, row.expires_at) for row in conn.exec_driver_sql(statement, params)}
        return judge(conn, rules, params, [counted[params[f"bucket{n}"]] for n in range(len(rules))])


def count_parameters(rules):
    """The parameters of :func:`upsert` for ``rules``, the time (``now``) among them."""
    now = int(time.time())
    params = {"now": now}
    for n, rule in enumerate(rules):
        params[f"bucket{n}"], params[f"expires{n}"] = rule.bucket(), now + rule.limit()[1]
    if len({params[f"bucket{n}"] for n in range(len(rules))}) != len(rules):
        raise ValueError("rate limits: two rules of one attempt count the same bucket")
    return params


def judge(conn, rules, params, counted):
    """After ``rules`` were counted with ``params`` (:func:`count_parameters`; ``counted``: each
    rule's count and the end of its window, in order): None when every rule lets the attempt
    through, else the seconds until the first refusing rule's window ends, once the rules
    after it have given their hit back."""
    now = params["now"]
    for n, rule in enumerate(rules):
        hits, expires_at = counted[n]
        if hits > rule.limit()[0]:
            if rules[n + 1:]:
                conn.execute(_UNCOUNT, {"buckets": [params[f"bucket{later}"] for later in range(n + 1, len(rules))]})
            return max(int(expires_at) - now, 1)
    if secrets.randbelow(CLEANUP_EVERY) == 0:
        conn.execute(_CLEANUP, {"now": now})
    return None


@contextmanager
def _counting_connection():
    """A connection of its own for counting: on SQLite a transaction (``BEGIN IMMEDIATE``, see
    app/database.py), on PostgreSQL autocommit, which saves the round trips of BEGIN and
    COMMIT."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.begin() as conn:
            yield conn
        return
    with db.engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


# --- the ``limits`` package: Redis, memcached, memory -----------------------------------------

def _limiter():
    from limits.storage import storage_from_string
    from limits.strategies import FixedWindowRateLimiter

    limiter = current_app.extensions.get("heard_rate_limiter")
    if limiter is None:
        url = storage_url(current_app.config)
        # A store that does not answer within a second counts as down (see hit).
        options = {"socket_timeout": 1, "socket_connect_timeout": 1} if url.startswith(("redis", "rediss")) else {}
        limiter = FixedWindowRateLimiter(storage_from_string(url, key_prefix="heard", **options))
        current_app.extensions["heard_rate_limiter"] = limiter
    return limiter


def _item(rule):
    from limits import RateLimitItemPerSecond

    count, seconds = rule.limit()
    return RateLimitItemPerSecond(count, seconds)


def _limits_hit(rules):
    limiter = _limiter()
    for rule in rules:
        item = _item(rule)
        if not limiter.hit(item, "heard", rule.bucket()):
            reset_at, _remaining = limiter.get_window_stats(item, "heard", rule.bucket())
            return max(math.ceil(reset_at - time.time()), 1)
    return None
