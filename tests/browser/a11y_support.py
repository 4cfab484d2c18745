"""One small city for the accessibility, keyboard and right-to-left tests, built once per module:
its own app on a migrated SQLite file, the demo engagement, a full session, a cancelled session,
a registration made through the service and a published report made through review."""
import os
import pathlib
import tempfile
from datetime import timedelta

from sqlalchemy import select

from app import create_app
from app.extensions import db

ROOT = pathlib.Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
RESULTS = ROOT / "test-results"
LANGUAGES = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NOTETAKER = ("notetaker@heard.example", "heard-notetaker-demo")
ORGANIZER = ("organizer@heard.example", "heard-organizer-demo")


def build_app(tmp_root=None):
    """A fresh app on its own SQLite file, migrated and loaded with the demo city."""
    import flask_migrate

    tmp_root = tmp_root or tempfile.mkdtemp(prefix="heard-a11y-")
    app = create_app({
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(tmp_root, "a11y.sqlite3"),
        "WTF_CSRF_ENABLED": False,
        "HEARD_QUEUE": "inline",
        "OUTBOX_DIR": os.path.join(tmp_root, "outbox"),
        "SERVER_NAME": None,
        "REGISTRATION_MIN_FILL_SECONDS": 0,  # a browser driven by a test fills a form in a blink
        "HEARD_ANALYSIS_ENCODER": "lexical",  # as in tests/conftest.py: no note is encoded
    })
    with app.app_context():
        flask_migrate.upgrade()
        from app.demo import engagement as demo

        demo.load()
    return app


def build_site(app):
    """Pages worth checking, as a dict of name -> path (built through the services)."""
    from app.models import AnalysisRun, Engagement, ListeningSession, SessionTable, Theme, User
    from app.models.types import utcnow
    from app.services.capture import notes
    from app.services.insights import runs, theme_review
    from app.services.registration import registrations
    from app.services.reports import snapshots
    from app.services.sessions import organize

    with app.app_context():
        engagement = db.session.scalar(select(Engagement))
        admin = db.session.scalar(select(User).where(User.role == "admin"))
        organizer = db.session.scalar(select(User).where(User.role == "organizer"))

        # A full session (one seat, taken) and a cancelled one.
        starts = utcnow() + timedelta(days=20)
        base = dict(starts_at=starts, ends_at=starts + timedelta(hours=2), timezone="America/Los_Angeles",
                    venue_address="12 Oak Street, Maple Valley", interpretation_languages=["es", "ar"],
                    childcare_offered=True)
        full = organize.create_session(organizer, engagement.id, dict(
            base, slug="full-room", venue_name="Small Room", capacity=1), {"en": {"title": "A small room"}})
        organize.publish(organizer, full.id)
        registrations.register(full.id, {"name": "Seat Taker", "email": "taker@example.org",
                                         "preferred_language": "en"})
        gone = organize.create_session(organizer, engagement.id, dict(
            base, slug="called-off", venue_name="Old Hall", capacity=30), {"en": {"title": "A called-off session"}})
        organize.publish(organizer, gone.id)
        organize.cancel(organizer, gone.id)

        upcoming = db.session.scalar(select(ListeningSession).where(ListeningSession.slug == "library-evening"))
        outcome = registrations.register(upcoming.id, {
            "name": "Amina Yusuf", "email": "amina@example.org", "phone": "+1 206 555 0100",
            "preferred_language": "so", "childcare_needed": True, "children_count": 2, "children_ages": [3, 7],
            "dietary": "halal"})
        token = outcome.token
        # A resident who deleted their registration: the private link says so.
        gone_outcome = registrations.register(upcoming.id, {
            "name": "Gone Resident", "email": "gone@example.org", "preferred_language": "en"})
        registrations.erase_own(gone_outcome.registration_id)

        # A published report: run the analysis inline, accept a theme, publish.
        run = runs.start_run(admin, engagement.id, n_themes=4)
        run = db.session.get(AnalysisRun, run.id)
        assert run.status == "done", run.error
        theme = db.session.scalars(select(Theme).where(Theme.run_id == run.id)).first()
        theme_review.update_theme(admin, theme, label="Lights on the way home", summary="Streets feel dark at night.",
                            status="accepted")
        report = snapshots.save_report(admin, run, title="What We Heard in Maple Valley",
                                     introduction="Thank you for coming.", publish=True)

        # A note at the notetaker's table of an open session, edited once (so it has a history).
        notetaker = db.session.scalar(select(User).where(User.role == "notetaker"))
        table = db.session.scalar(select(SessionTable).where(SessionTable.session_id == upcoming.id)
                                  .order_by(SessionTable.position))
        note, _created = notes.create_note(notetaker, table_id=table.id, prompt_id=upcoming.prompts[0].id,
                                           text="Las calles están oscuras de noche.", language="es")
        notes.update_note(notetaker, note.id, version=note.version, text="Las calles están muy oscuras de noche.",
                          translation_en="The streets are very dark at night.", language="es")
        return {
            "resident": {
                "home": "/",
                "sessions": "/sessions?past=1",
                "session": "/sessions/library-evening",
                "session_full": "/sessions/full-room",
                "session_cancelled": "/sessions/called-off",
                "session_past": "/sessions/school-gym",
                "register": "/sessions/library-evening/register",
                "register_full": "/sessions/full-room/register",
                "manage": f"/r/{token}",
                "change": f"/r/{token}/change",
                "cancel": f"/r/{token}/cancel",
                "erase": f"/r/{token}/erase",
                "erased": f"/r/{gone_outcome.token}",
                "privacy": "/privacy",
                "link_again": "/private-link",
            },
            "reports": {
                "reports": "/reports/",
                "report": f"/reports/{report.id}",
                "progress": "/progress",
            },
            "notetaker": {
                "capture_home": "/capture/",
                "capture_table": f"/capture/tables/{table.id}",
                "note_edit": f"/capture/notes/{note.id}/edit",
            },
            "token": token,
            "table_id": table.id,
            "note_id": note.id,
            "upcoming_id": upcoming.id,
            "report_id": report.id,
        }


def sign_in(page, base_url, who=NOTETAKER):
    page.goto(base_url + "/auth/sign-in")
    page.fill("#email", who[0])
    page.fill("#password", who[1])
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


AXE_RUN = (
    "tags => { window.__heardAxe = axe.run(document, {runOnly: {type: 'tag', values: tags},"
    " resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
    " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))); }"
)


def start_axe(page):
    """Start axe-core (WCAG 2.x A and AA) on the current page without waiting for it, so pages
    at two widths are checked side by side. The context must have AXE as an init script, or
    the page gets it injected here (page.evaluate is not subject to the page's CSP)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    page.evaluate(AXE_RUN, WCAG_TAGS)


def axe_violations(page):
    """The violations found by the run start_axe started."""
    return page.evaluate("window.__heardAxe")


def run_axe(page):
    start_axe(page)
    return axe_violations(page)


def set_language(context, base_url, code):
    context.add_cookies([{"name": "heard_lang", "value": code, "url": base_url}])


def source_messages(*globs):
    """English msgids extracted from the source now (not the .pot, which is refreshed at the end),
    as a dict msgid -> set of files. ``globs`` are relative to the repository root."""
    from babel.messages.extract import extract_from_file

    found = {}
    for pattern in globs:
        for path in sorted(ROOT.glob(pattern)):
            method = "jinja2" if path.suffix == ".html" else "python"
            options = {"extensions": "jinja2.ext.do"} if method == "jinja2" else {}
            for _line, message, _comments, _context in extract_from_file(method, str(path), options=options):
                for msgid in (message if isinstance(message, tuple) else (message,)):
                    if msgid:
                        found.setdefault(msgid, set()).add(str(path.relative_to(ROOT)))
    return found


RESIDENT_SOURCES = ("app/public/templates/**/*.html", "app/templates/*.html", "app/public/*.py",
                    "app/services/registration/registrations.py", "app/services/registration/resident_details.py",
                    "app/templating.py")
