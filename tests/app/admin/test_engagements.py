"""Administrators create engagements (named in several languages) before any session exists."""
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Engagement


def _create(client, **overrides):
    data = {"slug": "safety-plan-2027", "default_language": "en", "organization": "City of Maple Valley",
            "name_en": "Community Safety Plan 2027", "description_en": "Listening sessions across the city.",
            "name_es": "Plan de Seguridad Comunitaria 2027", "name_ar": "خطة سلامة المجتمع 2027"}
    data.update(overrides)
    return client.post("/admin/engagements/new", data=data)


def test_an_administrator_creates_an_engagement_named_in_three_languages(app, client, signed_in):
    signed_in("admin")
    page = client.get("/admin/engagements/")
    assert "There is no engagement yet." in page.get_data(as_text=True)
    response = _create(client)
    assert response.status_code == 302
    listing = client.get("/admin/engagements/").get_data(as_text=True)
    assert "Community Safety Plan 2027" in listing and "City of Maple Valley" in listing
    with app.app_context():
        engagement = db.session.scalar(select(Engagement).where(Engagement.slug == "safety-plan-2027"))
        names = {row.language: row.name for row in engagement.translations}
        assert names == {"en": "Community Safety Plan 2027", "es": "Plan de Seguridad Comunitaria 2027",
                         "ar": "خطة سلامة المجتمع 2027"}
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "engagement.create")) is not None
    # The new engagement is offered on the new-session form at once.
    assert "Community Safety Plan 2027" in client.get("/admin/sessions/new").get_data(as_text=True)


def test_errors_appear_next_to_the_field_and_keep_what_was_typed(app, client, signed_in):
    signed_in("admin")
    response = _create(client, slug="Not a slug!", name_es="Mi plan")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Use lowercase letters, numbers and hyphens only." in body
    assert 'value="Mi plan"' in body
    _create(client)
    again = _create(client, name_en="Another")
    assert "Another engagement already uses this web address." in again.get_data(as_text=True)
    no_name = _create(client, slug="other", name_en="", default_language="es", name_es="")
    assert "Give the engagement a name in its default language." in no_name.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(db.func.count()).select_from(Engagement)) == 1


def test_editing_renames_and_drops_a_language_but_keeps_the_address(app, client, signed_in):
    signed_in("admin")
    _create(client)
    with app.app_context():
        engagement_id = db.session.scalar(select(Engagement.id))
    response = client.post(f"/admin/engagements/{engagement_id}/edit", data={
        "slug": "changed", "default_language": "es", "organization": "",
        "name_en": "Safety Plan", "name_es": "Plan de Seguridad", "name_ar": ""})
    assert response.status_code == 302
    with app.app_context():
        engagement = db.session.get(Engagement, engagement_id)
        assert engagement.slug == "safety-plan-2027"
        assert engagement.default_language == "es"
        assert {row.language: row.name for row in engagement.translations} == {
            "en": "Safety Plan", "es": "Plan de Seguridad"}


def test_only_administrators_manage_engagements(client, signed_in):
    signed_in("organizer")
    assert client.get("/admin/engagements/").status_code == 403
    assert client.post("/admin/engagements/new", data={"slug": "x"}).status_code == 403


def test_a_missing_name_goes_on_the_name_in_the_default_language(client, signed_in):
    signed_in("admin")
    response = _create(client, slug="other", name_en="", default_language="es", name_es="")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'id="name_es-error"' in body and 'id="name_en-error"' not in body
    assert "Give the engagement a name in its default language." in body


def test_editing_an_engagement_that_does_not_exist_is_not_found(client, signed_in):
    signed_in("admin")
    assert client.get("/admin/engagements/999999/edit").status_code == 404
