"""Translating what organizers and analysts write for the public, in one place.

Every translatable text is a *unit*: a kind ("report.title", "theme.statement",
"action.departments", ...), the id of its row, and its source text in the engagement's
default language. For each language a unit is

- ``translated``: a translation exists and was made from the current source;
- ``stale``: a translation exists but the source changed since (its ``source_hash`` differs);
- ``missing``: no translation.

Where the text lives. Texts written before this module (engagement names and descriptions,
session texts, prompts) keep their own ``*Translation`` tables, because the session and
engagement forms, the public pages, the e-mails and the exports already read them there:
moving them would touch every one of those for no gain to residents. The workspace reads
and writes both through the one interface below; for those kinds a ``ContentTranslation``
row keeps only who translated it, when, and from which source (``source_hash``), and a text
changed elsewhere (on the session form) counts as current. Every other kind lives only in
``content_translations``.

Vendor round trip: :func:`export` writes what is missing or stale for one language as
XLIFF 2 or PO with translate-toolkit; each unit's id is ``kind:object_id`` and carries the
source text, so :func:`preview_import` can refuse a unit whose source changed since the
export (stale), a unit it does not know, a file for another language, or a file it cannot
read. The import is all or nothing, through the same preview staging as note imports.
"""

import hashlib
import os
from dataclasses import asdict, dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ...extensions import db
from ...models import (
    ActionItem,
    ActionPlan,
    ActionStatusChange,
    ContentTranslation,
    Engagement,
    EngagementTranslation,
    EquityOption,
    EquityQuestion,
    ListeningSession,
    Measure,
    MeasureReading,
    PlanGoal,
    PlanReview,
    PlanReviewItem,
    PlanStrategy,
    Prompt,
    PromptTranslation,
    Report,
    Resolution,
    ResolutionClause,
    SessionTranslation,
    Theme,
    ThemeResponse,
)
from ...models.types import utcnow
from ...platform import audit, staging
from ...platform.staging import ImportRefused
from .. import ServiceError

STATUSES = ("missing", "stale", "translated")
ORIGINS = ("person", "vendor", "draft")
MAX_TEXT = 10_000
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Kind:
    key: str
    label: object  # a lazy string
    model: type
    attr: str
    legacy: tuple | None = None  # (translation model, its foreign key column, its field)


KINDS = {
    k.key: k
    for k in (
        Kind(
            "engagement.name",
            _l("Listening process name"),
            Engagement,
            "name",
            (EngagementTranslation, "engagement_id", "name"),
        ),
        Kind(
            "engagement.description",
            _l("Listening process description"),
            Engagement,
            "description",
            (EngagementTranslation, "engagement_id", "description"),
        ),
        Kind(
            "session.title",
            _l("Session title"),
            ListeningSession,
            "title",
            (SessionTranslation, "session_id", "title"),
        ),
        Kind(
            "session.description",
            _l("Session description"),
            ListeningSession,
            "description",
            (SessionTranslation, "session_id", "description"),
        ),
        Kind(
            "session.directions",
            _l("Directions"),
            ListeningSession,
            "directions",
            (SessionTranslation, "session_id", "directions"),
        ),
        Kind(
            "session.access_info",
            _l("Access"),
            ListeningSession,
            "access_info",
            (SessionTranslation, "session_id", "access_info"),
        ),
        Kind("prompt.text", _l("Prompt"), Prompt, "text", (PromptTranslation, "prompt_id", "text")),
        Kind("report.title", _l("Report title"), Report, "title"),
        Kind("report.introduction", _l("Report introduction"), Report, "introduction"),
        Kind("theme.label", _l("Theme name"), Theme, "label"),
        Kind("theme.statement", _l("What we heard"), Theme, "summary"),
        Kind("response.reason", _l("The city's response"), ThemeResponse, "reason"),
        Kind("response.answered_by", _l("Who answers for the response"), ThemeResponse, "answered_by"),
        Kind("resolution.title", _l("Resolution title"), Resolution, "title"),
        Kind("clause.text", _l("Clause"), ResolutionClause, "text"),
        Kind("plan.title", _l("Action plan title"), ActionPlan, "title"),
        Kind("action.goal", _l("Action goal"), ActionItem, "goal"),
        Kind("action.action_step", _l("Action"), ActionItem, "action_step"),
        Kind("action.departments", _l("Departments"), ActionItem, "departments"),
        Kind("action.progress_note", _l("Progress note"), ActionItem, "progress_note"),
        # Plans people can monitor (the plan tracker, app/services/plans/tracker.py).
        Kind("goal.title", _l("Plan goal"), PlanGoal, "title"),
        Kind("strategy.title", _l("Plan strategy"), PlanStrategy, "title"),
        Kind("action.owner", _l("Action owner"), ActionItem, "owner"),
        Kind("action.partners", _l("Action partners"), ActionItem, "partners"),
        Kind("measure.name", _l("Measure of success"), Measure, "name"),
        Kind("measure.unit", _l("Unit of a measure"), Measure, "unit"),
        Kind("reading.source", _l("Source of a reading"), MeasureReading, "source"),
        Kind("status.note", _l("Note on a status change"), ActionStatusChange, "note"),
        Kind("review.participants", _l("Who took part in a plan review"), PlanReview, "participants"),
        Kind("review.summary", _l("Plan review summary"), PlanReview, "summary"),
        Kind("review_item.reason", _l("Why a review adjusted an action"), PlanReviewItem, "reason"),
        Kind("equity.option", _l("Registration answer (district)"), EquityOption, "label"),
    )
}

# The kinds a published report's snapshot carries (its completeness counts these).
REPORT_KINDS = (
    "report.title",
    "report.introduction",
    "theme.label",
    "theme.statement",
    "clause.text",
    "action.goal",
    "action.action_step",
    "action.departments",
)


def source_hash(text):
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


def unit_key(kind, object_id):
    return f"{kind}:{object_id}"


def parse_key(key):
    """(kind, object_id) from ``kind:object_id``; None when it is not one."""
    kind, sep, ident = (key or "").rpartition(":")
    if not sep or kind not in KINDS or not ident.isdigit():
        return None
    return kind, int(ident)


def languages():
    return list(current_app.config["HEARD_LANGUAGES"])


def check_language(language):
    if language not in languages():
        raise ServiceError(_("Choose one of the site's languages."), field="language")
    return language


@dataclass
class Unit:
    kind: str
    object_id: int
    source: str
    source_language: str
    context: str  # where the text appears, e.g. the report or the plan it belongs to
    language: str = ""
    text: str = ""
    status: str = "missing"
    origin: str = ""
    translated_by: str = ""
    translated_at: object = None

    @property
    def key(self):
        return unit_key(self.kind, self.object_id)

    @property
    def label(self):
        return KINDS[self.kind].label

    @property
    def awaiting_review(self):
        return self.origin == "draft" and self.status != "missing"


# --- Sources -------------------------------------------------------------------------------


def _defaults():
    return dict(db.session.execute(select(Engagement.id, Engagement.default_language)).all())


def _legacy_sources(defaults, engagement_id):
    """Units of the kinds kept in the older *Translation tables, from the default-language row."""
    units = []
    engagements = db.session.scalars(select(Engagement).order_by(Engagement.id)).all()
    for engagement in engagements:
        if engagement_id and engagement.id != engagement_id:
            continue
        rows = {t.language: t for t in engagement.translations}
        source = rows.get(engagement.default_language)
        for field in ("name", "description"):
            if source is not None and getattr(source, field):
                units.append(
                    Unit(
                        f"engagement.{field}",
                        engagement.id,
                        getattr(source, field),
                        engagement.default_language,
                        engagement.slug,
                    )
                )
    query = select(ListeningSession).order_by(ListeningSession.starts_at, ListeningSession.id)
    if engagement_id:
        query = query.where(ListeningSession.engagement_id == engagement_id)
    for session in db.session.scalars(query):
        default = defaults.get(session.engagement_id, "en")
        rows = {t.language: t for t in session.translations}
        source = rows.get(default)
        if source is not None:
            for field in ("title", "description", "directions", "access_info"):
                if getattr(source, field):
                    units.append(
                        Unit(
                            f"session.{field}",
                            session.id,
                            getattr(source, field),
                            default,
                            session.slug,
                        )
                    )
        for prompt in session.prompts:
            texts = {t.language: t.text for t in prompt.translations}
            if texts.get(default):
                units.append(
                    Unit(
                        "prompt.text",
                        prompt.id,
                        texts[default],
                        default,
                        f"{session.slug} #{prompt.position}",
                    )
                )
    return units


def _content_sources(defaults, engagement_id):
    units = []

    def add(kind, obj, engagement, context):
        text = getattr(obj, KINDS[kind].attr) or ""
        if text.strip() and (not engagement_id or engagement == engagement_id):
            units.append(Unit(kind, obj.id, text, defaults.get(engagement, "en"), context))

    for report in db.session.scalars(select(Report).order_by(Report.id)):
        add("report.title", report, report.engagement_id, report.title)
        add("report.introduction", report, report.engagement_id, report.title)
        if report.run_id:
            themes = db.session.scalars(
                select(Theme)
                .where(Theme.run_id == report.run_id, Theme.status == "accepted")
                .order_by(Theme.position, Theme.id)
            ).all()
            for theme in themes:
                add("theme.label", theme, report.engagement_id, report.title)
                add(
                    "theme.statement", theme, report.engagement_id, f"{report.title}: {theme.label}"
                )
            answered = db.session.scalars(select(ThemeResponse).where(
                ThemeResponse.theme_id.in_([theme.id for theme in themes]))).all() if themes else []
            for response in answered:
                for kind in ("response.reason", "response.answered_by"):
                    add(kind, response, report.engagement_id, f"{report.title}: {response.theme.label}")
    for resolution in db.session.scalars(select(Resolution).order_by(Resolution.id)):
        name = resolution.number or resolution.title
        add("resolution.title", resolution, resolution.engagement_id, name)
        for clause in resolution.clauses:
            add("clause.text", clause, resolution.engagement_id, f"{name} {clause.label}".strip())
    for plan in db.session.scalars(select(ActionPlan).order_by(ActionPlan.id)):
        add("plan.title", plan, plan.engagement_id, plan.title)
        for item in plan.items:
            context = f"{plan.title} {item.number}".strip()
            for field in ("goal", "action_step", "departments", "progress_note"):
                add(f"action.{field}", item, plan.engagement_id, context)
        _plan_monitoring_sources(add, plan)
    for option in db.session.scalars(select(EquityOption).join(EquityQuestion).order_by(
            EquityQuestion.engagement_id, EquityOption.position, EquityOption.id)):
        add("equity.option", option, option.question.engagement_id, option.label)
    return units


def _plan_monitoring_sources(add, plan):
    """The plan's goals, strategies, owners, measures, status notes and reviews."""
    engagement = plan.engagement_id
    for goal in plan.goals:
        add("goal.title", goal, engagement, f"{plan.title} {goal.number}".strip())
    for strategy in plan.strategies:
        add("strategy.title", strategy, engagement, f"{plan.title} {strategy.number}".strip())
    measures = [m for goal in plan.goals for m in goal.measures] + [
        m for strategy in plan.strategies for m in strategy.measures]
    for item in plan.items:
        context = f"{plan.title} {item.number}".strip()
        add("action.owner", item, engagement, context)
        add("action.partners", item, engagement, context)
        for change in item.status_changes:
            add("status.note", change, engagement, context)
        measures += list(item.measures)
    for measure in measures:
        add("measure.name", measure, engagement, plan.title)
        add("measure.unit", measure, engagement, measure.name)
        for reading in measure.readings:
            add("reading.source", reading, engagement, measure.name)
    for review in plan.reviews:
        context = f"{plan.title} {review.held_on.isoformat() if review.held_on else ''}".strip()
        add("review.participants", review, engagement, context)
        add("review.summary", review, engagement, context)
        for entry in review.entries:
            add("review_item.reason", entry, engagement, context)


def sources(engagement_id=None):
    """Every unit with a source text, in the order the workspace lists them."""
    defaults = _defaults()
    return _legacy_sources(defaults, engagement_id) + _content_sources(defaults, engagement_id)


# --- Status --------------------------------------------------------------------------------


def _stored(language, kinds=None):
    query = select(ContentTranslation).where(ContentTranslation.language == language)
    if kinds:
        query = query.where(ContentTranslation.kind.in_(kinds))
    return {unit_key(r.kind, r.object_id): r for r in db.session.scalars(query)}


def _legacy_texts(language):
    """{unit key: text} for the legacy kinds in ``language``."""
    texts = {}
    for row in db.session.scalars(
        select(EngagementTranslation).where(EngagementTranslation.language == language)
    ):
        for field in ("name", "description"):
            texts[unit_key(f"engagement.{field}", row.engagement_id)] = getattr(row, field) or ""
    for row in db.session.scalars(
        select(SessionTranslation).where(SessionTranslation.language == language)
    ):
        for field in ("title", "description", "directions", "access_info"):
            texts[unit_key(f"session.{field}", row.session_id)] = getattr(row, field) or ""
    for row in db.session.scalars(
        select(PromptTranslation).where(PromptTranslation.language == language)
    ):
        texts[unit_key("prompt.text", row.prompt_id)] = row.text or ""
    return texts


def _fill(unit, language, stored, legacy):
    unit.language = language
    meta = stored.get(unit.key)
    if KINDS[unit.kind].legacy:
        text = legacy.get(unit.key, "")
        # A text typed on the session or engagement form since counts as current.
        stale = (
            meta is not None and meta.text == text and meta.source_hash != source_hash(unit.source)
        )
    else:
        text = meta.text if meta is not None else ""
        stale = meta is not None and meta.source_hash != source_hash(unit.source)
    unit.text = text
    if not text.strip():
        unit.status = "missing"
    else:
        unit.status = "stale" if stale else "translated"
    if meta is not None and (not KINDS[unit.kind].legacy or meta.text == text):
        unit.origin = meta.origin
        unit.translated_by = meta.translated_by.name if meta.translated_by else ""
        unit.translated_at = meta.translated_at
    return unit


def units(language, engagement_id=None, status=None):
    """Every unit to translate into ``language`` (units already written in it are left out)."""
    check_language(language)
    stored, legacy = _stored(language), _legacy_texts(language)
    result = [
        _fill(u, language, stored, legacy)
        for u in sources(engagement_id)
        if u.source_language != language
    ]
    if status in STATUSES:
        result = [u for u in result if u.status == status]
    return result


def overview(engagement_id=None):
    """[(language, {"translated": n, "stale": n, "missing": n, "draft": n, "total": n})]."""
    every = sources(engagement_id)
    result = []
    for language in languages():
        stored, legacy = _stored(language), _legacy_texts(language)
        counts = dict.fromkeys(STATUSES, 0) | {"draft": 0, "total": 0}
        for unit in every:
            if unit.source_language == language:
                continue
            unit = _fill(Unit(**{**asdict(unit)}), language, stored, legacy)
            counts[unit.status] += 1
            counts["draft"] += unit.awaiting_review
            counts["total"] += 1
        result.append((language, counts))
    return result


# --- Writing -------------------------------------------------------------------------------


def _require_staff(actor):
    if actor is None or not actor.has_role("organizer", "admin", "analyst"):
        raise ServiceError(_("Only staff can translate."))


def _clean(text):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())[:MAX_TEXT]


def _write(actor, unit, language, text, origin, now):
    """Store one translation of ``unit`` (empty text removes it). Caller commits."""
    kind = KINDS[unit.kind]
    meta = db.session.scalar(
        select(ContentTranslation).where(
            ContentTranslation.kind == unit.kind,
            ContentTranslation.object_id == unit.object_id,
            ContentTranslation.language == language,
        )
    )
    if kind.legacy:
        model, column, field = kind.legacy
        row = db.session.scalar(
            select(model).where(
                getattr(model, column) == unit.object_id, model.language == language
            )
        )
        if row is None and text:
            if model is PromptTranslation:
                row = PromptTranslation(prompt_id=unit.object_id, language=language, text=text)
            elif field not in ("name", "title"):
                raise ServiceError(
                    _("Translate the title first: %(what)s is shown under it.", what=kind.label)
                )
            else:
                row = model(**{column: unit.object_id, "language": language, field: text})
            db.session.add(row)
        if row is not None:
            if not text and field in ("name", "title", "text"):
                db.session.delete(row)  # the page falls back to the source as a whole
            else:
                setattr(row, field, text[:200] if field in ("name", "title") else text)
    if not text:
        if meta is not None:
            db.session.delete(meta)
        return
    if meta is None:
        meta = ContentTranslation(kind=unit.kind, object_id=unit.object_id, language=language)
        db.session.add(meta)
    meta.text = text[:200] if kind.legacy and kind.legacy[2] in ("name", "title") else text
    meta.source_hash, meta.origin = source_hash(unit.source), origin
    meta.translated_by_id, meta.translated_at = getattr(actor, "id", None), now


def _titles_first(key):
    """Sort key: a session's other texts hang on the row its title creates."""
    return (0 if key.split(":")[0] in ("session.title", "engagement.name") else 1, key)


def save(actor, language, entries, engagement_id=None, confirmed=()):
    """Store the workspace form: ``entries`` maps unit keys to texts. A text equal to what is
    stored is left alone (its translator and date stay) unless its key is in ``confirmed``:
    the translator checked a stale translation or a draft and keeps it. An empty text
    removes the translation. Returns how many changed."""
    _require_staff(actor)
    check_language(language)
    by_key = {u.key: u for u in units(language, engagement_id)}
    now, changed = utcnow(), 0
    for key in sorted(set(entries) | set(confirmed), key=_titles_first):
        unit = by_key.get(key)
        if unit is None:
            db.session.rollback()
            raise ServiceError(
                _("Something on this page changed since it was opened. Reload it and try again.")
            )
        text = _clean(entries[key]) if key in entries else unit.text.strip()
        if text == unit.text.strip() and key not in confirmed:
            continue
        if not text and not unit.text:
            continue
        _write(actor, unit, language, text, "person", now)
        changed += 1
    if changed:
        audit.record(actor, "translation.save", None, language=language, count=changed)
    db.session.commit()
    return changed


def store_drafts(actor, language, drafts):
    """Store first drafts ({unit key: text}) nobody reviewed yet (the demo's). Caller commits."""
    by_key = {u.key: u for u in units(language)}
    now = utcnow()
    for key, text in drafts.items():
        unit = by_key.get(key)
        if unit is not None and text:
            _write(actor, unit, language, _clean(text), "draft", now)


# --- Reading for public pages ----------------------------------------------------------------


def lookup(language, keys):
    """{unit key: text} of the current (not stale) translations of ``keys`` in ``language``.

    Only for the kinds kept in ``content_translations``; the legacy kinds are read from their
    own tables by the pages that show them."""
    return lookup_many([language], keys).get(language, {})


def lookup_many(wanted_languages, keys):
    """{language: {unit key: text}} of the current (not stale) translations of ``keys`` in each
    of ``wanted_languages``: :func:`lookup` for several languages at once, with two queries per
    kind (the sources, then their translations in every language) instead of two per kind and
    language."""
    wanted_languages = [code for code in dict.fromkeys(wanted_languages) if code in languages()]
    wanted = {}
    for key in keys:
        parsed = parse_key(key)
        if parsed and not KINDS[parsed[0]].legacy:
            wanted.setdefault(parsed[0], {})[parsed[1]] = key
    found = {code: {} for code in wanted_languages}
    if not wanted or not wanted_languages:
        return found
    for kind, ids in wanted.items():
        spec = KINDS[kind]
        hashes = {
            object_id: source_hash(text)
            for object_id, text in db.session.execute(
                select(spec.model.id, getattr(spec.model, spec.attr)).where(spec.model.id.in_(list(ids)))
            )
        }
        rows = db.session.execute(
            select(ContentTranslation.object_id, ContentTranslation.language, ContentTranslation.text,
                   ContentTranslation.source_hash).where(
                ContentTranslation.kind == kind,
                ContentTranslation.language.in_(wanted_languages),
                ContentTranslation.object_id.in_(list(ids)),
            )
        )
        for object_id, language, text, row_hash in rows:
            if text and row_hash == hashes.get(object_id, source_hash(None)):
                found[language][ids[object_id]] = text
    return found


def snapshot_units(snapshot, report):
    """{unit key: source text} for everything a report snapshot shows that can be translated."""
    result = {
        unit_key("report.title", report.id): snapshot.get("title") or "",
        unit_key("report.introduction", report.id): snapshot.get("introduction") or "",
    }
    for theme in snapshot.get("themes", []):
        result[unit_key("theme.label", theme["id"])] = theme.get("label") or ""
        result[unit_key("theme.statement", theme["id"])] = theme.get("statement") or ""
        for clause in theme.get("clauses", []):
            result[unit_key("clause.text", clause["id"])] = clause.get("text") or ""
        for action in theme.get("actions", []):
            for field in ("goal", "action_step", "departments"):
                result[unit_key(f"action.{field}", action["id"])] = action.get(field) or ""
    return {key: text for key, text in result.items() if text.strip()}


def report_completeness(snapshot, report):
    """[(language, translated, total, complete)] for what publishing ``snapshot`` now would
    show, and {language: {unit key: text}} of the current translations to freeze with it."""
    wanted = snapshot_units(snapshot, report)
    source_language = (snapshot.get("engagement") or {}).get("default_language") or "en"
    rows, frozen = [], {}
    found_by_language = lookup_many([code for code in languages() if code != source_language], wanted)
    for language in languages():
        if language == source_language:
            rows.append((language, len(wanted), len(wanted), True))
            continue
        found = {key: text for key, text in found_by_language[language].items() if key in wanted}
        frozen[language] = found
        rows.append((language, len(found), len(wanted), len(found) == len(wanted)))
    return rows, frozen


# --- Vendor files --------------------------------------------------------------------------

FORMATS = {"xliff": ("xlf", "application/xliff+xml"), "po": ("po", "text/x-gettext-translation")}


def export(language, fmt, engagement_id=None):
    """(bytes, filename, mimetype): what is missing or stale in ``language``, for a vendor."""
    from translate.storage import po, xliff2

    check_language(language)
    todo = [u for u in units(language, engagement_id) if u.status != "translated"]
    source_language = todo[0].source_language if todo else "en"
    if fmt == "xliff":
        store = xliff2.Xliff2File(sourcelanguage=source_language)
    elif fmt == "po":
        store = po.pofile()
        store.updateheader(add=True, Project_Id_Version="Heard content", Language=language)
    else:
        raise ServiceError(_("Choose XLIFF or PO."))
    store.settargetlanguage(language)
    for unit in todo:
        entry = store.addsourceunit(unit.source)
        if fmt == "xliff":
            entry.setid(unit.key)
        else:
            entry.setcontext(unit.key)
        entry.addnote(f"{unit.kind} · {unit.context}"[:500], origin="developer")
        if unit.status == "stale":
            entry.addnote(
                "The source changed since the last translation: " + unit.text[:2000],
                origin="developer",
            )
    extension, mimetype = FORMATS[fmt]
    return bytes(store), f"heard-{language}-{utcnow():%Y%m%d}.{extension}", mimetype


@dataclass
class ImportRow:
    key: str
    source: str
    text: str
    label: str = ""
    current: str = ""
    problem: str = ""


@dataclass
class ImportPreview:
    token: str
    filename: str
    language: str
    rows: list

    @property
    def ok(self):
        return bool(self.rows) and not any(r.problem for r in self.rows)

    @property
    def problem_count(self):
        return sum(1 for r in self.rows if r.problem)


STAGING = staging.Staging("translation-imports")


def _read_file(filename, data):
    """[(unit id, source, target)] and the file's target language. ImportRefused if unreadable."""
    from translate.storage import po, xliff2

    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(
            _("The file is larger than %(mb)d MB.", mb=MAX_FILE_BYTES // 1024 // 1024)
        )
    name = (filename or "").lower()
    unreadable = ImportRefused(
        _(
            "This file could not be read as XLIFF 2 or PO. Upload the file exported "
            "from this page, translated."
        )
    )
    try:
        if (
            name.endswith((".xlf", ".xliff"))
            or data.lstrip()[:5] == b"<?xml"
            or data.lstrip()[:6] == b"<xliff"
        ):
            store = xliff2.Xliff2File.parsestring(data)
            if not store.namespace or "xliff:document:2" not in store.namespace:
                raise unreadable
            entries = [(u.getid(), u.source, u.target) for u in store.units]
        else:
            store = po.pofile.parsestring(data)
            entries = [
                (u.getcontext(), u.source, u.target) for u in store.units if not u.isheader()
            ]
        language = store.gettargetlanguage() or ""
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - translate-toolkit raises many kinds on bad input
        raise unreadable from None
    return entries, language


def _check_rows(language, entries):
    by_key = {u.key: u for u in units(language)}
    rows = []
    for key, source, target in entries:
        key, source, target = str(key or ""), str(source or ""), _clean(str(target or ""))
        row = ImportRow(key=key, source=source, text=target)
        unit = by_key.get(key)
        if unit is None:
            row.problem = _("Unknown unit: it is not a text of this site (or it was deleted).")
        else:
            row.label, row.current = str(unit.label), unit.text
            if source_hash(source) != source_hash(unit.source):
                row.problem = _(
                    "Stale: the source text changed after the file was exported. Export again."
                )
            elif not target:
                row.problem = _("No translation in the file for this unit.")
        rows.append(row)
    return rows


def preview_import(actor, language, filename, data):
    """Check a vendor file for ``language`` and keep its preview for :func:`commit_import`."""
    _require_staff(actor)
    check_language(language)
    entries, file_language = _read_file(filename, data)
    if file_language and file_language.replace("_", "-").lower() != language.lower():
        raise ImportRefused(
            _(
                "This file is for the language %(found)s, not %(wanted)s.",
                found=file_language,
                wanted=language,
            )
        )
    if not entries:
        raise ImportRefused(_("The file has no units to import."))
    rows = _check_rows(language, entries)
    db.session.rollback()  # only reads
    filename = os.path.basename(filename or "")
    token = STAGING.save(
        actor, {"filename": filename, "language": language, "rows": [asdict(r) for r in rows]}
    )
    return ImportPreview(token, filename, language, rows)


def commit_import(actor, token):
    """Store every unit of a checked preview, or none. Returns how many were stored."""
    _require_staff(actor)
    stored = STAGING.claim(actor, token)
    language = check_language(stored.get("language"))
    rows = _check_rows(language, [(r["key"], r["source"], r["text"]) for r in stored["rows"]])
    if not rows or any(r.problem for r in rows):
        db.session.rollback()
        raise ImportRefused(
            _("Some units were refused, so nothing was stored. Fix the file and upload it again.")
        )
    by_key = {u.key: u for u in units(language)}
    now = utcnow()
    for row in sorted(rows, key=lambda r: _titles_first(r.key)):
        _write(actor, by_key[row.key], language, row.text, "vendor", now)
    audit.record(
        actor,
        "translation.import",
        None,
        language=language,
        count=len(rows),
        filename=stored.get("filename", ""),
    )
    db.session.commit()
    return len(rows)
