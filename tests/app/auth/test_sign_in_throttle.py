"""Sign-in is throttled per account and address, per address, and per account, before any
password hash is computed, without letting a stranger lock a person out (app/auth/throttle.py)."""
import pytest
from support import PASSWORDS, empty_tables

from app.auth import throttle

LIMITS = dict(SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS=(5, 900), SIGN_IN_LIMIT_PER_ADDRESS=(12, 900),
              SIGN_IN_LIMIT_PER_ACCOUNT=(8, 900))


@pytest.fixture
def hashes(monkeypatch):
    """Counts password hashes computed (a known account's, and the dummy one for unknown emails)."""
    import app.models.users as user_model
    import app.services.accounts.users as user_service

    counted = []

    def counting(original):
        def check(*args, **kwargs):
            counted.append(1)
            return original(*args, **kwargs)
        return check

    monkeypatch.setattr(user_model, "check_password_hash", counting(user_model.check_password_hash))
    monkeypatch.setattr(user_service, "check_password_hash", counting(user_service.check_password_hash))
    return counted


@pytest.fixture
def throttled_app(make_app):
    app = make_app(**LIMITS)
    with app.app_context():
        empty_tables()
    return app


def _user(app, role="organizer", email=None):
    from app.extensions import db
    from app.models import User

    with app.app_context():
        user = User(email=email or f"{role}@example.org", name=role, role=role)
        user.set_password(PASSWORDS[role])
        db.session.add(user)
        db.session.commit()
        return user.email


def _sign_in(client, email, password, address="10.0.0.1", **kwargs):
    return client.post("/auth/sign-in", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": address}, **kwargs)


def test_the_default_limits_stop_22_wrong_passwords_in_a_row(client, make_user, hashes):
    _id, email = make_user("organizer")
    statuses = [_sign_in(client, email, f"wrong-guess-{n}").status_code for n in range(22)]
    assert statuses[:10] == [200] * 10  # "do not match", as before
    assert statuses[10:] == [429] * 12
    assert len(hashes) == 10  # a refused attempt computes no hash


def test_a_refused_attempt_says_how_long_to_wait_in_the_visitors_language(throttled_app, hashes):
    email = _user(throttled_app)
    client = throttled_app.test_client()
    for n in range(5):
        assert _sign_in(client, email, f"guess-{n}").status_code == 200
    refused = _sign_in(client, email, "guess-6", headers={"Accept-Language": "es"})
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 900
    assert 'lang="es"' in refused.text and 'role="alert"' in refused.text
    assert f'value="{email}"' in refused.text  # the email typed stays; the password never comes back
    english = _sign_in(client, email, "guess-7")
    assert "Too many sign-in attempts. Please wait 15 minutes, then try again." in english.text
    # Even the right password waits: a guesser must not learn it was right.
    assert _sign_in(client, email, PASSWORDS["organizer"]).status_code == 429
    assert len(hashes) == 5


def test_a_stranger_hammering_an_account_does_not_lock_its_owner_out(throttled_app, hashes):
    email = _user(throttled_app)
    stranger, owner = throttled_app.test_client(), throttled_app.test_client()
    statuses = [_sign_in(stranger, email, f"guess-{n}", address="203.0.113.66").status_code for n in range(40)]
    assert statuses.count(200) == 5 and statuses.count(429) == 35
    response = _sign_in(owner, email, PASSWORDS["organizer"], address="198.51.100.7")
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/")
    assert len(hashes) == 6


def test_one_address_trying_many_accounts_is_stopped(throttled_app, hashes):
    client = throttled_app.test_client()
    statuses = [_sign_in(client, f"person{n}@example.org", "Winter2026!").status_code for n in range(20)]
    assert statuses == [200] * 12 + [429] * 8
    assert len(hashes) == 12
    assert _sign_in(client, "person1@example.org", "Winter2026!", address="10.9.9.9").status_code == 200


def test_guessing_from_many_addresses_meets_the_account_ceiling_but_not_the_owners_browser(throttled_app):
    email = _user(throttled_app)
    owner = throttled_app.test_client()
    assert _sign_in(owner, email, PASSWORDS["organizer"], address="198.51.100.7").status_code == 302
    assert owner.get_cookie(throttle.COOKIE, path="/auth/") is not None
    owner.post("/auth/sign-out")
    crowd = throttled_app.test_client()
    statuses = [_sign_in(crowd, email, f"guess-{n}", address=f"203.0.113.{n // 4}").status_code for n in range(20)]
    # The ceiling for the account, from every address together (the owner's sign-in was one).
    assert statuses.count(200) == 7
    # A new browser, even with the right password, waits for the window's end...
    fresh = _sign_in(throttled_app.test_client(), email, PASSWORDS["organizer"], address="192.0.2.1")
    assert fresh.status_code == 429 and int(fresh.headers["Retry-After"]) > 0
    # ...but the browser the owner signed in with before is not locked out.
    assert _sign_in(owner, email, PASSWORDS["organizer"], address="192.0.2.50").status_code == 302


@pytest.mark.parametrize("cookie", ["", "garbage", "eyJ0ZXN0IjoxfQ.forged.sig", "[]" * 500])
def test_a_forged_known_browser_cookie_counts_for_nothing(throttled_app, cookie):
    email = _user(throttled_app)
    crowd = throttled_app.test_client()
    for n in range(8):
        _sign_in(crowd, email, f"guess-{n}", address=f"203.0.113.{n}")
    forger = throttled_app.test_client()
    forger.set_cookie(throttle.COOKIE, cookie, path="/auth/")
    assert _sign_in(forger, email, PASSWORDS["organizer"], address="192.0.2.1").status_code == 429


def test_a_known_browser_cookie_is_for_its_account_only(throttled_app):
    first, second = _user(throttled_app, "organizer"), _user(throttled_app, "analyst")
    browser = throttled_app.test_client()
    assert _sign_in(browser, first, PASSWORDS["organizer"]).status_code == 302
    cookie = browser.get_cookie(throttle.COOKIE, path="/auth/")
    assert cookie.http_only and cookie.path == "/auth/" and first not in cookie.value
    browser.post("/auth/sign-out")
    crowd = throttled_app.test_client()
    for n in range(8):
        _sign_in(crowd, second, f"guess-{n}", address=f"203.0.113.{n}")
    assert _sign_in(browser, second, PASSWORDS["analyst"], address="192.0.2.1").status_code == 429


def test_signing_in_clears_the_count_for_that_account_and_address(throttled_app):
    email = _user(throttled_app)
    client = throttled_app.test_client()
    for n in range(4):
        assert _sign_in(client, email, f"typo-{n}").status_code == 200
    assert _sign_in(client, email, PASSWORDS["organizer"]).status_code == 302
    client.post("/auth/sign-out")
    for n in range(5):  # a fresh allowance after the right password
        assert _sign_in(client, email, f"typo-again-{n}").status_code == 200
    assert _sign_in(client, email, "one-too-many").status_code == 429


def test_the_email_is_counted_whatever_its_case_or_spaces(throttled_app):
    email = _user(throttled_app)
    client = throttled_app.test_client()
    variants = [email, email.upper(), email.title(), email.capitalize(), email]
    assert [_sign_in(client, v, "wrong").status_code for v in variants] == [200] * 5
    assert _sign_in(client, email.upper(), "wrong").status_code == 429


def test_an_invalid_form_is_not_counted_and_needs_no_hash(throttled_app, hashes):
    client = throttled_app.test_client()
    for _ in range(20):
        assert _sign_in(client, "not-an-email", "x").status_code == 200
    assert hashes == []
    assert _sign_in(client, "someone@example.org", "x").status_code == 200
