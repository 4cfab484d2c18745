"""The funnel per group (registered, attended, notes from the tables where they sat), the
representation ratio against the organizer's baseline, all suppressed (suppression.py).

Counts come from two places: the answers still linked to registrations, and the counts that
erased registrations left behind (equity_counts). Notes stay per table: a group's notes are
those of the tables where at least one of its people sat. Every number shown anywhere (staff
page, public report, exports) comes from :func:`funnel`, after suppression."""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select

from ...extensions import db
from ...i18n import LANGUAGES, native_name
from ...models import EquityCount, ListeningSession, Note, Registration, SessionTable
from . import suppression
from .questions import NO_ANSWER, PREFER_NOT, QUESTIONS, fixed_label, heard_codes
from .setup import baselines
from .store import answers_by_registration, questions, values_for

COLUMNS = ("registered", "attended")
LINKS = (("attended", "registered"),)


@dataclass
class Row:
    code: str
    label: object  # a lazy string, a language's own name, or an organizer's label (translated by the caller)
    option_id: int | None = None  # an organizer's option: its label is content (equity.option)
    registered: int | None = None  # None: hidden
    attended: int | None = None
    tables: int | None = None
    notes: int | None = None
    share: float | None = None  # of the attendees
    baseline: object = None  # EquityBaseline
    ratio: float | None = None


@dataclass
class QuestionFunnel:
    question: object
    rows: list = field(default_factory=list)
    registered: int | None = None
    attended: int | None = None
    lowest: float | None = None
    highest: float | None = None

    @property
    def kind(self):
        return self.question.kind

    @property
    def spec(self):
        return QUESTIONS[self.question.kind]

    @property
    def score(self):
        """Lowest ratio over highest (Go Vocal's representation score), or None."""
        if self.lowest is None or not self.highest:
            return None
        return self.lowest / self.highest

    @property
    def hidden_any(self):
        return any(r.registered is None or r.attended is None for r in self.rows)


@dataclass
class Funnel:
    registered: int | None
    attended: int | None
    walk_ins: int | None
    questions: list


def _shown(count):
    return None if suppression.small(count) else count


def _people(engagement_id):
    return db.session.execute(
        select(Registration.id, Registration.status, Registration.table_id, Registration.preferred_language,
               Registration.walk_in, Registration.personal_data_erased_at)
        .join(ListeningSession, Registration.session_id == ListeningSession.id)
        .where(ListeningSession.engagement_id == engagement_id, Registration.status != "cancelled")).all()


def _notes_by_table(engagement_id):
    return dict(db.session.execute(
        select(Note.table_id, func.count(Note.id))
        .join(SessionTable, Note.table_id == SessionTable.id)
        .join(ListeningSession, SessionTable.session_id == ListeningSession.id)
        .where(ListeningSession.engagement_id == engagement_id, Note.deleted_at.is_(None))
        .group_by(Note.table_id)).all())


def _codes(question, seen):
    if question.kind == "district":
        codes = [o.code for o in question.options]
    elif question.kind == "language":
        codes = [c for c in LANGUAGES]
    else:
        codes = heard_codes(question.kind)
    codes += [c for c in sorted(seen) if c not in codes and c not in (PREFER_NOT, NO_ANSWER)]
    return codes + ([] if question.kind == "language" else [PREFER_NOT]) + [NO_ANSWER]


def _label(question, code):
    option = next((o for o in question.options if o.code == code), None)
    if option is not None:
        return option.label, option.id
    if question.kind == "language" and code in LANGUAGES:
        return native_name(code), None
    label = fixed_label(question.kind, code)  # lazy: translated when shown
    return (code if label is None else label), None


def raw_counts(engagement_id):
    """{question id: {"registered": Counter, "attended": Counter, "tables": {code: set}}},
    the people counts (registered, attended, walk-ins), and the questions: before suppression."""
    people = [p for p in _people(engagement_id)]
    live = [p for p in people if p.personal_data_erased_at is None]
    answered = answers_by_registration([p.id for p in live])
    asked = questions(engagement_id)
    counts = {q.id: {"registered": Counter(), "attended": Counter(), "tables": {}} for q in asked}
    for question in asked:
        bucket = counts[question.id]
        for person in live:
            for value in values_for(question, person, answered.get(person.id, {})):
                bucket["registered"][value] += 1
                if person.status == "attended":
                    bucket["attended"][value] += 1
                if person.table_id is not None:
                    bucket["tables"].setdefault(value, set()).add(person.table_id)
    for row in db.session.scalars(select(EquityCount).where(EquityCount.engagement_id == engagement_id)):
        bucket = counts.get(row.question_id)
        if bucket is None:
            continue
        bucket["registered"][row.value] += row.people
        if row.attended:
            bucket["attended"][row.value] += row.people
        if row.table_id is not None:
            bucket["tables"].setdefault(row.value, set()).add(row.table_id)
    totals = (len(people), sum(1 for p in people if p.status == "attended"),
              sum(1 for p in people if p.walk_in and p.status == "attended"))
    return counts, totals, asked


def funnel(engagement_id):
    """The suppressed :class:`Funnel` of an engagement."""
    counts, (registered, attended, walk_ins), asked = raw_counts(engagement_id)
    notes = _notes_by_table(engagement_id)
    result = Funnel(_shown(registered), _shown(attended), _shown(walk_ins), [])
    for question in asked:
        bucket = counts[question.id]
        codes = _codes(question, set(bucket["registered"]))
        columns = {name: [bucket[name].get(code, 0) for code in codes] for name in COLUMNS}
        protected = suppression.protect(columns, LINKS)
        q_funnel = QuestionFunnel(question)
        q_funnel.registered = protected.total(columns, "registered")
        q_funnel.attended = protected.total(columns, "attended")
        if QUESTIONS[question.kind].multiple:  # a person may count in several groups: the total is people
            q_funnel.registered = None if q_funnel.registered is None else _shown(registered)
            q_funnel.attended = None if q_funnel.attended is None else _shown(attended)
        base = baselines(question.id)
        attendees = attended if QUESTIONS[question.kind].multiple else sum(columns["attended"])
        for index, code in enumerate(codes):
            label, option_id = _label(question, code)
            row = Row(code, label, option_id, protected.value(columns, "registered", index),
                      protected.value(columns, "attended", index), baseline=base.get(code))
            if row.attended is not None and row.registered is not None:
                tables = bucket["tables"].get(code, set())
                row.tables, row.notes = len(tables), sum(notes.get(t, 0) for t in tables)
                if attendees and q_funnel.attended is not None:
                    row.share = row.attended / attendees
                    if row.baseline is not None and row.baseline.share > 0:
                        row.ratio = row.share / row.baseline.share
            q_funnel.rows.append(row)
        ratios = [r.ratio for r in q_funnel.rows if r.ratio is not None]
        if ratios:
            q_funnel.lowest, q_funnel.highest = min(ratios), max(ratios)
        result.questions.append(q_funnel)
    return result
