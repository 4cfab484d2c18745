"""A small reviewed analysis built through the models: two sessions, three tables, three
prompts, notes in four languages, three themes, a resolution and an action plan."""
from datetime import timedelta

from app.extensions import db
from app.models import (
    ActionItem,
    ActionPlan,
    AnalysisRun,
    Engagement,
    EngagementTranslation,
    ListeningSession,
    Note,
    NoteTheme,
    Prompt,
    PromptTranslation,
    Resolution,
    ResolutionClause,
    SessionTable,
    SessionTranslation,
    Theme,
    ThemeLink,
)
from app.models.types import utcnow


def _session(engagement, slug, title, tables, prompts, days):
    starts = utcnow() - timedelta(days=days)
    session = ListeningSession(
        engagement=engagement, slug=slug, starts_at=starts, ends_at=starts + timedelta(hours=2),
        timezone="America/Los_Angeles", venue_name="Library", venue_address="1 Main St", capacity=30,
        status="published",
    )
    session.translations.append(SessionTranslation(language="en", title=title))
    for position, text in enumerate(prompts, start=1):
        prompt = Prompt(position=position)
        prompt.translations.append(PromptTranslation(language="en", text=text))
        session.prompts.append(prompt)
    for position, name in enumerate(tables, start=1):
        session.tables.append(SessionTable(name=name, position=position))
    db.session.add(session)
    return session


def build(app):
    """Returns a dict of ids: run, themes {a, b, c}, notes n1..n9, sessions, tables, prompts,
    clauses, actions, links."""
    with app.app_context():
        engagement = Engagement(slug="riverside", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Riverside listening"))
        s1 = _session(engagement, "library-night", "Library night", ["Blue table", "Green table"],
                      ["What makes you feel safe?", "What should change?"], days=10)
        s2 = _session(engagement, "school-day", "School day", ["Gym table"], ["What do you need?"], days=3)
        db.session.flush()
        t1, t2 = s1.tables
        t3 = s2.tables[0]
        p1, p2 = s1.prompts
        p3 = s2.prompts[0]

        def note(text, session, table, prompt, language, **flags):
            n = Note(session_id=session.id, table_id=table.id, prompt_id=prompt.id, text=text, language=language,
                     is_quote=flags.pop("quote", False), is_sensitive=flags.pop("sensitive", False),
                     deleted_at=utcnow() if flags.pop("deleted", False) else None)
            db.session.add(n)
            return n

        n1 = note("The streetlights on Elm go dark every night.", s1, t1, p1, "en", quote=True)
        n2 = note("Faltan luces en el parque.", s1, t2, p1, "es")
        n3 = note("Tôi bị theo dõi khi đi bộ về nhà, tên tôi là Lan.", s2, t3, p3, "vi", quote=True, sensitive=True)
        n4 = note("Lights are fine, the bus is the problem.", s1, t1, p2, "en")
        n5 = note("More lamps near the school crossing please.", s2, t3, p3, "en")
        n6 = note("A deleted note about lamps.", s1, t1, p1, "en", deleted=True)
        n7 = note("The 12 bus stops running at eight.", s1, t1, p1, "en")
        n8 = note("El autobús no pasa los domingos.", s2, t3, p3, "es", quote=True)
        n9 = note("公园需要更多长椅。", s1, t2, p2, "zh-Hans")
        run = AnalysisRun(engagement_id=engagement.id, status="done", note_count=9)
        db.session.add(run)
        db.session.flush()
        a = Theme(run_id=run.id, key="t0", position=0, machine_label="lights / street / dark", label="lights / street / dark",
                  keywords=["lights", "street", "dark"])
        b = Theme(run_id=run.id, key="t1", position=1, machine_label="bus / route", label="bus / route",
                  keywords=["bus", "route"])
        c = Theme(run_id=run.id, key="t2", position=2, machine_label="park / bench", label="park / bench",
                  keywords=["park", "bench"])
        db.session.add_all([a, b, c])
        db.session.flush()
        for theme, n, extra in [(a, n1, {}), (a, n2, {"representative": True}), (a, n3, {"representative": True}),
                                (a, n4, {"excluded": True}), (a, n5, {"is_new": True}), (a, n6, {}),
                                (b, n7, {}), (b, n8, {}), (c, n9, {})]:
            db.session.add(NoteTheme(note_id=n.id, theme_id=theme.id, assigned_by="machine", **extra))
        resolution = Resolution(engagement_id=engagement.id, number="2026-7", title="Safe streets")
        c1 = ResolutionClause(position=1, label="Section 1", kind="section", text="The city shall repair street lighting.")
        c2 = ResolutionClause(position=2, label="WHEREAS", kind="whereas", text="Residents value the riverside parks.")
        resolution.clauses.extend([c1, c2])
        plan = ActionPlan(engagement_id=engagement.id, title="Safe streets plan")
        a1 = ActionItem(position=1, number="1.1", goal="Transit", action_step="Extend evening bus service.")
        a2 = ActionItem(position=2, number="1.2", goal="Parks", action_step="Add benches along the river.")
        plan.items.extend([a1, a2])
        db.session.add_all([resolution, plan])
        db.session.flush()
        la = ThemeLink(theme_id=a.id, clause_id=c1.id, score=0.4, status="suggested")
        lb = ThemeLink(theme_id=b.id, action_item_id=a1.id, score=0.3, status="suggested")
        db.session.add_all([la, lb])
        db.session.commit()
        return {
            "run": run.id, "engagement": engagement.id, "a": a.id, "b": b.id, "c": c.id,
            **{f"n{i}": n.id for i, n in enumerate([n1, n2, n3, n4, n5, n6, n7, n8, n9], start=1)},
            "s1": s1.id, "s2": s2.id, "t1": t1.id, "t2": t2.id, "t3": t3.id, "p1": p1.id, "p2": p2.id, "p3": p3.id,
            "c1": c1.id, "c2": c2.id, "a1": a1.id, "a2": a2.id, "link_a": la.id, "link_b": lb.id,
        }
