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

The kinds, units and their sources are in ``units.py``; the vendor round trip (XLIFF 2 or
PO files) in ``vendor_files.py``.
"""
from dataclasses import asdict

from flask_babel import gettext as _
from sqlalchemy import select

from ...extensions import db
from ...models import ContentTranslation, EngagementTranslation, PromptTranslation, SessionTranslation
from ...models.types import utcnow
from ...platform import audit
from .. import ServiceError
from .units import (  # noqa: F401  (the vocabulary, read as translations.KINDS, translations.unit_key, ...)
    KINDS,
    MAX_TEXT,
    ORIGINS,
    REPORT_KINDS,
    STATUSES,
    Kind,
    Unit,
    check_language,
    languages,
    parse_key,
    source_hash,
    sources,
    unit_key,
)

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


def require_staff(actor):
    if actor is None or not actor.has_role("organizer", "admin", "analyst"):
        raise ServiceError(_("Only staff can translate."))


def clean_text(text):
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())[:MAX_TEXT]


def write_unit(actor, unit, language, text, origin, now):
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


def titles_first(key):
    """Sort key: a session's other texts hang on the row its title creates."""
    return (0 if key.split(":")[0] in ("session.title", "engagement.name") else 1, key)


def save(actor, language, entries, engagement_id=None, confirmed=()):
    """Store the workspace form: ``entries`` maps unit keys to texts. A text equal to what is
    stored is left alone (its translator and date stay) unless its key is in ``confirmed``:
    the translator checked a stale translation or a draft and keeps it. An empty text
    removes the translation. Returns how many changed."""
    require_staff(actor)
    check_language(language)
    by_key = {u.key: u for u in units(language, engagement_id)}
    now, changed = utcnow(), 0
    for key in sorted(set(entries) | set(confirmed), key=titles_first):
        unit = by_key.get(key)
        if unit is None:
            db.session.rollback()
            raise ServiceError(
                _("Something on this page changed since it was opened. Reload it and try again.")
            )
        text = clean_text(entries[key]) if key in entries else unit.text.strip()
        if text == unit.text.strip() and key not in confirmed:
            continue
        if not text and not unit.text:
            continue
        write_unit(actor, unit, language, text, "person", now)
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
            write_unit(actor, unit, language, clean_text(text), "draft", now)


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
