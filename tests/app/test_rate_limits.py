"""Rate limits count once for every worker and server (Heard's database by default, Redis when
configured), every 429 says when to come back (Retry-After), and a store that fails never
stops a resident (app/ratelimit.py)."""
import logging
import os
from datetime import timedelta

import pytest
from flask import abort
from sqlalchemy import event, func, select, text, update
from support import empty_tables
from werkzeug.exceptions import TooManyRequests

from app import ratelimit
from app.extensions import db
from app.models import ListeningSession, OutboxMessage, RateLimitCount, Registration
from app.models.types import utcnow
from app.platform.errors import ServiceError
from app.services.registration import registrations
from app.services.sessions import organize


def _session(app, slug="east-hall"):
    with app.app_context():
        engagement = organize.create_engagement(None, "east", "en", {"en": "East"})
        starts = utcnow() + timedelta(days=5)
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="East Hall", venue_address="2 Elm St", capacity=50,
        ), {"en": {"title": "East Hall"}})
        organize.publish(None, session.id)
        return session.id


def _fresh(make_app, **config):
    app = make_app(**config)
    with app.app_context():
        empty_tables()
    return app


def _register(client, email="same@example.org", **kwargs):
    return client.post("/sessions/east-hall/register", data={"name": "A", "email": email}, **kwargs)


def test_two_workers_on_one_database_share_one_count(make_app):
    # Two apps stand for two gunicorn workers (or two servers on one database), with one
    # SECRET_KEY as in production, and no Redis.
    shared = dict(REGISTRATION_LIMIT_PER_CONTACT=(3, 3600), LINK_RESEND_LIMIT_PER_CONTACT=(100, 3600),
                  SECRET_KEY=os.urandom(16).hex())
    first, second = _fresh(make_app, **shared), make_app(**shared)
    assert ratelimit.storage_url(first.config) == ratelimit.DATABASE
    _session(first)
    statuses = [_register((first if n % 2 else second).test_client()).status_code for n in range(6)]
    assert statuses == [303, 200, 200, 429, 429, 429]


def test_every_429_says_when_to_come_back(make_app):
    app = _fresh(make_app, REGISTRATION_LIMIT_PER_CONTACT=(1, 600), LINK_RESEND_LIMIT_PER_ADDRESS=(1, 1200),
                 SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS=(1, 900))

    @app.get("/test-only/abort-429")
    def plain():
        abort(429)

    @app.get("/test-only/retry-in-two-minutes")
    def told():
        raise TooManyRequests(retry_after=120)

    _session(app)
    client = app.test_client()
    _register(client)
    registration = _register(client)
    client.post("/private-link", data={"contact": "a@example.org"})
    link = client.post("/private-link", data={"contact": "b@example.org"})
    client.post("/auth/sign-in", data={"email": "x@example.org", "password": "wrong"})
    sign_in = client.post("/auth/sign-in", data={"email": "x@example.org", "password": "wrong"})
    answers = {"registration": (registration, 600), "link": (link, 1200), "sign-in": (sign_in, 900),
               "abort": (client.get("/test-only/abort-429"), 60),
               "told": (client.get("/test-only/retry-in-two-minutes"), 120)}
    for name, (response, most) in answers.items():
        assert response.status_code == 429, name
        assert 0 < int(response.headers["Retry-After"]) <= most, name
        assert 'role="alert"' in response.text or "Too many tries" in response.text, name
    assert answers["told"][0].headers["Retry-After"] in ("119", "120")


def test_a_window_that_has_ended_starts_a_new_count(make_app):
    app = _fresh(make_app, REGISTRATION_LIMIT_PER_ADDRESS=(2, 3600))
    _session(app)
    client = app.test_client()
    assert [_register(client, f"p{n}@example.org").status_code for n in range(3)] == [303, 303, 429]
    with app.app_context():  # an hour later
        db.session.execute(update(RateLimitCount).values(expires_at=RateLimitCount.expires_at - 3601))
        db.session.commit()
    assert [_register(client, f"q{n}@example.org").status_code for n in range(3)] == [303, 303, 429]


def _counts(app):
    with app.app_context():
        return {bucket.split(":")[0]: hits for bucket, hits in
                db.session.execute(select(RateLimitCount.bucket, RateLimitCount.hits))}


@pytest.mark.parametrize("store", ["database", "memory://"])
def test_the_rules_after_a_refusing_one_do_not_count_the_attempt(make_app, store):
    app = _fresh(make_app, RATELIMIT_STORAGE_URL=store if store != "database" else None,
                 REGISTRATION_LIMIT_PER_ADDRESS=(2, 3600), REGISTRATION_LIMIT_PER_CONTACT=(3, 3600),
                 LINK_RESEND_LIMIT_PER_CONTACT=(100, 3600))
    first = ratelimit.Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "10.0.0.1")
    second = ratelimit.Rule("registration-contact", "REGISTRATION_LIMIT_PER_CONTACT", "s1:a@example.org")
    with app.test_request_context("/", method="POST"):
        answers = [ratelimit.hit(first, second) for _ in range(4)]
        assert answers[:2] == [None, None] and all(0 < a <= 3600 for a in answers[2:])
        if store == "database":
            assert _counts(app) == {"registration-address": 4, "registration-contact": 2}
        # The first rule lets it through, the second refuses: both counted.
        other = ratelimit.Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "10.0.0.2")
        assert [ratelimit.hit(other, second) is None for _ in range(2)] == [True, False]
        assert ratelimit.hit(ratelimit.Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS",
                                            "10.0.0.3")) is None
    if store == "database":
        with app.app_context():
            hits = sorted(db.session.scalars(select(RateLimitCount.hits)))
        assert hits == [1, 2, 4, 4]  # 10.0.0.3, 10.0.0.2, the contact (2 + 2), 10.0.0.1


def test_a_refused_registration_counts_and_writes_nothing_else(make_app):
    # The registration's limits are counted in its own transaction (one write lock, one
    # commit): a refusal commits the count alone, with no seat taken and no row written.
    app = _fresh(make_app, REGISTRATION_LIMIT_PER_ADDRESS=(1, 3600))
    session_id = _session(app)
    client = app.test_client()
    assert [_register(client, f"r{n}@example.org").status_code for n in range(3)] == [303, 429, 429]
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 1
        assert db.session.get(ListeningSession, session_id).seats_taken == 1
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 1
        hits = dict(db.session.execute(select(RateLimitCount.bucket, RateLimitCount.hits)).all())
    assert sorted(n for bucket, n in hits.items() if bucket.startswith("registration-address:")) == [3]
    # The address counted all three; the contacts it refused gave their hit back.
    assert sorted(n for bucket, n in hits.items() if bucket.startswith("registration-contact:")) == [0, 0, 1]


def test_a_registration_that_fails_or_comes_again_still_counts(make_app):
    # The count is rolled back with a registration that fails, then counted again on its own.
    app = _fresh(make_app, REGISTRATION_LIMIT_PER_ADDRESS=(100, 3600), LINK_RESEND_LIMIT_PER_CONTACT=(100, 3600))
    session_id = _session(app)
    limits = (ratelimit.Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "10.0.0.9"),)
    with app.test_request_context("/", method="POST"):
        for bad in ({"name": "", "email": "a@example.org"}, {"name": "A"}, {"name": "A", "email": "not an address"}):
            with pytest.raises(ServiceError):
                registrations.register(session_id, bad, limits=limits)
        assert registrations.register(session_id, {"name": "A", "email": "a@example.org"}, limits=limits).created
        assert not registrations.register(session_id, {"name": "A", "email": "a@example.org"}, limits=limits).created
    assert _counts(app) == {"registration-address": 5}
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 1
        assert db.session.get(ListeningSession, session_id).seats_taken == 1


def test_a_registration_is_one_sqlite_transaction_with_its_count(make_app):
    app = _fresh(make_app, HEARD_QUEUE="db")  # the send job waits for a worker
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("only SQLite has one write lock for the whole database")
    _session(app)
    begins = []
    with app.app_context():
        engine = db.engine

    def seen(_conn, _cursor, statement, *_args):
        if statement.startswith("BEGIN"):
            begins.append(statement)

    client = app.test_client()
    client.get("/sessions/east-hall/register")  # the form, as a resident loads it (and the cache)
    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert _register(client, "once@example.org").status_code == 303
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert begins == ["BEGIN IMMEDIATE"]  # the write lock, taken once
    assert _counts(app) == {"registration-address": 1, "registration-contact": 1}


@pytest.mark.parametrize("dialect, placeholder", [("sqlite", ":{}"), ("postgresql", "%({})s")])
def test_the_upsert_is_the_drivers_sql_with_only_its_named_parameters(dialect, placeholder):
    # The driver's SQL, compiled by the dialect (SQLAlchemy would compile a multi-row VALUES
    # anew on every attempt): every value is a named parameter or the literal 1.
    for rules in (1, 2, 3):
        sql = ratelimit._hit_statement(dialect, rules)
        names = {"now"} | {f"{name}{n}" for n in range(rules) for name in ("bucket", "expires")}
        for name in names:
            assert placeholder.format(name) in sql
        assert sql.count("VALUES") == 1 and sql.count("(" + placeholder.format("bucket0")) == 1
        assert "ON CONFLICT (bucket) DO UPDATE" in sql and sql.rstrip().endswith("expires_at")


def test_the_counts_hold_no_address_email_or_phone(make_app):
    app = _fresh(make_app)
    _session(app)
    client = app.test_client()
    _register(client, "private.person@example.org", environ_base={"REMOTE_ADDR": "198.51.100.23"})
    client.post("/private-link", data={"contact": "+1 206 555 0177"}, environ_base={"REMOTE_ADDR": "198.51.100.23"})
    client.post("/auth/sign-in", data={"email": "staff.member@example.org", "password": "wrong"},
                environ_base={"REMOTE_ADDR": "198.51.100.23"})
    with app.app_context():
        rows = db.session.execute(select(RateLimitCount.bucket, RateLimitCount.hits)).all()
    stored = " ".join(bucket for bucket, _hits in rows).lower()
    assert {bucket.split(":")[0] for bucket, _hits in rows} >= {
        "registration-address", "registration-contact", "link-address", "link-contact", "sign-in-pair",
        "sign-in-address", "sign-in-account"}
    for personal in ("private.person", "example.org", "198.51.100.23", "2065550177", "staff.member"):
        assert personal not in stored


def test_a_store_that_fails_lets_residents_through_with_a_warning(make_app, caplog):
    app = _fresh(make_app, REGISTRATION_LIMIT_PER_CONTACT=(1, 3600))
    session_id = _session(app)
    with app.app_context(), db.engine.begin() as conn:  # every statement that counts now fails
        conn.execute(text("ALTER TABLE rate_limits RENAME TO rate_limits_away"))
    try:
        with caplog.at_level(logging.WARNING):
            assert _register(app.test_client(), "a@example.org").status_code == 303
            assert _register(app.test_client(), "b@example.org").status_code == 303
    finally:
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text("ALTER TABLE rate_limits_away RENAME TO rate_limits"))
    with app.app_context():
        assert db.session.scalar(select(func.count(Registration.id))) == 2
        assert db.session.get(ListeningSession, session_id).seats_taken == 2
    assert "rate limit store unreachable" in caplog.text


def test_memory_counts_in_each_process_only_when_asked(make_app):
    shared = dict(RATELIMIT_STORAGE_URL="memory://", REGISTRATION_LIMIT_PER_CONTACT=(1, 3600),
                  LINK_RESEND_LIMIT_PER_CONTACT=(100, 3600), SECRET_KEY=os.urandom(16).hex())
    first, second = _fresh(make_app, **shared), make_app(**shared)
    _session(first)
    assert _register(first.test_client()).status_code == 303
    assert _register(first.test_client()).status_code == 429
    assert _register(second.test_client()).status_code == 200  # its own count
    with first.app_context():
        assert db.session.scalar(select(func.count()).select_from(RateLimitCount)) == 0


def test_counting_while_the_request_holds_the_write_lock_is_refused_loudly(app):
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("only SQLite has one write lock for the whole database")
    with app.test_request_context("/"):
        db.session.execute(text("SELECT 1"))  # an unmarked request: BEGIN IMMEDIATE
        with pytest.raises(RuntimeError, match="before the request's first write"):
            ratelimit.hit(ratelimit.Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", "10.0.0.1"))
        db.session.rollback()


def test_the_settings_are_read_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS", "4/600")
    monkeypatch.setenv("LINK_RESEND_LIMIT_PER_CONTACT", "2/7200")
    monkeypatch.setenv("REGISTRATION_MIN_FILL_SECONDS", "2.5")
    from app import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS"] == (4, 600)
    assert app.config["LINK_RESEND_LIMIT_PER_CONTACT"] == (2, 7200)
    assert app.config["REGISTRATION_MIN_FILL_SECONDS"] == 2.5



@pytest.mark.parametrize("remote, forwarded, counted", [
    ("127.0.0.1", None, "127.0.0.1"),
    ("127.0.0.1", "203.0.113.5", "203.0.113.5"),
    ("127.0.0.1", "1.1.1.1, 203.0.113.5", "203.0.113.5"),  # a header the visitor sent changes nothing
    ("127.0.0.1", "203.0.113.5, 127.0.0.1", "203.0.113.5"),  # two proxies on the host
    ("198.51.100.1", "203.0.113.5", "198.51.100.1"),  # not from the proxy: its header is not believed
    ("127.0.0.1", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),  # IPv6 counts per /64
    ("::ffff:203.0.113.9", None, "203.0.113.9"),
    ("127.0.0.1", "not-an-address", "not-an-address"),
    ("127.0.0.1", " , ,", "127.0.0.1"),
])
def test_the_address_counted_is_the_visitors_also_behind_the_proxy(app, remote, forwarded, counted):
    from flask import request

    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    with app.test_request_context("/", headers=headers, environ_base={"REMOTE_ADDR": remote}):
        assert ratelimit.client_address(request) == counted


def test_visitors_behind_the_proxy_are_counted_apart(make_app):
    app = _fresh(make_app, LINK_RESEND_LIMIT_PER_ADDRESS=(2, 3600))
    client = app.test_client()

    def ask(n, visitor):
        return client.post("/private-link", data={"contact": f"p{n}@example.org"},
                           headers={"X-Forwarded-For": visitor}).status_code

    assert [ask(n, "203.0.113.5") for n in range(3)] == [200, 200, 429]
    assert [ask(n, "203.0.113.6") for n in range(3, 5)] == [200, 200]  # another visitor, same proxy


def test_with_redis_the_same_rules_count_there_and_say_when(make_app, redis_url):
    app = _fresh(make_app, REDIS_URL=redis_url, SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS=(2, 900),
                 LINK_RESEND_LIMIT_PER_CONTACT=(1, 1800))
    client = app.test_client()
    sign_in = [client.post("/auth/sign-in", data={"email": "x@example.org", "password": "wrong"}) for _ in range(3)]
    assert [r.status_code for r in sign_in] == [200, 200, 429]
    assert 800 < int(sign_in[-1].headers["Retry-After"]) <= 900
    link = [client.post("/private-link", data={"contact": "a@example.org"}) for _ in range(2)]
    assert [r.status_code for r in link] == [200, 429]
    assert 1700 < int(link[-1].headers["Retry-After"]) <= 1800
    with app.app_context():  # nothing in the database: Redis holds the counts
        assert db.session.scalar(select(func.count()).select_from(RateLimitCount)) == 0
    with app.test_request_context("/"):
        rule = ratelimit.Rule("link-contact", "LINK_RESEND_LIMIT_PER_CONTACT", "a@example.org")
        ratelimit.clear(rule)
        assert ratelimit.hit(rule) is None
