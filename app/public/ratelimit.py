"""A small in-memory rate limiter for residents' forms (per address, per contact).

Limits are config keys, generous by default because a whole venue may share one network
address: ``REGISTRATION_LIMIT_PER_ADDRESS`` and ``REGISTRATION_LIMIT_PER_CONTACT``, each
``(count, seconds)``. The counters live in this process; behind several workers each
worker counts on its own, which only makes the limit looser.
"""
import threading
import time

from flask import current_app

class Limiter:
    def __init__(self):
        self.lock = threading.Lock()
        self.hits = {}

    def hit(self, key, count, seconds, now=None):
        """Record one attempt; False when ``key`` already made ``count`` in the window."""
        now = now if now is not None else time.monotonic()
        with self.lock:
            started, used = self.hits.get(key, (now, 0))
            if now - started >= seconds:
                started, used = now, 0
            if used >= count:
                return False
            self.hits[key] = (started, used + 1)
            if len(self.hits) > 50_000:  # forget old windows rather than grow for ever
                self.hits = {k: v for k, v in self.hits.items() if now - v[0] < seconds}
            return True


def limiter():
    return current_app.extensions.setdefault("heard_registration_limiter", Limiter())


def allow(kind, value):
    name = f"REGISTRATION_LIMIT_PER_{kind.upper()}"
    count, seconds = current_app.config[name]
    if not value:
        return True
    return limiter().hit(f"{kind}:{value}", count, seconds)
