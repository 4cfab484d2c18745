"""Translating what organizers and analysts write: the workspace (translated, missing, stale,
who and when), side-by-side editing, the vendor round trip (XLIFF 2 and PO out, translated
programmatically, back in with a preview, all or nothing), its refusals, the public fallback
marker with its own lang and dir, and a report version's completeness per language."""

import re
from datetime import timedelta

import pytest
from factories import make_session
from sqlalchemy import select
from support import csrf_token, publish_report
from translate.storage import po, xliff2

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    AuditEntry,
    ContentTranslation,
    ListeningSession,
    Note,
    NoteTheme,
    Report,
    ReportVersion,
    Resolution,
    ResolutionClause,
    SessionTranslation,
    Theme,
    ThemeLink,
    User,
)

LANGUAGES = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"]
ARABIC_QUOTE = "الشوارع مظلمة جدا في الليل"


@pytest.fixture
def city(app):
    ids = make_session(app, slug="pilot", starts_in=timedelta(days=-3))
    with app.app_context():
        session = db.session.get(ListeningSession, ids["session"])
        session.translations[0].description = "Our first listening session."
        author = User(email="nt@example.org", name="Notetaker", role="notetaker")
        author.set_password("notetaker-pass-1")
        db.session.add(author)
        db.session.flush()
        quote = Note(
            session_id=session.id,
            table_id=ids["tables"][0],
            prompt_id=ids["prompts"][0],
            author_id=author.id,
            text=ARABIC_QUOTE,
            language="ar",
            is_quote=True,
            translation_en="The streets are very dark at night.",
        )
        db.session.add(quote)
        run = AnalysisRun(engagement_id=session.engagement_id, status="done", note_count=1)
        db.session.add(run)
        db.session.flush()
        theme = Theme(
            run_id=run.id,
            key="t1",
            position=1,
            machine_label="dark",
            label="Dark streets",
            summary="Residents want light on walking routes.",
            status="accepted",
        )
        db.session.add(theme)
        db.session.flush()
        db.session.add(
            NoteTheme(
                note_id=quote.id, theme_id=theme.id, assigned_by="machine", representative=True
            )
        )
        resolution = Resolution(
            engagement_id=session.engagement_id, number="2026-41", title="Belonging"
        )
        clause = ResolutionClause(
            position=1, label="Section 1", kind="section", text="The city will fund lights."
        )
        resolution.clauses.append(clause)
        plan = ActionPlan(engagement_id=session.engagement_id, title="Safety plan")
        item = ActionItem(
            position=1,
            number="1.1",
            goal="Safer streets",
            action_step="Survey lighting",
            departments="Public Works",
            status="in_progress",
            progress_note="Survey started.",
        )
        plan.items.append(item)
        db.session.add_all([resolution, plan])
        db.session.flush()
        db.session.add_all(
            [
                ThemeLink(theme_id=theme.id, clause_id=clause.id, status="confirmed"),
                ThemeLink(theme_id=theme.id, action_item_id=item.id, status="confirmed"),
            ]
        )
        db.session.commit()
        return {
            "run": run.id,
            "theme": theme.id,
            "clause": clause.id,
            "item": item.id,
            "session": session.id,
            "prompts": ids["prompts"],
        }


@pytest.fixture
def analyst(client, signed_in):
    return signed_in("analyst")


def _publish(client, city):
    response = publish_report(client, city["run"], {"title": "What We Heard", "introduction": "Thank you for coming."})
    assert response.status_code == 302, response.data
    with client.application.app_context():
        return db.session.scalar(select(Report.id))


def _save_draft(client, city):
    response = client.post(
        f"/review/runs/{city['run']}/report",
        data={"title": "What We Heard", "introduction": "Thank you for coming.", "save": "y"},
    )
    assert response.status_code == 302, response.data
    with client.application.app_context():
        return db.session.scalar(select(Report.id))


def _units(app, language):
    from app.services.content import translations

    with app.test_request_context():
        return {u.key: u for u in translations.units(language)}


def _edit(client, language, texts, confirm=()):
    page = client.get(f"/review/translations/{language}")
    assert page.status_code == 200
    data = {"csrf_token": csrf_token(page.get_data(as_text=True))}
    data.update({f"t-{key}": text for key, text in texts.items()})
    data.update({f"ok-{key}": "y" for key in confirm})
    return client.post(f"/review/translations/{language}", data=data)


# --- The workspace -------------------------------------------------------------------------


def test_workspace_shows_translated_missing_and_stale_with_who_and_when(app, client, city, analyst):
    report_id = _save_draft(client, city)
    before = _units(app, "es")
    assert before[f"theme.label:{city['theme']}"].status == "missing"
    # The prompts of the factory are in Spanish already, from the session form.
    assert before[f"prompt.text:{city['prompts'][0]}"].status == "translated"
    assert f"report.title:{report_id}" in before and f"action.departments:{city['item']}" in before
    response = _edit(
        client,
        "es",
        {
            f"theme.label:{city['theme']}": "Calles oscuras",
            f"session.title:{city['session']}": "Sesión piloto",
            f"session.description:{city['session']}": "Una sesión.",
        },
    )
    assert response.status_code == 303, response.data
    after = _units(app, "es")
    unit = after[f"theme.label:{city['theme']}"]
    assert (unit.status, unit.text, unit.translated_by) == (
        "translated",
        "Calles oscuras",
        "Analyst",
    )
    assert unit.translated_at is not None
    # The session's texts are written where the session pages read them.
    with app.app_context():
        row = db.session.scalar(
            select(SessionTranslation).where(SessionTranslation.language == "es")
        )
        assert (row.title, row.description) == ("Sesión piloto", "Una sesión.")
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "translation.save"))
        db.session.get(Theme, city["theme"]).label = "Dark streets at night"
        db.session.get(SessionTranslation, row.id).session.translations[
            0
        ].title = "Pilot session, renamed"
        db.session.commit()
    stale = _units(app, "es")
    assert stale[f"theme.label:{city['theme']}"].status == "stale"
    assert stale[f"session.title:{city['session']}"].status == "stale"
    page = client.get("/review/translations/es?status=stale").get_data(as_text=True)
    assert "Dark streets at night" in page and "Calles oscuras" in page and "Analyst" in page
    assert f'name="t-report.title:{report_id}"' not in page  # only stale ones on this filter
    overview = client.get("/review/translations/").get_data(as_text=True)
    assert "Español" in overview and 'href="/review/translations/es?status=stale"' in overview
    # Keeping a stale translation after checking it makes it current again.
    assert _edit(client, "es", {}, confirm=[f"theme.label:{city['theme']}"]).status_code == 303
    assert _units(app, "es")[f"theme.label:{city['theme']}"].status == "translated"
    # Emptying a text removes the translation.
    assert _edit(client, "es", {f"theme.label:{city['theme']}": "  "}).status_code == 303
    assert _units(app, "es")[f"theme.label:{city['theme']}"].status == "missing"


def test_workspace_editing_is_side_by_side_with_lang_and_dir(app, client, city, analyst):
    _save_draft(client, city)
    page = client.get("/review/translations/ar").get_data(as_text=True)
    assert re.search(r'<td lang="en" dir="ltr" id="unit-\d+-source">Dark streets</td>', page)
    assert re.search(r'<textarea name="t-theme.label:\d+"[^>]* lang="ar" dir="rtl"', page)
    assert client.get("/review/translations/xx").status_code == 404


def test_workspace_refuses_unknown_units_and_needs_staff(app, client, city, signed_in):
    signed_in("notetaker")
    assert client.get("/review/translations/").status_code == 403


def test_a_session_text_needs_its_title_first(app, client, city, analyst):
    response = _edit(client, "vi", {f"session.description:{city['session']}": "Mô tả"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Mô tả" in page  # nothing typed is lost


# --- Vendor round trip -----------------------------------------------------------------------


def _translate_xliff(data, prefix):
    store = xliff2.Xliff2File.parsestring(data)
    for unit in store.units:
        unit.target = f"{prefix} {unit.source}"
    return bytes(store)


def _translate_po(data, prefix):
    store = po.pofile.parsestring(data)
    for unit in store.units:
        if not unit.isheader():
            unit.target = f"{prefix} {unit.source}"
    return bytes(store)


def _upload(client, language, filename, data):
    page = client.get(f"/review/translations/{language}")
    import io

    return client.post(
        f"/review/translations/{language}/import",
        data={
            "csrf_token": csrf_token(page.get_data(as_text=True)),
            "file": (io.BytesIO(data), filename),
        },
        content_type="multipart/form-data",
    )


def _commit(client, preview):
    html = preview.get_data(as_text=True)
    token = re.search(r'name="token"[^>]*value="([0-9a-f]{32})"', html) or re.search(
        r'value="([0-9a-f]{32})"[^>]*name="token"', html
    )
    return client.post(
        "/review/translations/import/commit",
        data={"csrf_token": csrf_token(html), "token": token.group(1)},
    )


@pytest.mark.parametrize(
    "fmt,extension,translate", [("xlf", "xlf", _translate_xliff), ("po", "po", _translate_po)]
)
def test_vendor_round_trip(app, client, city, analyst, fmt, extension, translate):
    report_id = _save_draft(client, city)
    exported = client.get(f"/review/translations/ar.{fmt}")
    assert exported.status_code == 200
    assert "heard-ar-" in exported.headers["Content-Disposition"]
    body = exported.data
    if fmt == "xlf":
        assert b"urn:oasis:names:tc:xliff:document:2.0" in body and b'trgLang="ar"' in body
    else:
        assert b"Language: ar" in body
    missing = {k for k, u in _units(app, "ar").items() if u.status != "translated"}
    assert f"report.title:{report_id}".encode() in body
    preview = _upload(client, "ar", f"back.{extension}", translate(body, "AR"))
    assert preview.status_code == 200, preview.data
    assert "Nothing is stored until you import." in preview.get_data(as_text=True)
    with app.app_context():
        assert (
            db.session.scalar(select(ContentTranslation).where(ContentTranslation.language == "ar"))
            is None
        )
    assert _commit(client, preview).status_code == 303
    after = _units(app, "ar")
    assert all(after[key].status == "translated" for key in missing)
    assert after[f"theme.label:{city['theme']}"].text == "AR Dark streets"
    assert after[f"theme.label:{city['theme']}"].origin == "vendor"
    # Nothing left to send.
    again = client.get(f"/review/translations/ar.{fmt}").data
    assert b"Dark streets" not in again


def _file_with(app, client, city, mutate):
    _save_draft(client, city)
    body = client.get("/review/translations/ru.xlf").data
    store = xliff2.Xliff2File.parsestring(body)
    for unit in store.units:
        unit.target = "RU " + unit.source
    mutate(app, store)
    return bytes(store)


def _refused(response, message):
    assert response.status_code == 200, response.data
    html = response.get_data(as_text=True)
    assert message in html
    assert "Import all" not in html and 'name="token"' not in html
    return html


def test_import_refuses_a_stale_unit_and_stores_nothing(app, client, city, analyst):
    def change_source(app, store):
        with app.app_context():
            db.session.get(Theme, city["theme"]).summary = "Residents changed their minds."
            db.session.commit()

    data = _file_with(app, client, city, change_source)
    _refused(
        _upload(client, "ru", "back.xlf", data),
        "Stale: the source text changed after the file was exported",
    )
    with app.app_context():
        assert (
            db.session.scalar(select(ContentTranslation).where(ContentTranslation.language == "ru"))
            is None
        )


def test_import_refuses_an_unknown_unit(app, client, city, analyst):
    def add_unknown(app, store):
        unit = store.addsourceunit("Invented")
        unit.setid("theme.label:999999")
        unit.target = "Выдумано"
        other = store.addsourceunit("Nonsense")
        other.setid("not-a-unit")
        other.target = "x"

    data = _file_with(app, client, city, add_unknown)
    html = _refused(_upload(client, "ru", "back.xlf", data), "Unknown unit")
    assert html.count("Unknown unit") == 2


def test_import_refuses_a_file_for_another_language(app, client, city, analyst):
    data = _file_with(app, client, city, lambda app, store: None)
    response = _upload(client, "es", "back.xlf", data)
    assert response.status_code == 422
    assert "This file is for the language ru, not es." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "name,data",
    [
        ("broken.xlf", b"<?xml version='1.0'?><xliff"),
        (
            "old.xlf",
            b'<?xml version="1.0"?><xliff version="1.2" '
            b'xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            b'<file original="x" source-language="en" target-language="ru" '
            b'datatype="plaintext"><body>'
            b"</body></file></xliff>",
        ),
        ("broken.po", b'msgid "unterminated\nmsgstr '),
        ("binary.po", bytes(range(256)) * 4),
        ("empty.po", b""),
    ],
)
def test_import_refuses_a_broken_file_with_a_clear_message(app, client, city, analyst, name, data):
    _save_draft(client, city)
    response = _upload(client, "ru", name, data)
    assert response.status_code == 422, response.data
    html = response.get_data(as_text=True)
    assert ("could not be read as XLIFF 2 or PO" in html) or (
        "The file has no units to import." in html
    )


def test_an_import_preview_is_stored_once(app, client, city, analyst):
    _save_draft(client, city)
    body = _translate_po(client.get("/review/translations/so.po").data, "SO")
    preview = _upload(client, "so", "back.po", body)
    assert _commit(client, preview).status_code == 303
    second = _commit(client, preview)
    assert second.status_code == 303
    follow = client.get("/review/translations/").get_data(as_text=True)
    assert "expired or was already stored" in follow


# --- Public pages and report versions --------------------------------------------------------


def test_public_report_falls_back_with_a_marker_and_its_own_lang_and_dir(
    app, client, city, analyst
):
    report_id = _save_draft(client, city)
    assert _edit(client, "ar", {f"theme.label:{city['theme']}": "شوارع مظلمة"}).status_code == 303
    _publish(client, city)
    public = app.test_client()
    public.set_cookie("heard_lang", "ar")
    html = public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in html
    # Translated: in the reader's language, no marker.
    assert re.search(rf'<h2 id="theme-{city["theme"]}" lang="ar" dir="rtl">شوارع مظلمة</h2>', html)
    # Not translated: the source, in its own language and direction, marked in the reader's.
    marker = '<small class="untranslated" lang="ar" dir="rtl">('
    assert re.search(
        r'<h1 lang="en" dir="ltr">What We Heard <small class="untranslated" lang="ar" dir="rtl">',
        html,
    )
    assert re.search(
        r'<p class="statement" lang="en" dir="ltr">Residents want light on walking routes\. '
        r'<small class="untranslated"',
        html,
    )
    assert html.count(marker) >= 4
    # The resident's words stay verbatim, with the notetaker's translation labelled as theirs.
    assert f'<p dir="auto" lang="ar">“{ARABIC_QUOTE}”</p>' in html
    assert "translation-by" not in html  # said in Arabic, read in Arabic
    public.set_cookie("heard_lang", "es")
    spanish = public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert f'<p dir="auto" lang="ar">“{ARABIC_QUOTE}”</p>' in spanish
    assert re.search(
        r'class="translation-by">[^<]+:</span> <span lang="en" dir="ltr">The streets are very dark',
        spanish,
    )
    # In English (the source) there is no marker at all; the quote's translation is the notetaker's.
    public.set_cookie("heard_lang", "en")
    english = public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "untranslated" not in english and "Translation by the notetaker" in english
    # The tracker: action texts and the theme label from the published version.
    tracker = app.test_client()
    tracker.set_cookie("heard_lang", "ar")
    page = tracker.get("/progress").get_data(as_text=True)
    assert '<span lang="ar" dir="rtl">شوارع مظلمة</span>' in page
    assert re.search(
        r'<span lang="en" dir="ltr">Safer streets</span> <small class="untranslated"', page
    )


def test_public_session_page_marks_untranslated_text(app, client, city):
    public = app.test_client()
    public.set_cookie("heard_lang", "ar")
    html = public.get("/sessions/pilot").get_data(as_text=True)
    assert re.search(
        r'<bdi lang="en" dir="ltr">Pilot session</bdi> <small class="untranslated" lang="ar" '
        r'dir="rtl">',
        html,
    )


def test_report_version_records_complete_languages_and_freezes_translations(
    app, client, city, analyst
):
    from app.services.content import translations

    report_id = _save_draft(client, city)
    with app.test_request_context():
        keys = translations.snapshot_units(
            __import__("app.services.reports.snapshots", fromlist=["x"]).draft_snapshot(
                db.session.get(AnalysisRun, city["run"]), db.session.get(Report, report_id)
            ),
            db.session.get(Report, report_id),
        )
    assert _edit(client, "es", {key: f"ES {key}" for key in keys}).status_code == 303
    assert _edit(client, "ar", {f"theme.label:{city['theme']}": "شوارع مظلمة"}).status_code == 303
    page = client.get(f"/review/runs/{city['run']}/report").get_data(as_text=True)
    assert re.search(r'<span lang="es">Español</span>: [^<]*complete', page)
    assert re.search(r'<span lang="ar">العربية</span>: 1 of \d+ texts translated', page)
    _publish(client, city)
    with app.app_context():
        version = db.session.scalar(select(ReportVersion))
        assert set(version.snapshot["languages_complete"]) == {"en", "es"}
        assert version.snapshot["translations"]["ar"] == {
            f"theme.label:{city['theme']}": "شوارع مظلمة"
        }
        # Later translations wait for the next version.
        db.session.get(Theme, city["theme"])
    assert _edit(client, "ar", {f"theme.label:{city['theme']}": "شوارع معتمة"}).status_code == 303
    public = app.test_client()
    public.set_cookie("heard_lang", "ar")
    html = public.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "شوارع مظلمة" in html and "شوارع معتمة" not in html


# --- The demo ----------------------------------------------------------------------------------


def test_demo_report_and_tracker_read_fully_in_every_language_as_drafts_awaiting_review(
    app, client, signed_in
):
    from app.demo import engagement

    with app.app_context():
        assert engagement.load(full=True) is True
        report = db.session.scalar(select(Report))
        version = report.versions[-1]
        assert set(version.snapshot["languages_complete"]) == set(LANGUAGES)
        drafts = db.session.scalars(select(ContentTranslation.origin).distinct()).all()
        assert drafts == ["draft"]
        report_id = report.id
    for code in LANGUAGES:
        reader = app.test_client()
        reader.set_cookie("heard_lang", code)
        for path in (f"/reports/{report_id}", "/progress"):
            html = reader.get(path).get_data(as_text=True)
            assert f'<html lang="{code}"' in html
            assert 'class="untranslated"' not in html, (code, path)
    signed_in("analyst")
    page = client.get("/review/translations/ar").get_data(as_text=True)
    assert "Draft awaiting review" in page
    overview = client.get("/review/translations/").get_data(as_text=True)
    assert "Drafts awaiting review" in overview


def test_report_docx_uses_the_frozen_translations_of_the_readers_language(
    app, client, city, analyst
):
    import io

    import docx

    report_id = _save_draft(client, city)
    assert _edit(client, "ar", {f"theme.label:{city['theme']}": "شوارع مظلمة"}).status_code == 303
    _publish(client, city)
    reader = app.test_client()
    reader.set_cookie("heard_lang", "ar")
    document = docx.Document(io.BytesIO(reader.get(f"/reports/{report_id}.docx").data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "شوارع مظلمة" in text and "Dark streets" not in text
    assert "Residents want light on walking routes." in text  # not translated: the source
    reader.set_cookie("heard_lang", "es")
    document = docx.Document(io.BytesIO(reader.get(f"/reports/{report_id}.docx").data))
    assert "Dark streets" in "\n".join(p.text for p in document.paragraphs)


# --- The sessions table, the downloads and the tracker's filter --------------------------------


def test_public_report_sessions_table_marks_untranslated_titles(app, client, city, analyst):
    report_id = _save_draft(client, city)
    assert _edit(client, "es", {f"session.title:{city['session']}": "Sesión piloto"}).status_code == 303
    _publish(client, city)
    reader = app.test_client()
    # A title in the reader's language: its own lang and dir, no marker.
    reader.set_cookie("heard_lang", "es")
    html = reader.get(f"/reports/{report_id}").get_data(as_text=True)
    row = re.search(r'<th scope="row">(.*?)</th>', html, re.S).group(1)
    assert row == '<bdi lang="es" dir="ltr">Sesión piloto</bdi>'
    # Every language without one: the source title in its own lang and dir, marked in the reader's.
    for code, direction in (("ar", "rtl"), ("zh-Hans", "ltr"), ("so", "ltr")):
        reader.set_cookie("heard_lang", code)
        html = reader.get(f"/reports/{report_id}").get_data(as_text=True)
        row = re.search(r'<th scope="row">(.*?)</th>', html, re.S).group(1)
        assert row.startswith('<bdi lang="en" dir="ltr">Pilot session</bdi> '), (code, row)
        assert f'<small class="untranslated" lang="{code}" dir="{direction}">(' in row, code
    # The source language itself is never marked.
    reader.set_cookie("heard_lang", "en")
    html = reader.get(f"/reports/{report_id}").get_data(as_text=True)
    assert re.search(r'<th scope="row">(.*?)</th>', html, re.S).group(1) == (
        '<bdi lang="en" dir="ltr">Pilot session</bdi>'
    )


def _marker(app, code):
    """The "not yet translated" marker as the reader of ``code`` reads it (from the catalogue)."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from app import i18n

    with app.test_request_context(), force_locale(i18n.babel_locale(code)):
        return "(%s)" % _("not yet translated")


def _word_lang(run):
    from docx.oxml.ns import qn

    lang = run._r.rPr.find(qn("w:lang")) if run._r.rPr is not None else None
    if lang is None:
        return None
    return lang.get(qn("w:bidi")) or lang.get(qn("w:val")) or lang.get(qn("w:eastAsia"))


def _docx_paragraphs(data):
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return list(document.paragraphs) + cells


def test_report_docx_marks_every_untranslated_text_with_a_run_in_the_readers_language(
    app, client, city, analyst
):
    report_id = _save_draft(client, city)
    assert _edit(client, "ar", {f"theme.label:{city['theme']}": "شوارع مظلمة"}).status_code == 303
    _publish(client, city)
    reader = app.test_client()
    reader.set_cookie("heard_lang", "ar")
    marker = _marker(app, "ar")
    paragraphs = _docx_paragraphs(reader.get(f"/reports/{report_id}.docx").data)
    marked = {}
    for paragraph in paragraphs:
        runs = paragraph.runs
        for index, run in enumerate(runs):
            if run.text.strip() == marker:
                # A separate run, right to left in Arabic, after the source text it marks.
                assert run.text == " " + marker and run.font.rtl, run.text
                assert _word_lang(run) == "ar"
                marked[runs[index - 1].text] = _word_lang(runs[index - 1])
    # Every text the page marks: title, introduction, session title, statement, clause, action,
    # department, each marked once per place it appears (the session title in its table).
    for source in (
        "What We Heard",
        "Thank you for coming.",
        "Pilot session",
        "Residents want light on walking routes.",
        "The city will fund lights.",
        "Survey lighting",
        "Public Works",
    ):
        assert source in marked, (source, marked)
        assert marked[source] == "en-US"  # the source text keeps its own language
    # The translated theme name is never marked, in its heading or the themes table.
    assert "شوارع مظلمة" not in marked
    text = "\n".join(p.text for p in paragraphs)
    assert "شوارع مظلمة" in text
    # In the source language nothing is marked.
    reader.set_cookie("heard_lang", "en")
    english = _docx_paragraphs(reader.get(f"/reports/{report_id}.docx").data)
    assert not any(_marker(app, "en") in p.text for p in english)


def _csv_rows(data):
    import csv
    import io

    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_report_csvs_carry_the_readers_language_and_mark_the_source_text(
    app, client, city, analyst
):
    report_id = _save_draft(client, city)
    theme = city["theme"]
    assert _edit(client, "es", {f"theme.label:{theme}": "Calles oscuras"}).status_code == 303
    assert _edit(client, "ar", {f"theme.statement:{theme}": "السكان يريدون الضوء"}).status_code == 303
    _publish(client, city)
    reader = app.test_client()
    # Spanish: the theme name translated, the statement in English with the marker after it.
    reader.set_cookie("heard_lang", "es")
    themes = _csv_rows(reader.get(f"/reports/{report_id}.csv").data)
    assert themes[1][0] == "Calles oscuras"
    assert themes[1][1] == "Residents want light on walking routes. " + _marker(app, "es")
    quotes = _csv_rows(reader.get(f"/reports/{report_id}/quotes.csv").data)
    assert quotes[1][:2] == ["Calles oscuras", ARABIC_QUOTE]  # the quote stays verbatim
    # Arabic: the other way round; the English text and the marker each isolated, so the marker
    # stays after the text in a right-to-left sheet.
    reader.set_cookie("heard_lang", "ar")
    themes = _csv_rows(reader.get(f"/reports/{report_id}.csv").data)
    assert themes[1][0] == "\u2068Dark streets\u2069 \u2068" + _marker(app, "ar") + "\u2069"
    assert themes[1][1] == "السكان يريدون الضوء"
    quotes = _csv_rows(reader.get(f"/reports/{report_id}/quotes.csv").data)
    assert quotes[1][0] == themes[1][0] and quotes[1][1] == ARABIC_QUOTE
    # Languages without any translation mark every content cell; the source language none.
    for code in ("zh-Hans", "vi", "tl", "ru", "hmn", "so"):
        reader.set_cookie("heard_lang", code)
        row = _csv_rows(reader.get(f"/reports/{report_id}.csv").data)[1]
        assert row[0].endswith(_marker(app, code)) and row[1].endswith(_marker(app, code)), code
    reader.set_cookie("heard_lang", "en")
    row = _csv_rows(reader.get(f"/reports/{report_id}.csv").data)[1]
    assert row[:2] == ["Dark streets", "Residents want light on walking routes."]


def _department_options(html):
    select = re.search(r'<select[^>]*name="department"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option([^>]*)value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_tracker_department_filter_lists_names_in_the_readers_language(app, client, city, analyst):
    with app.app_context():
        db.session.get(ActionItem, city["item"]).departments = "Public Works; Parks"
        db.session.commit()
    key = f"action.departments:{city['item']}"
    assert _edit(client, "es", {key: "Obras Públicas; Parques"}).status_code == 303
    assert _edit(client, "ar", {key: "الأشغال العامة، الحدائق"}).status_code == 303  # Arabic comma
    assert _edit(client, "vi", {key: "Công trình công cộng và công viên"}).status_code == 303
    reader = app.test_client()
    expected = {
        "es": {"Public Works": "Obras Públicas", "Parks": "Parques"},
        "ar": {"Public Works": "الأشغال العامة", "Parks": "الحدائق"},
        # One name for two: the parts do not pair up, so the source names stay.
        "vi": {"Public Works": "Public Works", "Parks": "Parks"},
        "zh-Hans": {"Public Works": "Public Works", "Parks": "Parks"},  # not translated
        "en": {"Public Works": "Public Works", "Parks": "Parks"},
    }
    for code, names in expected.items():
        reader.set_cookie("heard_lang", code)
        html = reader.get("/progress").get_data(as_text=True)
        options = {value: shown for _attrs, value, shown in _department_options(html)}
        assert options == {"": options[""], **names}, code
        # The chart by department names them the same way.
        for shown in names.values():
            assert f"<bdi>{shown}</bdi>" in html, (code, shown)
        # The filter's value stays the source name: a shared link works in every language.
        filtered = reader.get("/progress?department=Parks").get_data(as_text=True)
        chosen = [v for attrs, v, _s in _department_options(filtered) if "selected" in attrs]
        assert chosen == ["Parks"], code
        assert f'id="action-{city["item"]}"' in filtered
        nothing = reader.get("/progress?department=Parques").get_data(as_text=True)
        assert f'id="action-{city["item"]}"' not in nothing


def test_batched_lookup_finds_what_one_language_at_a_time_finds_and_leaves_stale_texts_out(
    app, client, city, analyst
):
    from app.services.content import translations

    label, statement = f"theme.label:{city['theme']}", f"theme.statement:{city['theme']}"
    clause = f"clause.text:{city['clause']}"
    _save_draft(client, city)
    assert _edit(client, "es", {label: "Calles oscuras", statement: "Luz en las rutas."}).status_code == 303
    assert _edit(client, "ar", {label: "شوارع مظلمة", clause: "ستمول المدينة الإنارة."}).status_code == 303
    with app.test_request_context():
        db.session.get(Theme, city["theme"]).summary = "Residents want light on every walking route."
        db.session.commit()
        keys = [label, statement, clause, "report.title:999999", "not a key"]
        batched = translations.lookup_many(["es", "ar", "xx", "es"], keys)
        assert batched == {code: translations.lookup(code, keys) for code in ("es", "ar")}
        # The statement changed after its Spanish translation: stale, so left out.
        assert batched == {"es": {label: "Calles oscuras"},
                           "ar": {label: "شوارع مظلمة", clause: "ستمول المدينة الإنارة."}}
        assert translations.lookup("xx", keys) == {}
