"""The public action tracker: every action item with its status, overdue flag, and the
published themes and quotes behind it, counted by status and by department."""
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...extensions import db
from ...models import ACTION_STATUSES, ActionItem, ActionPlan
from ..content import translations
from ..reports.snapshots import engagement_list, latest_version, published_reports
from ..reports.texts import Translator
from . import commitments

TRACKER_QUOTES = 2  # quotes per action on the tracker


@dataclass
class ActionRow:
    item: ActionItem
    departments: list
    overdue: bool
    themes: list = field(default_factory=list)  # {"label", "report_id", "theme_id", "stance"}
    quotes: list = field(default_factory=list)  # {"text", "language", "translation_en"}


@dataclass
class Tracker:
    rows: list
    status_counts: list  # (status, count) in ACTION_STATUSES order, for the filtered rows
    overdue: list
    by_department: list  # (department, items, complete, overdue), largest first
    departments: list  # every department named, for the filter
    engagements: list
    total: int
    filters: dict
    # (item id, departments, source language) of every item the filter lists, to translate them.
    department_sources: list = field(default_factory=list)


def split_departments(text):
    return [part.strip() for part in re.split(r"[;,]", text or "") if part.strip()]


def _published_evidence():
    """action item id -> (themes, quotes) from the latest version of each published report."""
    evidence = {}
    for report in published_reports():
        version = latest_version(report)
        if version is None:
            continue
        frozen = (version.snapshot or {}).get("translations") or {}
        engagement = (version.snapshot or {}).get("engagement") or {}
        source_language = engagement.get("default_language") or "en"
        for theme in (version.snapshot or {}).get("themes", []):
            for action in theme.get("actions", []):
                themes, quotes = evidence.setdefault(action["id"], ([], []))
                themes.append({"label": theme["label"], "report_id": report.id, "theme_id": theme["id"],
                               "stance": action.get("stance", ""),
                               "source_language": source_language, "labels": {
                                   code: texts[key] for code, texts in frozen.items()
                                   if (key := translations.unit_key("theme.label", theme["id"]))
                                   in texts}})
                quotes.extend(theme.get("quotes", []))
    return evidence


def tracker(engagement_id=None, department=None, status=None, today=None):
    """Every action item with its status, overdue flag and the published themes and quotes
    behind it; counts by status and by department; filtered by engagement, department, status."""
    today = today or date.today()
    query = (select(ActionItem).join(ActionPlan).options(selectinload(ActionItem.plan))
             .order_by(ActionPlan.id, ActionItem.position, ActionItem.id))
    if engagement_id:
        query = query.where(ActionPlan.engagement_id == engagement_id)
    items = db.session.scalars(query).all()
    all_departments = sorted({d for item in items for d in split_departments(item.departments)}, key=str.casefold)
    department_sources = [(item.id, item.departments, item.plan.engagement.default_language)
                          for item in items if item.departments]
    if status in ACTION_STATUSES:
        items = [i for i in items if i.status == status]
    else:
        status = None
    if department:
        wanted = department.casefold()
        items = [i for i in items if wanted in {d.casefold() for d in split_departments(i.departments)}]
    evidence = _published_evidence()
    rows = []
    for item in items:
        themes, quotes = evidence.get(item.id, ([], []))
        seen, unique = set(), []
        for quote in quotes:
            if quote["text"] not in seen:
                seen.add(quote["text"])
                unique.append(quote)
        rows.append(ActionRow(item=item, departments=split_departments(item.departments),
                              overdue=commitments.is_overdue(item, today), themes=themes,
                              quotes=unique[:TRACKER_QUOTES]))
    counts = {s: 0 for s in ACTION_STATUSES}
    groups = {}
    for row in rows:
        counts[row.item.status] += 1
        for name in row.departments or [""]:
            group = groups.setdefault(name, [0, 0, 0])
            group[0] += 1
            group[1] += row.item.status == "complete"
            group[2] += row.overdue
    by_department = sorted(((name, *values) for name, values in groups.items()),
                           key=lambda g: (g[0] == "", -g[1], g[0].casefold()))
    return Tracker(
        rows=rows, status_counts=[(s, counts[s]) for s in ACTION_STATUSES],
        overdue=[row for row in rows if row.overdue], by_department=by_department,
        departments=all_departments, engagements=engagement_list(), total=len(rows),
        filters={"engagement": engagement_id, "department": department or "", "status": status or ""},
        department_sources=department_sources,
    )


# A translated list of departments may be separated the way its language writes lists.
_TRANSLATED_SEPARATORS = re.compile("[;,\uff1b\uff0c\u3001\u060c\u061b]")


def department_names(data, language):
    """{department (casefolded source name): its name in ``language``} from the translations of
    the items' "departments" texts. A translated text names the same departments in the same
    order, so its parts pair with the source's parts; a text whose parts do not pair up (the
    translator merged or split a name) is left out, and those names show in the source."""
    keys = {translations.unit_key("action.departments", item_id): (text, source)
            for item_id, text, source in data.department_sources if source != language}
    names = {}
    for key, translated in translations.lookup(language, keys).items():
        sources = split_departments(keys[key][0])
        parts = [p.strip() for p in _TRANSLATED_SEPARATORS.split(translated) if p.strip()]
        if len(parts) == len(sources):
            for source, name in zip(sources, parts, strict=True):
                names.setdefault(source.casefold(), name)
    return names


def tracker_translator(data, language):
    """The Translator for the tracker's live action items (goal, action, departments, note)."""
    keys = [translations.unit_key(f"action.{field}", row.item.id) for row in data.rows
            for field in ("goal", "action_step", "departments", "progress_note")]
    default = data.rows[0].item.plan.engagement.default_language if data.rows else "en"
    return Translator(language, default, live_keys=keys)


def progress(engagement_id=None):
    """Every action item with the published themes behind it (kept for callers of the old API)."""
    return [(row.item, row.themes) for row in tracker(engagement_id).rows]
