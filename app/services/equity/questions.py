"""The questions Heard offers at registration, in every language Heard speaks: the wording,
why it is asked, and the answers (the districts are the organizer's own, see equity_setup).

One source for each fact: the form, the stored codes, the staff page, the public report and
the exports all read their labels from here."""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from ...models import QUESTION_KINDS

PREFER_NOT = "prefer_not"  # every question offers it
NO_ANSWER = "none"  # left empty, or not asked (a walk-in, a registration before the question)
DESCRIBED = "described"  # "I describe myself another way", with the resident's own words
MAX_DESCRIBED = 200


@dataclass(frozen=True)
class Question:
    kind: str
    label: object  # lazy strings: translated when shown
    why: object
    options: tuple = ()  # (code, label) given by Heard; the districts come from the organizer
    multiple: bool = False
    asked: bool = True  # False: the answer is one the form asks already (the language)


QUESTIONS = {q.kind: q for q in (
    Question("district", _l("Which neighbourhood or council district do you live in?"),
             _l("We ask so that we can see which parts of the city we heard from, and which we missed.")),
    Question("age", _l("How old are you?"),
             _l("We ask so that we can see whether young and older residents were heard."),
             (("under_18", _l("Under 18")), ("18_24", _l("18 to 24")), ("25_34", _l("25 to 34")),
              ("35_44", _l("35 to 44")), ("45_54", _l("45 to 54")), ("55_64", _l("55 to 64")),
              ("65_plus", _l("65 or older"))),
             ),
    Question("ethnicity", _l("How do you describe your race or ethnicity? Choose all that apply."),
             _l("We ask so that we can see whether the communities of our city were heard, "
                "especially those often missing from city meetings."),
             (("american_indian", _l("American Indian or Alaska Native")), ("asian", _l("Asian")),
              ("black", _l("Black or African American")), ("hispanic", _l("Hispanic or Latino/a")),
              ("mena", _l("Middle Eastern or North African")),
              ("pacific_islander", _l("Native Hawaiian or Pacific Islander")), ("white", _l("White")),
              (DESCRIBED, _l("I describe myself another way"))),
             multiple=True),
    Question("first_meeting", _l("Is this your first city meeting?"),
             _l("We ask so that we can see whether we reached people who do not usually come."),
             (("yes", _l("Yes, it is my first")), ("no", _l("No, I have been to one before")))),
    Question("language", _l("Language"),
             _l("We also count the language you chose for our messages, to see which languages "
                "took part."), asked=False),
)}
if tuple(QUESTIONS) != QUESTION_KINDS:  # the model's list and this one agree
    raise RuntimeError("equity questions: QUESTIONS and models.QUESTION_KINDS differ")

PREFER_NOT_LABEL = _l("I prefer not to say")
NO_ANSWER_LABEL = _l("No answer")
DESCRIBED_FIELD_LABEL = _l("In your own words (optional)")


def heard_codes(kind):
    """Codes of the answers Heard gives for ``kind`` (not the organizer's districts)."""
    return [code for code, _label in QUESTIONS[kind].options]


def fixed_label(kind, code):
    """The translated label of one of Heard's own answers (None for an organizer's option)."""
    if code == PREFER_NOT:
        return PREFER_NOT_LABEL
    if code == NO_ANSWER:
        return NO_ANSWER_LABEL
    return dict(QUESTIONS[kind].options).get(code)
