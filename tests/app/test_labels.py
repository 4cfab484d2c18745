"""One source for each list of stored values: the model module's tuple. The database's check
constraints and the labels are built from it, every value has a label, and every label is
translated in every catalogue."""
import os

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import CheckConstraint

from app import labels, models
from app.config import ALL_LANGUAGES
from app.extensions import db
from app.i18n import CATALOGUES
from app.labels import LABELS
from app.models.types import one_of
from app.public import forms as public_forms
from app.services.insights import theme_finding
from app.services.plans import importer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRANSLATIONS = os.path.join(ROOT, "translations")

# The stored list each kind of label names.
LISTS = {
    "session_status": models.SESSION_STATUSES, "registration_status": models.REGISTRATION_STATUSES,
    "role": models.ROLES, "run_status": models.RUN_STATUSES, "run_stage": models.RUN_STAGES,
    "theme_status": models.THEME_STATUSES, "link_status": models.LINK_STATUSES,
    "access_need": models.ACCESS_NEEDS, "heard_from": models.HEARD_FROM, "action_status": models.ACTION_STATUSES,
    "measure_direction": models.MEASURE_DIRECTIONS, "measure_progress": labels.MEASURE_PROGRESS,
    "review_adjustment": models.REVIEW_ADJUSTMENTS, "response_state": models.RESPONSE_STATES,
    "link_stance": models.LINK_STANCES,
}

# Every column whose values a check constraint keeps to a list, and the list.
CONSTRAINED = {
    ("listening_sessions", "status"): models.SESSION_STATUSES,
    ("registrations", "status"): models.REGISTRATION_STATUSES,
    ("outbox_messages", "channel"): models.OUTBOX_CHANNELS,
    ("outbox_messages", "status"): models.OUTBOX_STATUSES,
    ("users", "role"): models.ROLES,
    ("jobs", "status"): models.JOB_STATUSES,
    ("analysis_runs", "status"): models.RUN_STATUSES,
    ("themes", "status"): models.THEME_STATUSES,
    ("note_themes", "assigned_by"): models.ASSIGNERS,
    ("note_tags", "assigned_by"): models.ASSIGNERS,
    ("action_items", "status"): models.ACTION_STATUSES,
    ("theme_links", "status"): models.LINK_STATUSES,
    ("theme_links", "stance"): models.LINK_STANCES,
    ("reports", "status"): models.REPORT_STATUSES,
    ("plan_measures", "direction"): models.MEASURE_DIRECTIONS,
    ("plan_review_items", "adjustment"): models.REVIEW_ADJUSTMENTS,
    ("theme_responses", "state"): models.RESPONSE_STATES,
    ("equity_questions", "kind"): models.QUESTION_KINDS,
}


def _catalogue(folder):
    with open(os.path.join(TRANSLATIONS, folder, "LC_MESSAGES", "messages.po"), "rb") as handle:
        return read_po(handle)


def test_every_stored_value_has_a_label_and_nothing_else_does():
    assert set(LABELS) == set(LISTS)
    for kind, values in LISTS.items():
        assert tuple(LABELS[kind]) == tuple(values), kind  # every value, in the list's order


def test_a_label_list_that_differs_from_its_values_is_refused():
    with pytest.raises(RuntimeError, match="new_status"):
        labels._each(("draft", "new_status"), {"draft": "Draft"})
    with pytest.raises(RuntimeError, match="gone"):
        labels._each(("draft",), {"draft": "Draft", "gone": "Gone"})


def _labels():
    for kind, named in LABELS.items():
        for value, text in named.items():
            yield kind, value, text._args[0]
    for value, text in public_forms.ACCESS_CHOICES + public_forms.HEARD_FROM_CHOICES:
        yield "public form", value, text._args[0]


@pytest.mark.parametrize("code", [code for code in ALL_LANGUAGES if code != "en"])
def test_every_label_is_translated(code):
    """A label missing from messages.pot is new (translated centrally after the next
    extraction); every other label has a translation in every catalogue."""
    with open(os.path.join(TRANSLATIONS, "messages.pot"), "rb") as handle:
        extracted = {message.id for message in read_po(handle) if message.id}
    catalogue = _catalogue(CATALOGUES[code])
    missing = []
    for kind, value, msgid in _labels():
        if msgid not in extracted:
            continue
        message = catalogue.get(msgid)
        if message is None or not message.string or message.fuzzy:
            missing.append(f"{kind}.{value}: {msgid!r}")
    assert not missing, f"{code}: untranslated labels {missing}"


def test_the_public_form_offers_every_stored_value():
    assert [value for value, _text in public_forms.ACCESS_CHOICES] == list(models.ACCESS_NEEDS)
    assert [value for value, _text in public_forms.HEARD_FROM_CHOICES] == ["", *models.HEARD_FROM]


def test_check_constraints_are_built_from_the_lists():
    found = {}
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint) and " IN (" in str(constraint.sqltext):
                found[table.name, str(constraint.sqltext).split(" ")[0]] = str(constraint.sqltext)
    assert set(found) == set(CONSTRAINED)
    for (table, column), values in CONSTRAINED.items():
        assert found[table, column].endswith(f"{column} IN ({','.join(repr(v) for v in values)})"), (table, column)
    # The text and the name the migrations created: no migration for this refactor.
    assert str(one_of("status", ("draft", "published")).sqltext) == "status IN ('draft','published')"
    assert str(one_of("stance", ("a", "b"), nullable=True).sqltext) == "stance IS NULL OR stance IN ('a','b')"
    assert one_of("status", ("a",)).name == "status" and one_of("x", ("a",), name="y").name == "y"
    with pytest.raises(ValueError):
        one_of("status", ("it's",))


def test_derived_lists_follow_the_stored_ones():
    assert set(models.ACTION_CLOSED) < set(models.ACTION_STATUSES)
    assert set(theme_finding.STAGES) <= set(models.RUN_STAGES)
    for status in models.ACTION_STATUSES:
        assert importer.parse_status(status.replace("_", " ")) == status
    assert set(importer.STATUS_WORDS.values()) <= set(models.ACTION_STATUSES)


def test_a_value_outside_the_list_is_refused_by_the_database(app):
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with app.app_context():
        db.session.execute(text("INSERT INTO users (email, name, password_hash, role, language, active, "
                                "session_token) VALUES ('a@b.c', 'A', 'x', 'organizer', 'en', true, 't1')"))
        with pytest.raises(IntegrityError):
            db.session.execute(text("INSERT INTO users (email, name, password_hash, role, language, active, "
                                    "session_token) VALUES ('d@b.c', 'D', 'x', 'owner', 'en', true, 't2')"))
        db.session.rollback()
