"""The demo closes the loop: the city answers the published themes, and the residents who asked
at the door to hear about outcomes (one per language at the held sessions) get "you said, we did"
in their language, so ``make run`` shows the whole chain and its outbox holds those messages."""
from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import ListeningSession, Registration
from ..platform import outbox
from ..services.content import translations
from ..services.policy import digests, responses
from ..services.registration.registrations import hash_token
from ..services.reports import snapshots
from . import policy
from . import translations as demo_translations
from .loop_texts import RESPONSES

# One resident per language who asked to hear about outcomes; the last one by text message.
FOLLOWERS = ("en", "es", "ru", "tl", "zh-Hans", "vi", "ar", "so", "hmn")


def load(analyst, engagement, now):
    """Answer the report's themes, give consenting residents contact details, and queue and send
    their digests. Skipped once a theme of the engagement has a response. True if anything was added."""
    report = snapshots.report_for_engagement(engagement.id)
    if report is None or report.status != "published" or report.run_id is None:
        return False
    themes = snapshots.accepted_themes(report.run_id)
    if responses.responses_for([t.id for t in themes]):
        return False
    drafts = {}
    topic_of = {label: topic for topic, (label, _s, _l) in policy.THEME_REVIEW.items()}
    for theme in themes:
        topic = topic_of.get(theme.label)
        if topic not in RESPONSES:
            continue
        state, who, due_in, reasons = RESPONSES[topic]
        response = responses.save_response(analyst, theme, state=state, reason=reasons["en"], answered_by=who,
                                           decision_due=(now + timedelta(days=due_in)).date() if due_in else None)
        for language in demo_translations.LANGS:
            drafts.setdefault(language, {}).update({
                translations.unit_key("response.reason", response.id): reasons[language],
                translations.unit_key("response.answered_by", response.id): demo_translations.draft(who, language)})
    for language, texts in drafts.items():  # first drafts, awaiting a translator's review
        translations.store_drafts(analyst, language, texts)
    db.session.commit()
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

