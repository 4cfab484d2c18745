"""Every message Heard sends (e-mail subject and body, SMS, the .ics summary and description),
of every kind, reads in the resident's language: no English sentence is left in a message in
another language, apart from the organizer's own content (the session's title and texts, the
venue, the resident's name, links and dates).

The check renders each message in English and in the resident's language and compares them
line by line, once the content is taken out: a line of the interface's own words that is the
same as in English was never translated. Until the catalogues carry the e-mail templates'
sentences (they are translated centrally), ``test_every_message_is_in_the_residents_language``
fails and names each English line; the tests below it prove the check itself with stand-in
catalogues. Mixed directions in plain text: organizer and resident text is isolated (U+2068 ...
U+2069) in Arabic, and an English message about English content carries no isolate at all."""
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from flask_babel import force_locale, get_domain
from sqlalchemy import select
from support import empty_tables

from app import bidi, i18n
from app.config import ALL_LANGUAGES
from app.extensions import db
from app.models import ListeningSession
from app.models.types import utcnow
from app.platform import outbox
from app.services.sessions import organize
from app.templating import session_when

KINDS = ["confirmation", "waitlisted", "promoted", "reminder", "cancelled", "session_cancelled", "updated"]
NON_ENGLISH = [code for code in ALL_LANGUAGES if code != "en"]
NAME = "Rosa Díaz"
CONTENT = {"title": "Westside listening session", "description": "Come and talk about safe streets.",
           "directions": "Bus 7 stops at the door.", "access_info": "Step-free entrance on Pine St."}
VENUE, ADDRESS = "West Hall", "3 Pine St, Suite 4"
SPEAKING_FILES = ["app/templates/email/%s.txt" % name for name in
                  ("_details", "_manage", "sms", *KINDS)] + ["app/platform/resident_messages.py", "app/templating.py"]


def _session_id():
    """A session whose content exists in English only: in every language it is the same."""
    existing = db.session.scalar(select(ListeningSession.id).where(ListeningSession.slug == "west-hall"))
    if existing:
        return existing
    engagement = organize.create_engagement(None, "west", "en", {"en": "West"})
    starts = utcnow() + timedelta(days=5)
    session = organize.create_session(None, engagement.id, dict(
        slug="west-hall", starts_at=starts, ends_at=starts + timedelta(hours=2),
        timezone="America/Los_Angeles", venue_name=VENUE, venue_address=ADDRESS, capacity=5,
    ), {"en": CONTENT})
    organize.publish(None, session.id)
    return session.id


def _parts(kind, session, code):
    """Every text of one message, as (where, text); and the content to leave aside."""
    registration = SimpleNamespace(name=NAME, preferred_language=code)
    parts = outbox.compose(kind, registration, session, token="T" * 43, position=3, language=code)
    with force_locale(i18n.babel_locale(code)):
        when = session_when(session)
    texts = [("subject", parts["subject"]), ("e-mail", parts["body"]), ("SMS", parts["sms"])]
    if parts["attachment"]:
        unfolded = parts["attachment"].replace("\r\n ", "")
        for line in unfolded.split("\r\n"):
            if line.startswith(("SUMMARY", "DESCRIPTION")):
                value = line.split(":", 1)[1]
                texts.append((".ics", re.sub(r"\\([\\;,])", r"\1", value).replace("\\n", "\n")))
    content = [NAME, f"{VENUE}, {ADDRESS}", VENUE, ADDRESS, when, outbox.manage_url("T" * 43), outbox.session_url(session),
               *CONTENT.values()]
    return texts, content


def _lines(text, content):
    """The lines of ``text`` with the content taken out: what is left is the interface's words."""
    text = re.sub("[\u2066-\u2069]", "", text)
    for piece in sorted(content, key=len, reverse=True):
        text = text.replace(piece, "\x00")
    return [line.strip() for line in text.split("\n") if re.search(r"[^\W\d_]", line)]


def english_lines(app, code):
    """The lines of each message in ``code`` that read exactly as in English: (kind, where, line)."""
    left = []
    with app.app_context():
        session = db.session.get(ListeningSession, _session_id())
        for kind in KINDS:
            english_texts, content = _parts(kind, session, "en")
            english = {line for _where, text in english_texts for line in _lines(text, content)}
            texts, content = _parts(kind, session, code)
            for where, text in texts:
                left += [(kind, where, line) for line in _lines(text, content) if line in english]
    return left


@pytest.mark.parametrize("code", NON_ENGLISH)
def test_every_message_is_in_the_residents_language(app, code):
    left = english_lines(app, code)
    assert not left, f"{code}: {len(left)} English lines, e.g. " + "; ".join(
        f"{kind} {where}: {line!r}" for kind, where, line in left[:6])


def _stand_in_catalogues(root, skip=()):
    """Catalogues that "translate" every message sentence as [code] + the English text."""
    ids = {message for path in SPEAKING_FILES
           for _line, message, _comments, _context in extract_from_file(
               "jinja2" if path.endswith(".txt") else "python", path)
           if isinstance(message, str)} - set(skip)
    for code in NON_ENGLISH:
        catalog = Catalog(locale=i18n.babel_locale(code).language)
        for message in ids:
            catalog.add(message, f"[{code}] {message}")
        folder = root / i18n.CATALOGUES[code] / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with open(folder / "messages.mo", "wb") as handle:
            write_mo(handle, catalog)
    return root


@pytest.fixture
def stand_in_app(make_app, tmp_path):
    """An app on stand-in catalogues (leaving out the msgids given); Flask-Babel keeps loaded
    catalogues in a process-wide cache, emptied before and after."""
    made = []

    def factory(skip=()):
        root = _stand_in_catalogues(tmp_path / f"translations-{len(made)}", skip)
        app = make_app(TRANSLATIONS_DIR=str(root))
        with app.app_context():
            get_domain().cache.clear()
            empty_tables()
        made.append(app)
        return app

    yield factory
    for app in made:
        with app.app_context():
            get_domain().cache.clear()


def test_the_check_passes_when_every_sentence_is_translated(stand_in_app):
    app = stand_in_app()
    for code in NON_ENGLISH:
        assert english_lines(app, code) == []


def test_the_check_names_each_sentence_left_in_english(stand_in_app):
    """A sentence of the body, a subject line and a label of the details, each left out."""
    app = stand_in_app(skip=["Heard, for the city", "Reminder: %(title)s", "Where"])
    left = english_lines(app, "so")
    assert {line for _kind, _where, line in left} == {"Heard, for the city", "Reminder: \x00", "Where: \x00"}
    assert {where for _kind, where, _line in left} == {"e-mail", "subject", "SMS"}
    assert ("reminder", "subject", "Reminder: \x00") in left


def test_content_is_isolated_in_arabic_and_english_messages_carry_no_isolate(app):
    """Plain text has no <bdi>: the resident's name, the title, the venue and the links sit
    between Unicode isolates in an Arabic message, so "Rosa Díaz" or "3 Pine St, Suite 4" never
    reorder the sentence around them; a message in English about English content is unchanged."""
    with app.app_context():
        session = db.session.get(ListeningSession, _session_id())
        arabic = outbox.compose("confirmation", SimpleNamespace(name=NAME, preferred_language="ar"), session,
                                token="T" * 43, language="ar")
        english = outbox.compose("confirmation", SimpleNamespace(name=NAME, preferred_language="en"), session,
                                 token="T" * 43, language="en")
        sms = outbox.compose("reminder", SimpleNamespace(name=NAME, preferred_language="en"), session,
                             token="T" * 43, language="en")["sms"]
        link = outbox.manage_url("T" * 43)
    fsi, lri, pdi = bidi.FSI, bidi.LRI, bidi.PDI
    assert f"{fsi}{NAME}{pdi}" in arabic["body"]
    assert f"{fsi}{CONTENT['title']}{pdi}" in arabic["subject"]
    assert f"{fsi}{VENUE}, {ADDRESS}{pdi}" in arabic["body"]
    assert f"{lri}{link}{pdi}" in arabic["body"]
    assert f"{fsi}{CONTENT['title']}{pdi}" in arabic["sms"]
    for text in (english["subject"], english["body"], english["sms"], sms):
        assert not re.search("[\u2066-\u2069]", text)


@pytest.mark.parametrize("value", ["محمد", "Rosa 2026-41", "٣ شارع الصنوبر", "x\u2069\u202e evil"])
def test_isolate_wraps_right_to_left_or_mixed_text_and_drops_stray_controls(value):
    wrapped = bidi.isolate(value, rtl_context=True)
    assert wrapped.startswith(bidi.FSI) and wrapped.endswith(bidi.PDI)
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", wrapped[1:-1])
    assert bidi.isolate("2026-41", True, ltr=True) == bidi.LRI + "2026-41" + bidi.PDI
    assert bidi.isolate("Main St", False) == "Main St"
    assert bidi.isolate("محمد", False) == bidi.FSI + "محمد" + bidi.PDI
