"""Rate limits for residents' forms (per address, per contact), counted with ``limits``.

Limits are config keys, generous by default because a whole venue may share one network
address: ``REGISTRATION_LIMIT_PER_ADDRESS`` and ``REGISTRATION_LIMIT_PER_CONTACT``, each
``(count, seconds)``. Where the counts are kept is ``RATELIMIT_STORAGE_URL``; by default
Redis at ``REDIS_URL`` when it is set, so every worker and every server behind a load
balancer shares one count, else this process's memory (each worker counts on its own, which
only makes the limit looser). If the store cannot be reached, residents are let through and
the error is logged: a rate limit never stops a registration.
"""
import logging

from flask import current_app
from limits import RateLimitItemPerSecond
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

log = logging.getLogger(__name__)


def storage_url(config):
    return config.get("RATELIMIT_STORAGE_URL") or config.get("REDIS_URL") or "memory://"


def limiter():
    limiter = current_app.extensions.get("heard_registration_limiter")
    if limiter is None:
        # A store that does not answer within a second counts as down (see allow).
        store = storage_from_string(storage_url(current_app.config), key_prefix="heard",
                                    socket_timeout=1, socket_connect_timeout=1)
        limiter = FixedWindowRateLimiter(store)
        current_app.extensions["heard_registration_limiter"] = limiter
    return limiter


def allow(kind, value):
    """Count one attempt of ``kind`` ("address", "contact") by ``value``; False when over."""
    count, seconds = current_app.config[f"REGISTRATION_LIMIT_PER_{kind.upper()}"]
    if not value:
        return True
    try:
        return limiter().hit(RateLimitItemPerSecond(count, seconds), "heard-registration", kind, value)
    except Exception:  # the store is down: let the resident through
        log.warning("rate limit store unreachable; %s not counted", kind, exc_info=True)
        return True
