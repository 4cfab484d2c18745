"""Answers to the equity questions: stored with a registration, folded into counts when its
personal data goes.

:func:`store` runs inside the registration's transaction. :func:`fold` runs inside every
erasure (erasure.erase_registrations: on request, by the resident, by the retention purge,
and again after a restore): each answer becomes +1 on a row of ``equity_counts`` (question,
answer, table, attended), then the answers are deleted. The count keeps no registration, no
time and no words the resident wrote."""
from collections import Counter

from sqlalchemy import delete, select

from ...extensions import db
from ...models import EquityAnswer, EquityCount, EquityQuestion, ListeningSession, Registration
from ...text import clean_text
from .questions import DESCRIBED, MAX_DESCRIBED, NO_ANSWER, PREFER_NOT, QUESTIONS, heard_codes

_CHUNK = 500


def questions_for_session(session_id):
    """The engagement's questions, in order, for the session's registration form."""
    engagement_id = db.session.scalar(select(ListeningSession.engagement_id).where(ListeningSession.id == session_id))
    return questions(engagement_id)


def questions(engagement_id):
    return list(db.session.scalars(
        select(EquityQuestion).where(EquityQuestion.engagement_id == engagement_id)
        .order_by(EquityQuestion.position, EquityQuestion.id)))


def allowed_codes(question):
    codes = [o.code for o in question.options] if question.kind == "district" else heard_codes(question.kind)
    return codes + [PREFER_NOT]


def clean_answers(question, values):
    """The answers of ``values`` this question accepts: known codes, one unless it allows
    several, and "prefer not to say" alone."""
    allowed = allowed_codes(question)
    kept = [v for v in dict.fromkeys(values or ()) if v in allowed]
    if PREFER_NOT in kept:
        return [PREFER_NOT]
    return kept if QUESTIONS[question.kind].multiple else kept[:1]


def store(registration_id, session_id, answers):
    """Save a new registration's answers (``{kind: [codes]}``, ``"described"``: the resident's
    own words), in the caller's transaction. Questions the engagement does not ask, and codes
    they do not offer, are left out."""
    answers = answers or {}
    rows = []
    for question in questions_for_session(session_id):
        if not QUESTIONS[question.kind].asked:
            continue
        for value in clean_answers(question, answers.get(question.kind)):
            described = ""
            if value == DESCRIBED:
                described = clean_text(answers.get("described") or "")[:MAX_DESCRIBED]
            rows.append(dict(registration_id=registration_id, question_id=question.id, value=value,
                             described=described))
    if rows:
        db.session.execute(EquityAnswer.__table__.insert(), rows)


def answers_by_registration(registration_ids):
    """{registration id: {question id: [codes]}}."""
    found = {}
    ids = sorted(set(registration_ids))
    for start in range(0, len(ids), _CHUNK):
        for row in db.session.execute(
                select(EquityAnswer.registration_id, EquityAnswer.question_id, EquityAnswer.value)
                .where(EquityAnswer.registration_id.in_(ids[start:start + _CHUNK]))):
            found.setdefault(row.registration_id, {}).setdefault(row.question_id, []).append(row.value)
    return found


def values_for(question, registration, answered):
    """The groups one registration counts in for ``question``: its answers, its language for
    the language question, else "no answer"."""
    if question.kind == "language":
        return [registration.preferred_language or NO_ANSWER]
    return answered.get(question.id) or [NO_ANSWER]


def fold(registration_ids):
    """Turn the answers of these registrations (not yet erased) into counts and delete them,
    in the caller's transaction. Call before the registrations' personal columns are cleared:
    the language and the table are read from them. Cancelled registrations count nowhere."""
    ids = sorted(set(registration_ids))
    tally = Counter()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        people = db.session.execute(
            select(Registration.id, Registration.status, Registration.table_id, Registration.preferred_language,
                   ListeningSession.engagement_id)
            .join(ListeningSession, Registration.session_id == ListeningSession.id)
            .where(Registration.id.in_(chunk), Registration.personal_data_erased_at.is_(None))).all()
        answered = answers_by_registration(chunk)
        asked = {}
        for person in people:
            if person.status == "cancelled":
                continue
            if person.engagement_id not in asked:
                asked[person.engagement_id] = questions(person.engagement_id)
            for question in asked[person.engagement_id]:
                for value in values_for(question, person, answered.get(person.id, {})):
                    tally[(person.engagement_id, question.id, value, person.table_id,
                           person.status == "attended")] += 1
        db.session.execute(delete(EquityAnswer).where(EquityAnswer.registration_id.in_(chunk)))
    for (engagement_id, question_id, value, table_id, attended), people in sorted(
            tally.items(), key=lambda item: tuple(str(part) for part in item[0])):
        row = db.session.scalar(select(EquityCount).where(
            EquityCount.question_id == question_id, EquityCount.value == value, EquityCount.attended == attended,
            EquityCount.table_id.is_(None) if table_id is None else EquityCount.table_id == table_id))
        if row is None:
            db.session.add(EquityCount(engagement_id=engagement_id, question_id=question_id, value=value,
                                       table_id=table_id, attended=attended, people=people))
        else:
            row.people += people
    db.session.flush()
