"""The codebook: analysts build codes, review the tagger's suggestions, and their decisions
teach the next tagging run."""
import re

import pytest
from factories import make_session
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Code, Codebook, Engagement, EngagementTranslation, Note, NoteTag

CROSSING = [
    "We need a crossing guard at the school corner",
    "Kids cross the road by the school with no crossing guard",
    "A crossing guard at the school would help kids cross",
]
OTHERS = [
    "The street lamps on Oak Street are out",
    "The playground needs new swings",
    "The bus is always late in the morning",
]
UNSEEN = "No crossing guard at the school corner, kids cross alone"

CODES = [
    ("lighting", "Street lighting", "Lights on streets and paths at night", "the street lamps are broken"),
    ("parks", "Parks and play", "Playgrounds, parks, green space", "more swings at the park"),
    ("transit", "Buses and transit", "Bus routes, fares, schedules", "the bus comes too late"),
]


@pytest.fixture
def place(app):
    """An engagement with one session and the notes above; returns ids."""
    ids = make_session(app)
    with app.app_context():
        notes = [Note(session_id=ids["session"], table_id=ids["tables"][0], prompt_id=ids["prompts"][0],
                      text=text, language="en") for text in [*CROSSING, *OTHERS, UNSEEN]]
        db.session.add_all(notes)
        db.session.commit()
        engagement_id = db.session.scalar(select(Engagement.id))
        return {"engagement": engagement_id, "notes": {n.text: n.id for n in notes}}


def _codebook_with_codes(client, app, engagement_id):
    response = client.post(f"/review/codebook/{engagement_id}/create", data={"name": "Neighbourhood"})
    assert response.status_code == 302
    with app.app_context():
        codebook_id = db.session.scalar(select(Codebook.id).where(Codebook.engagement_id == engagement_id))
    for key, name, description, example in CODES:
        response = client.post(f"/review/codebook/{codebook_id}/codes/new",
                               data={"key": key, "name": name, "description": description, "examples": example})
        assert response.status_code == 302, response.get_data(as_text=True)
    return codebook_id


def _tags(app, **where):
    with app.app_context():
        query = select(NoteTag.note_id, Code.key, NoteTag.assigned_by, NoteTag.confirmed, NoteTag.rejected,
                       NoteTag.user_id).join(Code)
        for name, value in where.items():
            query = query.where(getattr(NoteTag, name) == value)
        return db.session.execute(query).all()


def _suggested(app):
    return {(note_id, key) for note_id, key, by, confirmed, rejected, _user in _tags(app)
            if by == "machine" and not confirmed and not rejected}


def _tag_id(app, note_id, key):
    with app.app_context():
        return db.session.scalar(select(NoteTag.id).join(Code).where(NoteTag.note_id == note_id, Code.key == key))


def test_notetaker_may_not_see_or_change_the_codebook(client, place, signed_in):
    signed_in("notetaker")
    assert client.get("/review/codebook").status_code == 403
    assert client.post(f"/review/codebook/{place['engagement']}/import").status_code == 403
    with client.application.app_context():
        assert db.session.scalar(select(Codebook.id)) is None


def test_signed_out_visitor_is_sent_to_sign_in(client, place):
    response = client.get("/review/codebook")
    assert response.status_code == 302 and "/auth/sign-in" in response.headers["Location"]


def test_analyst_starts_from_the_community_action_areas(app, client, place, signed_in):
    user_id = signed_in("analyst")
    page = client.get("/review/codebook").get_data(as_text=True)
    assert "Use the Community Action Areas codebook" in page
    assert "Create an empty codebook" in page

    response = client.post(f"/review/codebook/{place['engagement']}/import")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Promoting healthy childhood development" in page
    assert "6 codes" in page
    assert '<th scope="row">' in page
    with app.app_context():
        codebook = db.session.scalar(select(Codebook))
        assert len(codebook.codes) == 6
        assert "es" in codebook.codes[0].translations and codebook.codes[0].examples
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "codebook.import"))
        assert entry.user_id == user_id

    # A second import is refused: the engagement keeps one codebook.
    client.post(f"/review/codebook/{place['engagement']}/import")
    with app.app_context():
        assert len(db.session.scalars(select(Codebook)).all()) == 1


def test_codes_are_added_edited_and_deleted_with_errors_next_to_fields(app, client, place, signed_in):
    signed_in("analyst")
    response = client.post(f"/review/codebook/{place['engagement']}/create", data={"name": "  "})
    assert response.status_code == 400
    assert 'id="name-error"' in response.get_data(as_text=True)

    codebook_id = _codebook_with_codes(client, app, place["engagement"])
    page = client.get(f"/review/codebook?engagement={place['engagement']}").get_data(as_text=True)
    for _key, name, _description, _example in CODES:
        assert name in page

    # Empty name, duplicate key: each message sits next to its field.
    response = client.post(f"/review/codebook/{codebook_id}/codes/new",
                           data={"key": "lighting", "name": "More lights"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'<p class="error" id="key-error">Another code already has this key.</p>', html)
    assert 'aria-invalid="true"' in html and 'role="alert"' in html
    response = client.post(f"/review/codebook/{codebook_id}/codes/new", data={"key": "safety", "name": ""})
    assert re.search(r'<p class="error" id="name-error">Give the code a name.</p>', response.get_data(as_text=True))
    response = client.post(f"/review/codebook/{codebook_id}/codes/new", data={"key": "Bad Key!", "name": "Safety"})
    assert 'id="key-error"' in response.get_data(as_text=True)

    # An empty key is made from the name; other languages and example phrases are kept.
    response = client.post(f"/review/codebook/{codebook_id}/codes/new", data={
        "key": "", "name": "Safe routes to school", "examples": "crossing guard\n\n  slow the cars  \n",
        "name_es": "Caminos seguros a la escuela", "examples_es": "guardia de cruce",
    })
    assert response.status_code == 302
    with app.app_context():
        code = db.session.scalar(select(Code).where(Code.key == "safe_routes_to_school"))
        assert code.translations["es"]["name"] == "Caminos seguros a la escuela"
        assert code.examples == [{"lang": "en", "text": "crossing guard"}, {"lang": "en", "text": "slow the cars"},
                                 {"lang": "es", "text": "guardia de cruce"}]
        code_id = code.id
        lighting_id = db.session.scalar(select(Code.id).where(Code.key == "lighting"))

    # The edit page shows the stored texts, each in its language.
    html = client.get(f"/review/codes/{code_id}").get_data(as_text=True)
    assert 'value="Caminos seguros a la escuela"' in html and 'lang="es"' in html
    assert "crossing guard\nslow the cars" in html
    # Editing to another code's key is refused; a good edit is saved and audited.
    response = client.post(f"/review/codes/{code_id}", data={"key": "lighting", "name": "Safe routes"})
    assert 'id="key-error"' in response.get_data(as_text=True)
    response = client.post(f"/review/codes/{code_id}", data={"key": "safe_routes", "name": "Safe routes",
                                                            "description": "Getting to school safely"})
    assert response.status_code == 302
    with app.app_context():
        code = db.session.get(Code, code_id)
        assert code.key == "safe_routes" and code.translations == {
            "en": {"name": "Safe routes", "description": "Getting to school safely"}}
        assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "code.update")) is not None

    # Deleting a code takes its tags with it.
    client.post(f"/review/codebook/{codebook_id}/suggest")
    assert any(key == "lighting" for _n, key, *_rest in _tags(app))
    response = client.post(f"/review/codes/{lighting_id}/delete")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Street lighting" not in page and "Code deleted" in page
    with app.app_context():
        assert db.session.get(Code, lighting_id) is None
        assert db.session.scalar(select(NoteTag.id).where(NoteTag.code_id == lighting_id)) is None


def test_suggest_confirm_reject_and_tag_by_hand(app, client, place, signed_in):
    user_id = signed_in("analyst")
    codebook_id = _codebook_with_codes(client, app, place["engagement"])
    page = client.get(f"/review/codebook/{codebook_id}/tags").get_data(as_text=True)
    assert "No note has a tag yet." in page and ">Suggest tags<" in page

    # The job runs at once in tests (HEARD_QUEUE=inline).
    response = client.post(f"/review/codebook/{codebook_id}/suggest")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tag suggestions are ready." in page
    lamps, swings = place["notes"][OTHERS[0]], place["notes"][OTHERS[1]]
    assert {(lamps, "lighting"), (swings, "parks")} <= _suggested(app)
    assert OTHERS[0] in page and "match score" in page

    # Filter by code: only notes suggested for parks.
    with app.app_context():
        parks_id = db.session.scalar(select(Code.id).where(Code.key == "parks"))
    page = client.get(f"/review/codebook/{codebook_id}/tags?show=suggested&code={parks_id}").get_data(as_text=True)
    assert OTHERS[1] in page and OTHERS[0] not in page

    # Counts per code on the codebook page.
    page = client.get(f"/review/codebook?engagement={place['engagement']}").get_data(as_text=True)
    assert re.search(rf"show=suggested&amp;code={parks_id}\">1</a>", page)

    # Confirm and reject with plain POST buttons; both record who and leave an audit entry.
    response = client.post(f"/review/codebook/{codebook_id}/tags/decide",
                           data={"tag_id": _tag_id(app, swings, "parks"), "decision": "confirm", "show": "suggested",
                                 "code": str(parks_id)})
    assert response.status_code == 302
    assert f"code={parks_id}" in response.headers["Location"] and f"#note-{swings}" in response.headers["Location"]
    client.post(f"/review/codebook/{codebook_id}/tags/decide",
                data={"tag_id": _tag_id(app, lamps, "lighting"), "decision": "reject"})
    assert (swings, "parks", "machine", True, False, user_id) in _tags(app)
    assert (lamps, "lighting", "machine", False, True, user_id) in _tags(app)
    with app.app_context():
        actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.user_id == user_id)))
        assert {"tag.confirm", "tag.reject", "codebook.suggest"} <= actions

    page = client.get(f"/review/codebook/{codebook_id}/tags?show=rejected").get_data(as_text=True)
    assert OTHERS[0] in page and OTHERS[1] not in page
    page = client.get(f"/review/codebook?engagement={place['engagement']}").get_data(as_text=True)
    assert re.search(rf"show=confirmed&amp;code={parks_id}\">1</a>", page)

    # A tag added by hand is a person's, confirmed.
    bus = place["notes"][OTHERS[2]]
    with app.app_context():
        lighting_id = db.session.scalar(select(Code.id).where(Code.key == "lighting"))
    client.post(f"/review/codebook/{codebook_id}/tags/add", data={"note_id": bus, "code": lighting_id, "show": "all"})
    assert (bus, "lighting", "person", True, False, user_id) in _tags(app)
    page = client.get(f"/review/codebook/{codebook_id}/tags?show=confirmed").get_data(as_text=True)
    assert OTHERS[2] in page and "added by hand" in page

    # A code from another codebook or a bad tag id is refused politely.
    response = client.post(f"/review/codebook/{codebook_id}/tags/decide", data={"tag_id": "999999",
                                                                                "decision": "confirm"})
    assert "That tag no longer exists." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_confirmed_tags_teach_the_tagger_and_rejected_tags_stay_rejected(app, client, place, signed_in):
    signed_in("analyst")
    codebook_id = _codebook_with_codes(client, app, place["engagement"])
    client.post(f"/review/codebook/{codebook_id}/suggest")
    unseen, lamps = place["notes"][UNSEEN], place["notes"][OTHERS[0]]
    before = _suggested(app)
    # Nothing in the codebook speaks of crossing guards yet.
    assert not any(note_id == unseen for note_id, _key in before)
    assert (lamps, "lighting") in before

    # The team decides crossing guards belong under transit and tags three notes so by hand,
    # and rejects "lighting" on the street lamp note.
    with app.app_context():
        transit_id = db.session.scalar(select(Code.id).where(Code.key == "transit"))
    for text in CROSSING:
        client.post(f"/review/codebook/{codebook_id}/tags/add", data={"note_id": place["notes"][text],
                                                                      "code": transit_id})
    client.post(f"/review/codebook/{codebook_id}/tags/decide",
                data={"tag_id": _tag_id(app, lamps, "lighting"), "decision": "reject"})
    # They also confirm the machine's good suggestions on the swings and bus notes.
    for text, key in ((OTHERS[1], "parks"), (OTHERS[2], "transit")):
        client.post(f"/review/codebook/{codebook_id}/tags/decide",
                    data={"tag_id": _tag_id(app, place["notes"][text], key), "decision": "confirm"})

    response = client.post(f"/review/codebook/{codebook_id}/suggest")
    assert response.status_code == 302
    after = _suggested(app)
    # A note like the confirmed examples now gets their code ...
    assert (unseen, "transit") in after
    # ... and the rejected tag is not suggested again; the person's decision stays.
    assert (lamps, "lighting") not in after
    assert (lamps, "lighting", "machine", False, True) in [row[:5] for row in _tags(app)]
    # Confirmed tags are not duplicated as suggestions.
    assert not any((place["notes"][text], "transit") in after for text in CROSSING)


def test_one_engagement_of_several_is_chosen_with_a_select(app, client, place, signed_in):
    signed_in("analyst")
    with app.app_context():
        other = Engagement(slug="eng-other", default_language="es")
        other.translations.append(EngagementTranslation(language="es", name="Escucha de otoño"))
        db.session.add(other)
        db.session.commit()
        other_id = other.id
    page = client.get("/review/codebook").get_data(as_text=True)
    assert '<select' in page and "Escucha de otoño" in page and "Pilot listening" in page
    client.post(f"/review/codebook/{other_id}/create", data={"name": "Otoño"})
    page = client.get(f"/review/codebook?engagement={other_id}").get_data(as_text=True)
    assert "Otoño" in page
    page = client.get(f"/review/codebook?engagement={place['engagement']}").get_data(as_text=True)
    assert "Use the Community Action Areas codebook" in page
    # The code form asks first for the engagement's own language (Spanish here).
    with app.app_context():
        codebook_id = db.session.scalar(select(Codebook.id).where(Codebook.engagement_id == other_id))
    html = client.get(f"/review/codebook/{codebook_id}/codes/new").get_data(as_text=True)
    assert "In Español, the engagement&#39;s language" in html or "In Español, the engagement's language" in html
    assert 'name="name_en"' in html and 'name="name_es"' not in html


def test_suggest_needs_a_code(app, client, place, signed_in):
    signed_in("analyst")
    client.post(f"/review/codebook/{place['engagement']}/create", data={"name": "Empty"})
    with app.app_context():
        codebook_id = db.session.scalar(select(Codebook.id))
    response = client.post(f"/review/codebook/{codebook_id}/suggest")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Add at least one code first." in page
    assert _tags(app) == []
