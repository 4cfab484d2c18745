"""The demo closes the loop: the city answers the published themes, and the residents who asked
at the door to hear about outcomes (one per language at the held sessions) get "you said, we did"
in their language, so ``make run`` shows the whole chain and its outbox holds those messages."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import ListeningSession, Registration
from . import demo_policy, digests, outbox, reports, responses
from .registrations import hash_token

# topic (demo_policy.THEME_REVIEW) -> (state, reason, who answers, days until a decision is due)
RESPONSES = {
    "walking": ("adopted", "Broken street lights are now fixed within ten working days, and the list of repairs "
                "is published every month.", "Public Works", None),
    "language": ("partly_adopted", "City meetings offer interpreters on request in the five most spoken "
                 "languages; more languages depend on next year's budget.", "Office of Equity", None),
    "youth": ("under_consideration", "The council is costing evening hours at two community centers.",
              "Parks and Recreation", 60),
    "crisis": ("adopted", "A crisis team without police answers mental health calls where it is safe.",
               "Department of Health", None),
    "housing": ("partly_adopted", "Tenant help desks open at the library; rent limits are for the state to set.",
                "Housing Office", None),
    "transit": ("under_consideration", "Transit staff are studying later buses on the routes named at the "
                "sessions.", "Transportation", 30),
    "parks": ("not_adopted", "The park budget is spent on repairs this year; new benches wait for next year.",
              "Parks and Recreation", None),
    "health": ("adopted", "Mobile clinics visit the neighborhoods named at the sessions every month.",
               "Department of Health", None),
}
# One resident per language who asked to hear about outcomes; the last one by text message.
FOLLOWERS = ("en", "es", "ru", "tl", "zh-Hans", "vi", "ar", "so", "hmn")


def load(analyst, engagement, now):
    """Answer the report's themes, give consenting residents contact details, and queue and send
    their digests. Skipped once a theme of the engagement has a response. True if anything was added."""
    report = reports.report_for_engagement(engagement.id)
    if report is None or report.status != "published" or report.run_id is None:
        return False
    themes = reports.accepted_themes(report.run_id)
    if responses.responses_for([t.id for t in themes]):
        return False
    topic_of = {label: topic for topic, (label, _s, _l) in demo_policy.THEME_REVIEW.items()}
    for theme in themes:
        topic = topic_of.get(theme.label)
        if topic not in RESPONSES:
            continue
        state, reason, who, due_in = RESPONSES[topic]
        responses.save_response(analyst, theme, state=state, reason=reason, answered_by=who,
                                decision_due=(now + timedelta(days=due_in)).date() if due_in else None)
    _followers(engagement)
    outbox.deliver(digests.queue_digests())
    return True


def _followers(engagement):
    held = select(ListeningSession.id).where(ListeningSession.engagement_id == engagement.id)
    for index, language in enumerate(FOLLOWERS):
        registration = db.session.scalar(select(Registration).where(
            Registration.session_id.in_(held), Registration.preferred_language == language,
            Registration.email.is_(None), Registration.phone.is_(None)).order_by(Registration.id))
        if registration is None:
            continue
        seed = outbox.new_link_seed()
        if index == len(FOLLOWERS) - 1:
            registration.phone, registration.phone_key = f"+1555010{index:04d}", f"1555010{index:04d}"
        else:
            email = f"resident-{language.lower()}@example.org"
            registration.email, registration.email_key = email, email
        registration.consent_followup = True
        registration.manage_link_seed, registration.manage_token_hash = seed, hash_token(outbox.manage_token(seed))
    db.session.commit()

