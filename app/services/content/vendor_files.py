"""The vendor round trip: :func:`export` writes what is missing or stale for one language as
XLIFF 2 or PO with translate-toolkit; each unit's id is ``kind:object_id`` and carries the
source text, so :func:`preview_import` can refuse a unit whose source changed since the
export (stale), a unit it does not know, a file for another language, or a file it cannot
read. The import is all or nothing, through the same preview staging as note imports."""
import os
from dataclasses import asdict, dataclass

from flask_babel import gettext as _

from ...extensions import db
from ...models.types import utcnow
from ...platform import audit, staging
from ...platform.staging import ImportRefused
from .. import ServiceError
from .translations import clean_text, require_staff, titles_first, units, write_unit
from .units import MAX_FILE_BYTES, check_language, source_hash

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
        key, source, target = str(key or ""), str(source or ""), clean_text(str(target or ""))
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
    require_staff(actor)
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
    require_staff(actor)
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
    for row in sorted(rows, key=lambda r: titles_first(r.key)):
        write_unit(actor, by_key[row.key], language, row.text, "vendor", now)
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
