"""First-draft translations of what the demo's organizer and analyst wrote for the public:
the report's title and introduction, the theme names and "what we heard" statements, the
resolution clauses the themes are linked to, the action plan's goals, actions, departments
and progress notes, and its monitoring texts (strategies, owners, measures, the reviews), in
the eight languages besides English.

They are *drafts* written for the demo, not reviewed by a native speaker: they are stored
with ``origin="draft"``, so the translation workspace shows each as "Draft awaiting review"
until a translator checks it (translations/README.md says so too). The report published by
the demo freezes them, so its public pages read fully in every language.

The texts are data, kept beside this module (English source -> {language: draft}):
``texts/drafts.json`` (report, themes, resolution, plan), ``texts/plan_drafts.json`` (the
plan's monitoring, app/demo/plan_monitoring.py) and ``texts/departments.json`` (department
names, one by one).
"""
import json
from functools import cache
from importlib import resources

from ..services.content import translations

LANGS = ("es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so")

# Joining several departments, per language.
SEPARATORS = {"zh-Hans": "；", "ar": "؛ "}


@cache
def texts(name):
    """The drafts of ``texts/<name>.json``: English source -> {language: draft}."""
    return json.loads(resources.files(__package__).joinpath("texts", f"{name}.json").read_text(encoding="utf-8"))


def draft(source, language):
    """The demo's draft of ``source`` in ``language``, or None."""
    found = texts("drafts").get(source, {}).get(language) or texts("plan_drafts").get(source, {}).get(language)
    if found:
        return found
    departments = texts("departments")
    names = [part.strip() for part in source.split(";")]
    if names and all(name in departments for name in names):
        return SEPARATORS.get(language, "; ").join(departments[name][language] for name in names)
    return None


def store(actor, engagement_id):
    """Store the drafts for every text of the engagement still missing or stale. Caller commits.
    Returns how many were stored."""
    count = 0
    for language in LANGS:
        drafts = {}
        for unit in translations.units(language, engagement_id):
            text = draft(unit.source, language) if unit.status != "translated" else None
            if text:
                drafts[unit.key] = text
        translations.store_drafts(actor, language, drafts)
        count += len(drafts)
    return count
