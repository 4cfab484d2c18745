"""Waiting for a condition without evaluating a string inside the page.

``page.wait_for_function("...")`` compiles its predicate in the page, which Heard's Content
Security Policy (``script-src 'self'``, no ``unsafe-eval``) refuses on some Chromium versions.
These helpers poll from Python instead: ``page.evaluate`` runs through the DevTools protocol,
which the page's CSP does not govern. The app's CSP stays as strict as it is, and no test
context bypasses it. Deadlines only bound a wait; they never assert how fast something is.
"""
import time

from playwright.sync_api import Error as PlaywrightError

DEADLINE = 15.0  # seconds
INTERVAL = 0.05


def wait_for(condition, *, timeout=DEADLINE, interval=INTERVAL, page=None, what=None):
    """Call ``condition()`` until it returns something truthy, and return that; fail the test
    with ``what`` after ``timeout`` seconds. With ``page``, pause through Playwright so the
    page's events keep flowing while we wait."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or condition}")
        if page is not None:
            page.wait_for_timeout(interval * 1000)
        else:
            time.sleep(interval)


def wait_until(page, expression, arg=None, *, timeout=DEADLINE, interval=INTERVAL):
    """Poll ``page.evaluate(expression[, arg])`` until it is truthy; return its value.

    ``expression`` is a JavaScript expression or function, as for ``page.evaluate``. A poll
    that meets a navigation (the old document gone, the new one not ready) tries again."""

    def evaluate():
        try:
            return page.evaluate(expression) if arg is None else page.evaluate(expression, arg)
        except PlaywrightError as error:
            if "context was destroyed" in str(error) or "navigat" in str(error):
                return None
            raise

    return wait_for(evaluate, timeout=timeout, interval=interval, page=page, what=expression)
