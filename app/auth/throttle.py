"""Sign-in throttling: slows password guessing without letting a stranger lock a person out.

Every sign-in attempt is counted, before any password is checked (a refused attempt costs no
password hash), against three rules, in this order, stopping at the first one that refuses
(a refused attempt is not counted by the later rules):

1. ``SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS`` (default 10 per 15 minutes): one account from
   one network address. Strict: this is what stops one guesser. Cleared by a sign-in that
   succeeds.
2. ``SIGN_IN_LIMIT_PER_ADDRESS`` (50 per 15 minutes): one network address over all accounts,
   against trying one password on many accounts.
3. ``SIGN_IN_LIMIT_PER_ACCOUNT`` (30 per 15 minutes): one account from every address
   together, against guessing from many addresses. One address alone never reaches it
   (rule 1 stops it at 10), so a stranger cannot lock the person out: the right password
   from another address still works. A browser that signed in to the account before is
   exempt from this rule (a signed cookie, ``heard_known``, kept
   ``SIGN_IN_KNOWN_BROWSER_DAYS``), so even a crowd of guessers does not lock the person
   out of their usual browser; a new browser waits for the window's end at worst.

A refused attempt gets a 429 with ``Retry-After`` and the sign-in form back.
"""
import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from ..ratelimit import Rule, clear, hit

COOKIE = "heard_known"
MAX_REMEMBERED = 5  # accounts remembered per browser


def _rules(account, address, known):
    rules = [Rule("sign-in-pair", "SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS", f"{account}\x1f{address or ''}"),
             Rule("sign-in-address", "SIGN_IN_LIMIT_PER_ADDRESS", address)]
    if not known:
        rules.append(Rule("sign-in-account", "SIGN_IN_LIMIT_PER_ACCOUNT", account))
    return rules


def attempt(account, address, known):
    """Count one attempt; None to go on, else the seconds to wait."""
    return hit(*_rules(account, address, known))


def succeeded(account, address):
    clear(_rules(account, address, known=True)[0])


# --- browsers that signed in before -------------------------------------------------------

def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="heard-known-browser")


def _mark(account):
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    return hmac.new(key, b"heard-known-browser:" + account.encode("utf-8"), hashlib.sha256).hexdigest()[:20]


def _max_age():
    return current_app.config["SIGN_IN_KNOWN_BROWSER_DAYS"] * 86400


def _remembered(request):
    value = request.cookies.get(COOKIE)
    if not value:
        return []
    try:
        marks = _serializer().loads(value, max_age=_max_age())
    except BadSignature:
        return []
    return [m for m in marks if isinstance(m, str)] if isinstance(marks, list) else []


def is_known(request, account):
    return _mark(account) in _remembered(request)


def remember(response, request, account):
    mark = _mark(account)
    marks = [mark] + [m for m in _remembered(request) if m != mark][: MAX_REMEMBERED - 1]
    response.set_cookie(COOKIE, _serializer().dumps(marks), max_age=_max_age(), path="/auth/",
                        httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response
