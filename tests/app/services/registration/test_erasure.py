"""Erasure that holds: every personal field goes, by request, by the resident and by the
retention purge; copies of messages go too; a restored backup does not bring anyone back."""
import json
import os
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.extensions import db
from app.models import (
    AuditEntry,
    EquityAnswer,
    ErasureTombstone,
    ListeningSession,
    OutboxMessage,
    Registration,
    SessionTable,
)
from app.models.types import erased_values, utcnow
from app.platform import outbox
from app.services.equity import setup
from app.services.registration import erasure, roster
from app.services.sessions import organize

# --- the declaration ---------------------------------------------------------------------

# Columns of the residents' tables that are not personal, each for a reason. A new column on
# these tables fails test_every_column_of_residents_tables_is_classified until it is declared
# personal (info=PERSONAL) or added here.
KEPT = {
    "registrations": {
        "id", "session_id", "status", "walk_in", "created_at", "updated_at", "cancelled_at", "attended_at",
        "reminded_at", "personal_data_erased_at",
        # SHA-256 of a random secret: after erasure the private link still says "erased".
        "manage_token_hash",
    },
    "outbox_messages": {
        "id", "channel", "kind", "dedupe_key", "registration_id", "status", "attempts", "created_at",
        "next_attempt_at", "sent_at",
        # The session's .ics: the event, nobody in it.
        "attachment_name", "attachment",
    },
}

# Words in a column's name that suggest a person's data, anywhere in the schema.
LOOKS_PERSONAL = {
    "name", "email", "phone", "recipient", "address", "contact", "birth", "birthday", "age", "ages", "child",
    "children", "childcare", "access", "dietary", "food", "interpreter", "interpretation", "language",
    "languages", "consent", "body", "subject", "comment", "error", "heard", "seed", "gender", "ethnicity",
}
# Columns elsewhere whose name looks personal and that hold no resident's personal data.
NOT_A_RESIDENT = {
    # Staff accounts: people with a login, managed on the users page, not residents.
    "users.email", "users.name", "users.language",
    # Sessions, engagements, tables, prompts, codebooks, themes, reports: published content.
    "engagement_translations.name", "engagement_translations.language", "listening_sessions.venue_name",
    "listening_sessions.venue_address", "listening_sessions.interpretation_languages",
    "listening_sessions.childcare_offered", "session_translations.language", "session_translations.access_info",
    "session_tables.name", "session_tables.language", "prompt_translations.language",
    "engagements.default_language", "codebooks.name",
    # Translations of what staff write for the public, into a language.
    "content_translations.language",
    # Notes are what was said at a table, written down without names (capture's rule); never
    # linked to a registration.
    "notes.language", "notes.language_detected",
    # Jobs and analysis runs: what failed in the software (payloads hold ids only).
    "jobs.name", "jobs.last_error", "analysis_runs.error",
    # A plan's measure of success: published plan content, named by staff.
    "plan_measures.name",
}


def _personal(table):
    return {c.name for c in table.columns if c.info.get("personal")}


def test_every_column_of_residents_tables_is_classified():
    for model in (Registration, OutboxMessage):
        table = model.__table__
        unclassified = {c.name for c in table.columns} - _personal(table) - KEPT[table.name]
        assert not unclassified, f"{table.name}: declare these personal or say why they are kept: {unclassified}"
        assert not _personal(table) & KEPT[table.name]
    assert {"name", "email", "phone", "email_key", "phone_key", "preferred_language", "interpretation_language",
            "childcare_needed", "children_count", "children_ages", "access_needs", "access_other", "dietary",
            "heard_from", "consent_followup", "manage_link_seed"} <= _personal(Registration.__table__)
    assert {"recipient", "subject", "body", "last_error"} <= _personal(OutboxMessage.__table__)


def test_no_column_that_looks_personal_is_left_undeclared():
    undeclared = []
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            qualified = f"{table.name}.{column.name}"
            if (LOOKS_PERSONAL & set(column.name.lower().split("_")) and not column.info.get("personal")
                    and qualified not in NOT_A_RESIDENT and column.name not in KEPT.get(table.name, ())):
                undeclared.append(qualified)
    assert not undeclared, f"looks personal, not declared (info=PERSONAL) nor explained: {undeclared}"
    columns = {f"{t.name}.{c.name}" for t in db.metadata.sorted_tables for c in t.columns}
    assert NOT_A_RESIDENT <= columns, NOT_A_RESIDENT - columns  # the list follows the schema


def test_erased_values_are_empty():
    for model in (Registration, OutboxMessage):
        values = erased_values(model)
        assert set(values) == _personal(model.__table__)
        assert all(value in (None, "", [], 0, False) for value in values.values())


def test_every_model_with_personal_data_is_one_the_erasure_clears():
    holding = {mapper.class_ for mapper in db.Model.registry.mappers
               if any(column.info.get("personal") for column in mapper.class_.__table__.columns)}
    assert {Registration, OutboxMessage, EquityAnswer} <= holding
    assert set(erasure.personal_models()) == holding  # each belongs to a registration (or is one)


# --- helpers -----------------------------------------------------------------------------

def _session(app, capacity=5, starts_in=timedelta(days=5), slug="north-hall"):
    with app.app_context():
        engagement = organize.create_engagement(None, f"e-{slug}", "en", {"en": "North"})
        starts = utcnow() + starts_in
        session = organize.create_session(None, engagement.id, dict(
            slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="UTC",
            venue_name="North Hall", venue_address="1 Elm St", capacity=capacity,
            interpretation_languages=["es", "so"], childcare_offered=True,
        ), {"en": {"title": "North Hall session"}})
        organize.publish(None, session.id)
        return session.id


# Every personal field filled in, so that "empty afterwards" means something.
FULL = dict(name="Ana Full", email="ana.full@example.org", phone="+1 612 555 0199", preferred_language="es",
            interpretation_language="es", childcare_needed="y", children_count="2", children_ages="3, 7",
            access_needs=["asl", "wheelchair"], access_other="a quiet corner", dietary="halal",
            heard_from="friend", consent_followup="y")


def _register(client, slug="north-hall", **data):
    response = client.post(f"/sessions/{slug}/register", data={"preferred_language": "en", **data})
    response.close()  # messages go out now (inline queue)
    assert response.status_code == 303, response.text[:1000]
    return re.search(r"/r/([^?]+)", response.headers["Location"]).group(1)


def _id(app, name):
    with app.app_context():
        return db.session.scalar(select(Registration.id).where(Registration.name == name))


def _copies(app):
    """Every outbox file and its text."""
    found = {}
    for folder, _dirs, files in os.walk(app.config["OUTBOX_DIR"]):
        for name in files:
            with open(os.path.join(folder, name), "rb") as handle:
                found[name] = handle.read().decode("utf-8", "replace")
    return found


def _assert_erased(app, registration_id):
    with app.app_context():
        row = db.session.get(Registration, registration_id)
        assert row.personal_data_erased_at is not None
        for column, empty in erased_values(Registration).items():
            assert getattr(row, column) == empty, column
        messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.registration_id == registration_id))
        for message in messages:
            for column, empty in erased_values(OutboxMessage).items():
                assert getattr(message, column) == empty, (message.kind, column)


def _fill_last_error(app, registration_id):
    """A mail server's refusal quotes the address: set it on the person's messages. And seat
    the person at a table, as check-in may."""
    with app.app_context():
        db.session.execute(update(OutboxMessage).where(OutboxMessage.registration_id == registration_id)
                           .values(last_error="550 ana.full@example.org: mailbox unavailable"))
        registration = db.session.get(Registration, registration_id)
        table = SessionTable(session_id=registration.session_id, name="Table 1", position=1)
        db.session.add(table)
        db.session.flush()
        registration.table_id = table.id
        db.session.commit()


def _filled(app, registration_id):
    with app.app_context():
        row = db.session.get(Registration, registration_id)
        empty = erased_values(Registration)
        assert all(getattr(row, column) != value for column, value in empty.items()), \
            [c for c, v in empty.items() if getattr(row, c) == v]
        [message] = db.session.scalars(select(OutboxMessage).where(OutboxMessage.registration_id == registration_id))
        assert all(getattr(message, column) != value for column, value in erased_values(OutboxMessage).items())


# --- every personal field, three ways ----------------------------------------------------

@pytest.mark.parametrize("way", ["staff", "resident", "retention"])
def test_every_declared_personal_field_is_emptied(app, client, runner, signed_in, way):
    app.config["RETENTION_KEEP_CONSENTED"] = False  # FULL consents to follow-up; purge it anyway
    _session(app)
    token = _register(client, **FULL)
    other = _register(client, name="Bea Kept", email="bea@example.org")
    ana = _id(app, "Ana Full")
    _fill_last_error(app, ana)
    _filled(app, ana)
    assert any("ana.full@example.org" in text for text in _copies(app).values())
    if way == "staff":
        signed_in("organizer")
        assert client.post(f"/admin/registrations/{ana}/erase", data={"confirm": "y"}).status_code == 303
    elif way == "resident":
        assert client.post(f"/r/{token}/erase", data={"confirm": "y"}).status_code == 303
    else:
        with app.app_context():
            session = db.session.scalar(select(ListeningSession))
            session.starts_at, session.ends_at = utcnow() - timedelta(days=100), utcnow() - timedelta(days=99)
            db.session.commit()
        result = runner.invoke(args=["retention", "purge"])
        assert "cleared of personal data: 2" in result.output, result.output
    _assert_erased(app, ana)
    copies = _copies(app)
    assert not any("ana.full" in text or "555 0199" in text or "Ana Full" in text for text in copies.values())
    if way != "retention":
        assert any("bea@example.org" in text for text in copies.values())  # someone else's copy stays
        with app.app_context():
            assert db.session.get(Registration, _id(app, "Bea Kept")).email == "bea@example.org"
    with app.app_context():
        details = repr(db.session.scalars(select(AuditEntry.details)).all())
    assert "Ana" not in details and "ana.full" not in details and "0199" not in details
    assert client.get(f"/r/{other}").status_code == 200


def test_every_personal_column_of_every_model_is_erased(app, client, signed_in):
    """Walks the models: whatever holds a column marked personal and belongs to the person is
    empty (or gone) after an erasure; someone else's stays."""
    _session(app)
    with app.app_context():
        engagement_id = db.session.scalar(select(ListeningSession.engagement_id))
        setup.set_questions(None, engagement_id, ("ethnicity",), ())
    _register(client, **FULL, eq_ethnicity=["described"], eq_described="Hmong American")
    _register(client, name="Bea Kept", email="bea@example.org", eq_ethnicity=["described"], eq_described="Bea's")
    ana, bea = _id(app, "Ana Full"), _id(app, "Bea Kept")
    _fill_last_error(app, ana)

    def rows(model, person):
        key = model.id if model is Registration else model.registration_id
        return db.session.scalars(select(model).where(key == person)).all()

    with app.app_context():
        models = erasure.personal_models()
        assert all(rows(model, ana) for model in models)  # something to erase in every one
        roster.erase(None, ana)
        for model in models:
            empty = erased_values(model)
            for row in rows(model, ana):
                assert {c: getattr(row, c) for c in empty} == empty, model.__name__
        assert db.session.get(Registration, bea).email == "bea@example.org"
        assert [answer.described for answer in rows(EquityAnswer, bea)] == ["Bea's"]
        assert all(message.recipient == "bea@example.org" for message in rows(OutboxMessage, bea))


# --- copies of messages in the outbox folder ---------------------------------------------

def test_copies_are_named_by_registration_and_removed_on_erasure(app, client, signed_in):
    _session(app)
    _register(client, name="Sam Sms", phone="+1 206 555 0142")
    _register(client, name="Eve Mail", email="eve@example.org")
    _register(client, name="Kim Kept", email="kim@example.org", phone="+1 206 555 0177")
    sam, eve, kim = _id(app, "Sam Sms"), _id(app, "Eve Mail"), _id(app, "Kim Kept")
    names = set(_copies(app))
    assert any(n.endswith(".txt") and f"-r{sam}-" in n for n in names)
    assert any(n.endswith(".eml") and f"-r{eve}-" in n for n in names)
    # Copies written before the registration was part of the name: found by message and address.
    folder = app.config["OUTBOX_DIR"]
    with app.app_context():
        eve_message = db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.registration_id == eve))
        kim_message = db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.registration_id == kim))
    old_eve = os.path.join(folder, f"20261101-120000-{eve_message:06d}-reminder.eml")
    with open(old_eve, "w", encoding="utf-8") as handle:
        handle.write("To: eve@example.org\nSubject: Reminder\n\nHello Eve\n")
    # Same message number, another address (ids used again after a restore): not Eve's.
    not_eve = os.path.join(folder, f"20261001-120000-{eve_message:06d}-reminder.eml")
    with open(not_eve, "w", encoding="utf-8") as handle:
        handle.write("To: someone.else@example.org\nSubject: Reminder\n\nHello\n")
    os.makedirs(os.path.join(folder, "sms"), exist_ok=True)
    old_sam = os.path.join(folder, "sms", f"20261101-120000-{kim_message + 1000:06d}-reminder.txt")
    with open(old_sam, "w", encoding="utf-8") as handle:
        handle.write("To: +1 206 555 0142\n\nunrelated message number\n")
    signed_in("organizer")
    for person in (sam, eve):
        client.post(f"/admin/registrations/{person}/erase", data={"confirm": "y"})
    left = _copies(app)
    assert not any(f"-r{sam}-" in n or f"-r{eve}-" in n for n in left)
    assert not os.path.exists(old_eve)
    assert os.path.exists(not_eve) and os.path.exists(old_sam)  # nothing ties them to Sam or Eve
    assert any(f"-r{kim}-" in n and "kim@example.org" in text for n, text in left.items())
    assert not any("555 0142" in text and "unrelated" not in text for text in left.values())


def test_a_message_sent_while_its_registration_is_erased_keeps_nothing(app, client):
    """The send job renders and writes a copy while a staff member erases the person: the
    sent text is not written back to the row, and the copy just written is deleted."""
    _session(app)

    class ErasedWhileSending(outbox.FileMailSender):
        def send(self, message, config):
            path = super().send(message, config)
            roster.erase(None, message.registration_id)
            return path

    app.config["MAIL_SENDER"] = ErasedWhileSending(app.config["OUTBOX_DIR"])
    _register(client, name="Rae Race", email="rae@example.org")
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == "failed" and message.recipient is None and message.body == ""
        assert db.session.get(Registration, message.registration_id).personal_data_erased_at is not None
    assert not any("rae@example.org" in text for text in _copies(app).values())


# --- a restored backup does not bring anyone back ----------------------------------------

def _backup(runner, path):
    result = runner.invoke(args=["backup", "--output", str(path)])
    assert result.exit_code == 0, result.output


def _restore(runner, path):
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    return result.output


def test_restoring_an_older_backup_erases_the_erased_again(app, client, runner, signed_in, tmp_path):
    app.config["RETENTION_KEEP_CONSENTED"] = False
    _session(app)
    _session(app, slug="old-hall", starts_in=timedelta(days=3))
    ana_token = _register(client, **FULL)
    bo_token = _register(client, name="Bo Self", email="bo@example.org", phone="+1 612 555 0123")
    _register(client, slug="old-hall", name="Cy Purged", email="cy@example.org")
    _register(client, name="Di Stays", email="di@example.org")
    ana, bo, cy = _id(app, "Ana Full"), _id(app, "Bo Self"), _id(app, "Cy Purged")
    _backup(runner, tmp_path / "before.backup")

    signed_in("organizer")
    client.post(f"/admin/registrations/{ana}/erase", data={"confirm": "y"})
    assert client.post(f"/r/{bo_token}/erase", data={"confirm": "y"}).status_code == 303
    with app.app_context():
        old = db.session.scalar(select(ListeningSession).where(ListeningSession.slug == "old-hall"))
        old.starts_at, old.ends_at = utcnow() - timedelta(days=100), utcnow() - timedelta(days=99)
        db.session.commit()
    assert "cleared of personal data: 1" in runner.invoke(args=["retention", "purge"]).output

    # The tombstones name rows, never people.
    with open(app.config["ERASURE_TOMBSTONES"], encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    assert sorted(line["registration"] for line in lines) == sorted([ana, bo, cy])
    assert {line["reason"] for line in lines} == {"request", "self", "retention"}
    assert all(set(line) == {"registration", "registered_at", "fingerprint", "reason", "erased_at"}
               for line in lines)
    text = json.dumps(lines)
    for secret in ("Ana", "ana.full", "555 0199", "6125550199", "bo@", "Bo Self", "6125550123", "cy@",
                   ana_token, bo_token):
        assert secret not in text, secret

    output = _restore(runner, tmp_path / "before.backup")
    assert "Erased again: 3" in output, output
    for person in (ana, bo, cy):
        _assert_erased(app, person)
    with app.app_context():
        assert db.session.get(Registration, bo).status == "cancelled"
        for session in db.session.scalars(select(ListeningSession)):
            seated = db.session.scalars(select(Registration.status).where(
                Registration.session_id == session.id, Registration.status.in_(("confirmed", "attended")))).all()
            assert session.seats_taken == len(seated)
        assert db.session.scalar(select(Registration.email).where(Registration.name == "Di Stays")) == "di@example.org"
        tombstones = db.session.scalars(select(ErasureTombstone.registration_id)).all()
        assert sorted(tombstones) == sorted([ana, bo, cy])  # the restored table holds them again
    assert "Your registration is deleted" in client.get(f"/r/{ana_token}").text
    # Restoring the same backup again: the same people are erased again, nothing else.
    assert "Erased again: 3" in _restore(runner, tmp_path / "before.backup")


def test_a_tombstone_never_erases_someone_else_with_the_same_id(app, client, runner, signed_in, tmp_path):
    _session(app)
    _register(client, name="Keep Me", email="keep@example.org")
    _backup(runner, tmp_path / "one.backup")
    _register(client, name="Erase Me", email="erase@example.org")
    gone = _id(app, "Erase Me")
    signed_in("organizer")
    client.post(f"/admin/registrations/{gone}/erase", data={"confirm": "y"})
    assert "Erased again: 0" in _restore(runner, tmp_path / "one.backup")
    # After the restore the id is free again, and the next person gets it.
    _register(client, name="New Person", email="new@example.org")
    assert _id(app, "New Person") == gone
    _backup(runner, tmp_path / "two.backup")
    assert "Erased again: 0" in _restore(runner, tmp_path / "two.backup")
    with app.app_context():
        assert db.session.get(Registration, gone).email == "new@example.org"


def test_file_and_table_fill_each_other_in(app, client, runner, signed_in, tmp_path):
    _session(app)
    _register(client, name="Fay File", email="fay@example.org")
    fay = _id(app, "Fay File")
    signed_in("organizer")
    client.post(f"/admin/registrations/{fay}/erase", data={"confirm": "y"})
    _backup(runner, tmp_path / "after.backup")
    tombstones = app.config["ERASURE_TOMBSTONES"]
    os.remove(tombstones)  # a new server, or a lost file: the database's copy writes it again
    _restore(runner, tmp_path / "after.backup")
    with open(tombstones, encoding="utf-8") as handle:
        assert [json.loads(line)["registration"] for line in handle] == [fay]
    with open(tombstones, "a", encoding="utf-8") as handle:
        handle.write("not json\n{\"registration\": \"x\"}\n")  # damaged lines are skipped
    with app.app_context():
        db.session.execute(ErasureTombstone.__table__.delete())
        db.session.commit()
        assert erasure.reapply() == ({}, 1)
        assert db.session.scalar(select(ErasureTombstone.registration_id)) == fay


# --- residents erase their own registration ----------------------------------------------

def test_a_resident_erases_their_registration_from_the_private_link(app, client):
    session_id = _session(app, capacity=1)
    token = _register(client, **FULL)
    _register(client, name="Wen Waiting", email="wen@example.org")
    ana, wen = _id(app, "Ana Full"), _id(app, "Wen Waiting")

    manage = client.get(f"/r/{token}").text
    assert f'href="/r/{token}/erase"' in manage
    page = client.get(f"/r/{token}/erase")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "Delete my registration" in page.text and "phone number" in page.text
    assert "Your seat goes to the next person on the waitlist." in page.text
    assert 'type="checkbox"' in page.text and "<script" not in page.text

    # Without the box ticked: nothing happens, the page says why.
    refused = client.post(f"/r/{token}/erase", data={})
    assert refused.status_code == 400 and "Tick the box to confirm." in refused.text
    with app.app_context():
        assert db.session.get(Registration, ana).name == "Ana Full"

    done = client.post(f"/r/{token}/erase", data={"confirm": "y"})
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/r/{token}")
    erased = client.get(f"/r/{token}")
    assert erased.status_code == 200 and erased.headers["Cache-Control"] == "no-store"
    assert "Your registration is deleted" in erased.text and "Ana" not in erased.text
    _assert_erased(app, ana)
    with app.app_context():
        assert db.session.get(Registration, ana).status == "cancelled"
        assert db.session.get(Registration, wen).status == "confirmed"  # the seat went on
        assert db.session.get(ListeningSession, session_id).seats_taken == 1
        kinds = db.session.scalars(select(OutboxMessage.kind).where(OutboxMessage.registration_id == wen)).all()
        assert "promoted" in kinds
        assert not db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.registration_id == ana, OutboxMessage.kind == "cancelled")).all()  # nobody to tell
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "registration.erase"))
        assert entry.object_id == ana and entry.user_id is None and entry.details["by"] == "resident"
        assert "Ana" not in repr(entry.details) and "example.org" not in repr(entry.details)

    # Afterwards the link only says so: no change, no cancel, no second erasure.
    for path in (f"/r/{token}/erase", f"/r/{token}/change", f"/r/{token}/cancel"):
        assert client.get(path).status_code == 303
    again = client.post(f"/r/{token}/erase", data={"confirm": "y"})
    assert again.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "registration.erase")
                                 .order_by(AuditEntry.id.desc())) == entry.id


def test_waitlisted_and_past_registrations_erase_too(app, client):
    _session(app, capacity=1)
    _register(client, name="Sat Seated", email="sat@example.org")
    waiting = _register(client, name="Wyn Waiting", email="wyn@example.org")
    assert "You leave the waitlist." in client.get(f"/r/{waiting}/erase").text
    client.post(f"/r/{waiting}/erase", data={"confirm": "y"})
    with app.app_context():
        assert db.session.get(Registration, _id(app, "Sat Seated")).status == "confirmed"
        assert db.session.scalar(select(ListeningSession.seats_taken)) == 1
    # After the session: who came stays a count; the person goes.
    past = _register(client, name="Pat Past", email="pat@example.org")
    with app.app_context():
        pat = _id(app, "Pat Past")
        db.session.get(Registration, pat).status = "attended"
        session = db.session.scalar(select(ListeningSession))
        session.starts_at, session.ends_at = utcnow() - timedelta(days=2), utcnow() - timedelta(days=2, hours=-2)
        db.session.commit()
    page = client.get(f"/r/{past}/erase").text
    assert "waitlist" not in page
    client.post(f"/r/{past}/erase", data={"confirm": "y"})
    _assert_erased(app, pat)
    with app.app_context():
        assert db.session.get(Registration, pat).status == "attended"


@pytest.mark.parametrize("code,direction", [("ar", "rtl"), ("es", "ltr"), ("hmn", "ltr")])
def test_erasure_pages_follow_the_visitors_language(app, client, code, direction):
    _session(app)
    token = _register(client, name="Lan Lang", email="lan@example.org")
    client.set_cookie("heard_lang", code)
    for path in (f"/r/{token}/erase",):
        page = client.get(path).text
        assert f'<html lang="{code}" dir="{direction}"' in page
    refused = client.post(f"/r/{token}/erase", data={}).text
    assert f'<html lang="{code}"' in refused
    client.post(f"/r/{token}/erase", data={"confirm": "y"})
    assert f'<html lang="{code}" dir="{direction}"' in client.get(f"/r/{token}").text


def test_staff_erasure_keeps_the_seat_and_the_link_says_so(app, client, signed_in):
    session_id = _session(app)
    token = _register(client, **{**FULL, "name": "Ola Onsite"})
    ola = _id(app, "Ola Onsite")
    signed_in("organizer")
    client.post(f"/admin/registrations/{ola}/erase", data={"confirm": "y"})
    # Staff pages and exports still work with a row whose every personal field is empty.
    for path in (f"/admin/sessions/{session_id}/roster", f"/admin/sessions/{session_id}/checkin",
                 f"/admin/sessions/{session_id}/roster.csv", f"/admin/sessions/{session_id}/roster.xlsx",
                 f"/admin/sessions/{session_id}/needs.csv", f"/admin/registrations/{ola}"):
        assert client.get(path).status_code == 200, path
    page = client.get(f"/r/{token}").text
    assert "Your registration is deleted" in page and f'href="/r/{token}/cancel"' in page
    with app.app_context():
        assert db.session.get(Registration, ola).status == "confirmed"


def test_an_erasure_that_cannot_leave_its_tombstone_is_refused_clearly(app, client, runner, signed_in, tmp_path):
    _session(app)
    token = _register(client, name="Tia Tomb", email="tia@example.org")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    app.config["ERASURE_TOMBSTONES"] = str(blocker / "tombstones.jsonl")
    response = client.post(f"/r/{token}/erase", data={"confirm": "y"})
    assert response.status_code == 503 and "Deleting is not possible right now" in response.text
    assert 'type="checkbox"' in response.text  # the form is still there to try again
    tia = _id(app, "Tia Tomb")
    assert tia is not None  # nothing half-done
    signed_in("organizer")
    page = client.post(f"/admin/registrations/{tia}/erase", data={"confirm": "y"}, follow_redirects=True)
    assert page.status_code == 200 and "Deleting is not possible right now" in page.text
    with app.app_context():
        session = db.session.scalar(select(ListeningSession))
        session.starts_at, session.ends_at = utcnow() - timedelta(days=100), utcnow() - timedelta(days=99)
        db.session.commit()
    result = runner.invoke(args=["retention", "purge"])
    assert result.exit_code != 0 and "Deleting is not possible right now" in result.output
    assert _id(app, "Tia Tomb") == tia
