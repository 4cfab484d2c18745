"""The scripted demo analyst: an analysis run of every demo note, reviewed the way a person
would on the theme board (naming, merging, splitting, moving quotes, accepting with a
statement, confirming links), then published as the "What We Heard" report."""
import logging
from collections import Counter

from sqlalchemy import select

from ..extensions import db
from ..models import (
    ActionPlan,
    AnalysisRun,
    Note,
    NoteTheme,
    Report,
    Resolution,
)
from ..services import ServiceError
from ..services.insights import runs, theme_finding, theme_links, theme_review
from ..services.reports import snapshots
from . import policy as demo_policy
from . import translations

log = logging.getLogger(__name__)

# A theme is named after the topic of at least this share of its notes; below, it stays for a
# person to sort out.
MIN_TOPIC_SHARE = 0.4
# A topic the analysis gave no theme of its own is split out of a mixed theme with this many notes.
MIN_SPLIT_NOTES = 5


def review(analyst, engagement):
    """An analysis run of every note, reviewed by the demo analyst the way a person would on the
    theme board, then published as the "What We Heard" report. Skipped once a report exists."""
    if db.session.scalar(select(Report.id).where(Report.engagement_id == engagement.id)) is not None:
        return False
    run = db.session.scalar(select(AnalysisRun).where(
        AnalysisRun.engagement_id == engagement.id, AnalysisRun.status == "done").order_by(AnalysisRun.id.desc()))
    if run is None:
        run = runs.start_run(analyst, engagement.id, n_themes=demo_policy.N_THEMES)
        if run.status == "queued":  # a "db" or "rq" queue: nobody runs it while this command waits
            theme_finding.perform_run(run.id)
        db.session.refresh(run)
        if run.status != "done":
            log.warning("demo analysis run %s did not finish: %s", run.id, run.error)
            return True
    if not any(theme.status == "accepted" for theme in run.themes):  # not reviewed before
        _review_themes(analyst, engagement, run)
    try:
        # Saved as a draft first, so the report's own texts can be translated before it is
        # published: the version then freezes the demo's draft translations (awaiting review).
        snapshots.save_report(analyst, run, title=demo_policy.REPORT_TITLE,
                            introduction=demo_policy.REPORT_INTRODUCTION)
        translations.store(analyst, engagement.id)
        snapshots.save_report(analyst, run, title=demo_policy.REPORT_TITLE,
                            introduction=demo_policy.REPORT_INTRODUCTION, publish=True)
    except ServiceError as error:  # e.g. no theme could be accepted: the run stays for a person
        log.warning("demo report not published: %s", error.message)
    return True


def _topic_of_notes():
    """Demo note id -> the topic its writer had in mind (the key is "demo-<topic>-<n>")."""
    return {note_id: key.split("-")[1] for note_id, key in db.session.execute(
        select(Note.id, Note.client_id).where(Note.client_id.like("demo-%-%")))}


def _review_themes(analyst, engagement, run):
    """What a person does on the theme board: name each theme after what most of its notes are
    about, merge themes about the same thing, split a topic out of a mixed theme when the
    analysis left it without one, move quotes that strayed into the theme they speak for,
    accept the named themes with a statement and confirm their links. Mixed themes that
    remain stay suggested, for a person to sort out."""
    topic_of = _topic_of_notes()

    def topics(theme):
        note_ids = db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == theme.id))
        return Counter(topic_of[note_id] for note_id in note_ids if note_id in topic_of)

    named, mixed = {}, []
    for theme in list(run.themes):
        counts = topics(theme) if theme.status == "suggested" else None
        if not counts:
            continue
        topic, count = counts.most_common(1)[0]
        if count / sum(counts.values()) >= MIN_TOPIC_SHARE:
            named.setdefault(topic, []).append((count, theme))
        else:
            mixed.append(theme)
    for topic, found in named.items():
        found.sort(key=lambda pair: (-pair[0], pair[1].position))
        named[topic] = found[0][1]
        if len(found) > 1:
            theme_review.merge_themes(analyst, named[topic], [other for _count, other in found[1:]],
                                label=demo_policy.THEME_REVIEW[topic][0])
    for topic, (label, _statement, _links) in demo_policy.THEME_REVIEW.items():
        if topic in named or not mixed:
            continue
        theme = max(mixed, key=lambda t: (topics(t)[topic], -t.position))
        if topics(theme)[topic] < MIN_SPLIT_NOTES:
            continue
        named[topic] = theme_review.split_theme(analyst, theme, _notes_about(theme, topic, topic_of), label)
        for other in mixed:  # and gather the topic's notes from the other mixed themes
            for note_id in _notes_about(other, topic, topic_of):
                theme_review.move_note(analyst, note_id, other, named[topic].id)
    quotes = set(db.session.scalars(select(Note.id).where(Note.is_quote.is_(True))))
    for theme in named.values():  # quotes speak for their theme: move the ones that stray
        for note_id in db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == theme.id)).all():
            elsewhere = named.get(topic_of.get(note_id))
            if note_id in quotes and elsewhere is not None and elsewhere.id != theme.id:
                theme_review.move_note(analyst, note_id, theme, elsewhere.id)
    targets = _policy_targets(engagement)
    for topic, theme in named.items():
        label, statement, links = demo_policy.THEME_REVIEW[topic]
        theme_review.update_theme(analyst, theme, label=label, summary=statement, status="accepted")
        _decide_links(analyst, theme, {targets[key]: stance for key, stance in links if key in targets},
                      _related(topic, targets))


def _notes_about(theme, topic, topic_of):
    return [note_id for note_id in db.session.scalars(select(NoteTheme.note_id).where(NoteTheme.theme_id == theme.id))
            if topic_of.get(note_id) == topic]


def _related(topic, targets):
    """The clauses and actions a topic's theme may fairly link to: its section, its goal's
    actions and the WHEREAS clause about it."""
    goal, whereas = demo_policy.TOPIC_PLACES[topic]
    return {target for key, target in targets.items()
            if key in (f"Section {goal}", f"Whereas {whereas}") or ("." in key and key.split(".")[0] == str(goal))}


def _decide_links(analyst, theme, wanted, related):
    """Confirm the analysis's suggestions that fit (with the analyst's stance, else "supports"),
    reject the others, and add the links the analysis did not suggest."""
    for link in theme_review.theme_links(theme):
        if link.status != "suggested":
            continue
        target = ("clause", link.clause_id) if link.clause_id else ("action", link.action_item_id)
        if target in wanted or target in related:
            theme_links.decide_link(analyst, link.id, "confirmed", stance=wanted.pop(target, "supports"), theme=theme)
        else:
            theme_links.decide_link(analyst, link.id, "rejected", theme=theme)
    for (kind, target_id), stance in wanted.items():
        theme_links.add_link(analyst, theme, f"{kind}:{target_id}", stance=stance)


def _policy_targets(engagement):
    """The demo resolution's clauses by label and the demo plan's items by number, as
    ("clause" or "action", id)."""
    targets = {}
    resolution = db.session.scalar(select(Resolution).where(
        Resolution.engagement_id == engagement.id, Resolution.number == demo_policy.RESOLUTION_NUMBER))
    for clause in resolution.clauses if resolution else ():
        targets.setdefault(clause.label, ("clause", clause.id))
    plan = db.session.scalar(select(ActionPlan).where(
        ActionPlan.engagement_id == engagement.id, ActionPlan.title == demo_policy.PLAN_TITLE))
    for item in plan.items if plan else ():
        if item.number:
            targets.setdefault(item.number, ("action", item.id))
    return targets
