"""Demo: the equity questions of the demo engagement, census-like baselines, and answers on
the demo's registrations (walk-ins at the held sessions, and a few people who registered and
did not come), seated at the tables, so the "who was heard" pages show real shapes: some
groups large, some under 5 (hidden)."""
import zlib

from sqlalchemy import select

from ..extensions import db
from ..models import EquityAnswer, ListeningSession, Registration
from ..models.types import utcnow
from ..services.content import translations
from ..services.equity import setup
from ..services.equity.questions import QUESTIONS
from ..services.equity.store import questions
from ..services.registration import registrations

DISTRICTS = ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Old Town"]
# First drafts of the district names (names of places: most stay, some are translated),
# stored as drafts awaiting review like the demo's other translations.
DISTRICT_DRAFTS = {
    "es": ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Casco Antiguo"],
    "zh-Hans": ["东区", "河畔", "北门", "林肯高地", "老城"],
    "vi": ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Phố Cổ"],
    "tl": ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Lumang Bayan"],
    "ru": ["Истсайд", "Риверсайд", "Нортгейт", "Линкольн-Хайтс", "Старый город"],
    "ar": ["إيستسايد", "ريفرسايد", "نورثغيت", "لينكولن هايتس", "البلدة القديمة"],
    "hmn": ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Lub Zos Qub"],
    "so": ["Eastside", "Riverside", "Northgate", "Lincoln Heights", "Magaalada Qadiimka"],
}
# (answer, weight): a deterministic spread in which some groups stay small.
SPREAD = {
    "district": [("d1", 9), ("d2", 7), ("d3", 8), ("d4", 3), ("d5", 1), ("prefer_not", 1)],
    "age": [("18_24", 2), ("25_34", 5), ("35_44", 6), ("45_54", 4), ("55_64", 3), ("65_plus", 5), ("prefer_not", 1)],
    "ethnicity": [("hispanic", 6), ("asian", 7), ("white", 6), ("black", 3), ("mena", 2), ("pacific_islander", 1),
                  ("prefer_not", 1)],
    "first_meeting": [("yes", 6), ("no", 4), ("prefer_not", 1)],
}
BASELINES = {
    "district": {"d1": 24, "d2": 22, "d3": 20, "d4": 18, "d5": 16},
    "age": {"18_24": 12, "25_34": 19, "35_44": 17, "45_54": 15, "55_64": 14, "65_plus": 16},
}
BASELINE_SOURCE = "Demo census estimate"
NO_SHOWS = {"school-gym": 6, "senior-center": 5, "northgate-commons": 7}


def _pick(kind, key):
    options = SPREAD[kind]
    point = zlib.crc32(f"{kind}:{key}".encode()) % sum(weight for _code, weight in options)
    for code, weight in options:
        if point < weight:
            return code
        point -= weight
    return options[-1][0]


def _no_shows(engagement):
    for session in db.session.scalars(select(ListeningSession).where(ListeningSession.engagement_id == engagement.id)):
        for number in range(NO_SHOWS.get(session.slug, 0)):
            email = f"guest{number + 1}.{session.slug}@example.org"
            db.session.add(Registration(
                session_id=session.id, name=f"Guest {number + 1}", email=email, email_key=email,
                preferred_language="en", status="confirmed", created_at=utcnow(), updated_at=utcnow(),
                manage_token_hash=registrations.hash_token(registrations.new_token())))
            session.seats_taken += 1
    db.session.flush()


def load(organizer, engagement, *, with_no_shows=True):
    """Ask the questions and answer them on the demo's registrations, once. True if added."""
    if questions(engagement.id):
        return False
    setup.set_questions(organizer, engagement.id, list(QUESTIONS), DISTRICTS)
    asked = {q.kind: q for q in questions(engagement.id)}
    options = asked["district"].options
    for language, names in DISTRICT_DRAFTS.items():
        if language in translations.languages():
            translations.store_drafts(organizer, language, {
                translations.unit_key("equity.option", option.id): name
                for option, name in zip(options, names, strict=True)})
    for kind, shares in BASELINES.items():
        setup.set_baselines(organizer, asked[kind], {
            code: (share, BASELINE_SOURCE, 2020) for code, share in shares.items()})
    people = db.session.scalars(select(Registration).join(ListeningSession).where(
        ListeningSession.engagement_id == engagement.id)).all()
    if with_no_shows and any(p.status == "attended" for p in people):
        _no_shows(engagement)
        people = db.session.scalars(select(Registration).join(ListeningSession).where(
            ListeningSession.engagement_id == engagement.id)).all()
    for person in people:
        for kind in SPREAD:
            if kind not in asked:
                continue
            db.session.add(EquityAnswer(registration_id=person.id, question_id=asked[kind].id,
                                        value=_pick(kind, person.id)))
        tables = person.session.tables
        if person.status == "attended" and tables:
            person.table_id = tables[zlib.crc32(f"table:{person.id}".encode()) % len(tables)].id
    db.session.commit()
    return True
