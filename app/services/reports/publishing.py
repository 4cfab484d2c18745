"""Publishing the next version of an engagement's report: a preview of exactly what the public
will see, what changed since the version now public, and a confirmation naming the engagement.

Nothing public changes before :func:`publish` is called with the engagement's name typed by a
person and the fingerprint of the preview they saw: when the themes, quotes or links changed
since (someone else kept working), the publication is refused and the person looks again.
"""
import hashlib
import json
from dataclasses import dataclass, field
from types import SimpleNamespace

from flask import current_app
from flask_babel import gettext as _

from ...extensions import db
from ...models import Engagement
from ...models.types import utcnow
from ...platform import jobs
from .. import ServiceError
from . import snapshots

RENAMED_OVERLAP = 0.5  # share of notes in common for a theme of a later run to be "the same" theme


@dataclass
class Diff:
    """What a new version changes against the version now public."""

    first: bool  # no version before: everything is new
    added: list = field(default_factory=list)  # theme labels
    removed: list = field(default_factory=list)
    renamed: list = field(default_factory=list)  # (old label, new label)
    quotes_in: list = field(default_factory=list)  # (theme label, quote)
    quotes_out: list = field(default_factory=list)
    counts: list = field(default_factory=list)  # (what, before, after) where they differ
    theme_counts: list = field(default_factory=list)  # (theme label, notes before, notes after)

    @property
    def unchanged(self):
        return not (self.first or self.added or self.removed or self.renamed or self.quotes_in
                    or self.quotes_out or self.counts or self.theme_counts)


@dataclass
class Preview:
    report: object
    snapshot: dict
    previous: object  # the version now public (or the last one published), or None
    diff: Diff
    fingerprint: str
    version: object  # number and date the new version would get
    completeness: list
    engagement_names: list


def fingerprint(snapshot):
    """A short hash of everything a version would freeze."""
    text = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _overlap(a, b):
    a, b = set(a or ()), set(b or ())
    return len(a & b) / len(a | b) if a and b else 0.0


def _match_themes(old_themes, new_themes):
    """[(old, new)] pairs of the same theme: the same id, else the same label, else most notes
    in common (a later run's theme); the rest are added or removed."""
    pairs, old_left, new_left = [], list(old_themes), list(new_themes)

    def take(test):
        for new in list(new_left):
            match = next((old for old in old_left if test(old, new)), None)
            if match is not None:
                pairs.append((match, new))
                old_left.remove(match)
                new_left.remove(new)

    take(lambda old, new: old.get("id") == new.get("id"))
    take(lambda old, new: old["label"].strip().casefold() == new["label"].strip().casefold())
    candidates = sorted(((_overlap(old.get("note_ids"), new.get("note_ids")), i, j)
                         for i, old in enumerate(old_left) for j, new in enumerate(new_left)), reverse=True)
    used_old, used_new = set(), set()
    for score, i, j in candidates:
        if score >= RENAMED_OVERLAP and i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((old_left[i], new_left[j]))
    old_left = [t for i, t in enumerate(old_left) if i not in used_old]
    new_left = [t for j, t in enumerate(new_left) if j not in used_new]
    return pairs, old_left, new_left


def _quotes(snapshot):
    return {(q.get("note_id"), q["text"]): (theme["label"], q) for theme in snapshot.get("themes", [])
            for q in theme.get("quotes", [])}


def _totals(snapshot):
    totals = snapshot.get("totals") or {}
    return {
        "themes": len(snapshot.get("themes", [])),
        "notes": sum(t["counts"]["notes"] for t in snapshot.get("themes", [])),
        "sessions": totals.get("sessions", 0),
        "attendance": totals.get("attendance", 0),
        "languages": len(totals.get("languages", [])),
    }


def total_labels():
    return {"themes": _("Themes"), "notes": _("Notes counted in themes"), "sessions": _("Sessions"),
            "attendance": _("People"), "languages": _("Languages")}


def diff_snapshots(old, new):
    """A :class:`Diff` of ``new`` against ``old`` (None: the first version)."""
    if not old:
        return Diff(first=True, added=[t["label"] for t in new.get("themes", [])])
    pairs, removed, added = _match_themes(old.get("themes", []), new.get("themes", []))
    diff = Diff(first=False, added=[t["label"] for t in added], removed=[t["label"] for t in removed])
    for before, after in pairs:
        if before["label"] != after["label"]:
            diff.renamed.append((before["label"], after["label"]))
        if before["counts"]["notes"] != after["counts"]["notes"]:
            diff.theme_counts.append((after["label"], before["counts"]["notes"], after["counts"]["notes"]))
    old_quotes, new_quotes = _quotes(old), _quotes(new)
    diff.quotes_in = [new_quotes[key] for key in new_quotes if key not in old_quotes]
    diff.quotes_out = [old_quotes[key] for key in old_quotes if key not in new_quotes]
    labels = total_labels()
    before, after = _totals(old), _totals(new)
    diff.counts = [(labels[key], before[key], after[key]) for key in before if before[key] != after[key]]
    return diff


def engagement_names(engagement_id):
    """The names a person may type to confirm: the engagement's name in each of its languages."""
    engagement = db.session.get(Engagement, engagement_id)
    names = [t.name for t in sorted(engagement.translations, key=lambda t: t.language != engagement.default_language)
             if t.name.strip()]
    return names or [engagement.slug]


def _normal(text):
    return " ".join((text or "").split()).casefold()


def check_publishable(run):
    """ServiceError while the run has no accepted theme: a report needs one."""
    if not snapshots.accepted_themes(run.id):
        raise ServiceError(_("Accept at least one theme before publishing."))


def preview(run):
    """The :class:`Preview` of the next version; ServiceError before the report is saved or
    while no theme is accepted."""
    report = snapshots.report_for_run(run)
    if report is None:
        raise ServiceError(_("Save the report's title first."))
    check_publishable(run)
    completeness = []
    snapshot = snapshots.publishable_snapshot(run, report, completeness)
    previous = snapshots.latest_version(report)
    number = previous.number + 1 if previous else 1
    return Preview(
        report=report, snapshot=snapshot, previous=previous,
        diff=diff_snapshots(previous.snapshot if previous else None, snapshot), fingerprint=fingerprint(snapshot),
        version=SimpleNamespace(number=number, published_at=utcnow()), completeness=completeness,
        engagement_names=engagement_names(run.engagement_id),
    )


def publish(actor, run, *, confirmation, seen):
    """Publish the previewed version: ``confirmation`` must be the engagement's name and
    ``seen`` the fingerprint of the preview the person saw. Returns the new version."""
    current = preview(run)
    if _normal(confirmation) not in {_normal(name) for name in current.engagement_names}:
        raise ServiceError(_("Type the name of the listening process to confirm: %(name)s",
                             name=current.engagement_names[0]), field="confirmation")
    if seen != current.fingerprint:
        raise ServiceError(_("The report changed since this preview (themes, quotes or links were edited). "
                             "Look at the new preview, then confirm again."))
    version = snapshots.add_version(actor, current.report, current.snapshot)
    # "You said, we did" to the residents who asked, queued by a job once this commits.
    jobs.enqueue("digests.queue", {}, max_attempts=current_app.config["OUTBOX_MAX_ATTEMPTS"])
    db.session.commit()
    jobs.kick()
    return version
