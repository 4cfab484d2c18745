"""Helpers shared by the tests (fixtures live in conftest.py)."""
import re

from app.extensions import db

PASSWORDS = {"admin": "admin-password-1", "organizer": "organizer-pass-1",
             "notetaker": "notetaker-pass-1", "analyst": "analyst-password-1"}



def empty_tables():
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())



def csrf_token(html):
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)
