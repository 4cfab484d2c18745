"""A Spanish-speaking and an Arabic-speaking resident register on a 360-px phone, see the
confirmation, and cancel through their private link. No JavaScript is needed."""
import email
import email.policy
import os
import re
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Registration
from app.models.types import utcnow
from app.services.sessions import organize


def _session(app):
    with app.app_context():
        engagement = organize.create_engagement(None, "plaza", "en", {"en": "Plaza listening"})
        starts = utcnow() + timedelta(days=7)
        session = organize.create_session(None, engagement.id, dict(
            slug="plaza", starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="America/Los_Angeles",
            venue_name="Plaza Community Room", venue_address="700 Market Street", capacity=1,
            interpretation_languages=["es", "ar"], childcare_offered=True,
        ), {"en": {"title": "Plaza session", "directions": "Take bus 12."},
            "es": {"title": "Sesión en la Plaza", "directions": "Tome el autobús 12."},
            "ar": {"title": "جلسة الساحة", "directions": "خذ الحافلة رقم 12."}})
        organize.publish(None, session.id)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _status(app, name):
    with app.app_context():
        db.session.expire_all()
        return db.session.scalar(select(Registration.status).where(Registration.name == name))


def test_spanish_resident_registers_and_cancels(app, live_server, page):
    _session(app)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("link", name="Sesión en la Plaza").first.click()
    assert "Tome el autobús 12." in page.content()
    page.locator("main a.button").first.click()
    _no_sideways_scroll(page)
    # Preferred language follows the page language.
    assert page.locator("#preferred_language").input_value() == "es"
    # A first try without contact details: the error is next to the field, typed text kept.
    page.fill("#name", "Lucía Hernández")
    page.fill("#dietary", "sin gluten")
    page.locator("form.registration button[type=submit]").click()
    assert page.locator("#email-error").is_visible()
    assert page.locator("#dietary").input_value() == "sin gluten"
    page.fill("#email", "lucia@example.org")
    page.select_option("#interpretation_language", "es")
    page.check("#childcare_needed")
    page.fill("#children_ages", "3, 7")
    page.check("input[name=access_needs][value=large_print]")
    page.locator("form.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}\?new=1$"))
    assert page.locator(".status-confirmed").is_visible()
    _no_sideways_scroll(page)
    assert _status(app, "Lucía Hernández") == "confirmed"
    # Later, from the private link: cancel.
    manage_link = page.locator("#manage-link").get_attribute("href")
    page.goto(live_server.url + manage_link)
    page.locator("a[href$='/cancel']").click()
    page.check("#confirm")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}$"))
    assert page.locator(".flash").is_visible()
    assert _status(app, "Lucía Hernández") == "cancelled"


def test_arabic_resident_joins_the_waitlist_is_promoted_and_cancels(app, live_server, page):
    _session(app)
    page.goto(live_server.url + "/sessions/plaza")
    page.get_by_role("link", name="العربية").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "جلسة الساحة" in page.content()
    # Someone takes the only seat first.
    page.goto(live_server.url + "/sessions/plaza/register")
    page.fill("#name", "First Person")
    page.fill("#email", "first@example.org")
    page.locator("form.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/"))
    first_link = page.locator("#manage-link").get_attribute("href")

    page.goto(live_server.url + "/sessions/plaza/register")
    assert page.locator("#preferred_language").input_value() == "ar"
    page.fill("#name", "ليلى حداد")
    page.fill("#email", "layla@example.org")
    page.locator("form.registration button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/.*new=1"))
    _no_sideways_scroll(page)
    assert _status(app, "ليلى حداد") == "waitlisted"
    assert "1" in page.locator("p.status").inner_text()

    # The first person cancels; Layla is promoted and told so, in a message.
    page.goto(live_server.url + first_link + "/cancel")
    page.check("#confirm")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}$"))
    assert _status(app, "ليلى حداد") == "confirmed"

    # Her private link, read from the confirmation message in the outbox folder.
    folder = app.config["OUTBOX_DIR"]
    names = sorted(f for f in os.listdir(folder) if f.endswith("waitlisted.eml"))
    with open(os.path.join(folder, names[-1]), "rb") as handle:
        message = email.message_from_binary_file(handle, policy=email.policy.default)
    assert message["To"] == "layla@example.org" and "جلسة الساحة" in message["Subject"]
    path = re.search(r"/r/[A-Za-z0-9_-]{43}", message.get_body(("plain",)).get_content()).group(0)
    page.goto(live_server.url + path)
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".status-confirmed").is_visible()
    page.locator("a[href$='/cancel']").click()
    _no_sideways_scroll(page)
    page.check("#confirm")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{43}$"))
    assert _status(app, "ليلى حداد") == "cancelled"
