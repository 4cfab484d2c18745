"""SQLite transactions: writers take the lock up front; only views marked reads_only
read without it, and only for GET."""
from flask import g

from app.database import _reading_request, reads_only


@reads_only
def page():
    return _reading_request()


def test_marked_view_reads_without_the_write_lock_on_get(app):
    with app.test_request_context("/", method="GET"):
        assert page() is True


def test_marked_view_takes_the_write_lock_on_post(app):
    with app.test_request_context("/", method="POST"):
        assert page() is False


def test_unmarked_requests_and_commands_take_the_write_lock(app):
    with app.test_request_context("/", method="GET"):
        assert _reading_request() is False
        assert "heard_reads_only" not in g
    with app.app_context():
        assert _reading_request() is False
