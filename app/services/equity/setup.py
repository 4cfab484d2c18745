"""Organizers choose an engagement's equity questions, write its list of districts, and enter
a baseline share for each answer (with its source and year)."""
from flask_babel import gettext as _
from sqlalchemy import delete, select

from ...extensions import db
from ...i18n import LANGUAGES
from ...models import QUESTION_KINDS, EquityBaseline, EquityOption, EquityQuestion
from ...platform import audit
from ...text import clean_text
from .. import ServiceError, get_or_not_found
from .questions import QUESTIONS
from .store import allowed_codes, questions

MAX_DISTRICTS = 60


def _districts(lines):
    labels = []
    for line in lines or ():
        label = clean_text(line or "").strip()[:200]
        if label and label.casefold() not in {existing.casefold() for existing in labels}:
            labels.append(label)
    if len(labels) > MAX_DISTRICTS:
        raise ServiceError(_("Please list at most %(num)d districts.", num=MAX_DISTRICTS), "districts")
    return labels


def set_questions(actor, engagement_id, kinds, districts=()):
    """Ask exactly ``kinds`` (in Heard's order) at registration for this engagement. A district
    keeps its code while its label stays, so answers and baselines keep their meaning; a
    removed question takes its answers, counts and baselines with it. Commits."""
    kinds = [kind for kind in QUESTION_KINDS if kind in set(kinds or ())]
    labels = _districts(districts)
    if "district" in kinds and not labels:
        raise ServiceError(_("List the neighbourhoods or districts, one a line."), "districts")
    current = {q.kind: q for q in questions(engagement_id)}
    for kind, question in current.items():
        if kind not in kinds:
            db.session.delete(question)
    for position, kind in enumerate(kinds):
        question = current.get(kind) or EquityQuestion(engagement_id=engagement_id, kind=kind)
        question.position = position
        db.session.add(question)
        if kind == "district":
            _set_options(question, labels)
    audit.record(actor, "equity.questions", None, engagement_id=engagement_id, kinds=",".join(kinds))
    db.session.commit()


def _set_options(question, labels):
    by_label = {o.label.casefold(): o for o in question.options}
    used = {o.code for o in question.options}
    number = 1
    kept = []
    for position, label in enumerate(labels):
        option = by_label.pop(label.casefold(), None)
        if option is None:
            while f"d{number}" in used:
                number += 1
            option = EquityOption(code=f"d{number}", label=label)
            used.add(option.code)
        option.position = position
        kept.append(option)
    question.options = kept


def question(engagement_id, question_id):
    """One of the engagement's questions; ``NotFound`` for any other."""
    return get_or_not_found(EquityQuestion, question_id, where=lambda q: q.engagement_id == engagement_id)


def baselines(question_id):
    """{code: EquityBaseline} of a question."""
    return {b.value: b for b in db.session.scalars(
        select(EquityBaseline).where(EquityBaseline.question_id == question_id))}


def set_baselines(actor, question, entries):
    """``entries``: {code: (percent or None, source, year or None)}. A percent from 0 to 100;
    an empty one removes that answer's baseline. Commits."""
    allowed = set(allowed_codes(question)) - {"prefer_not"}
    if question.kind == "language":
        allowed = set(LANGUAGES)
    db.session.execute(delete(EquityBaseline).where(EquityBaseline.question_id == question.id))
    total = 0.0
    for code, (percent, source, year) in entries.items():
        if code not in allowed or percent is None:
            continue
        if not 0 <= percent <= 100:
            raise ServiceError(_("A share is a percentage from 0 to 100."), code)
        if year is not None and not 1900 <= year <= 2100:
            raise ServiceError(_("Please give a year such as 2020."), code)
        total += percent
        db.session.add(EquityBaseline(question_id=question.id, value=code, share=percent / 100,
                                      source=clean_text(source or "").strip()[:300], year=year))
    if total > 100.5 and not QUESTIONS[question.kind].multiple:
        db.session.rollback()
        raise ServiceError(_("The shares add up to more than 100%."), None)
    audit.record(actor, "equity.baselines", None, question_id=question.id)
    db.session.commit()
