"""Residents' forms. Labels and messages are lazy so they follow the page's language."""
import base64
import functools
import hashlib
import hmac
import re
import time
import unicodedata

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget, RadioInput

from ..forms import BaseForm, ChoiceField, NumberField
from ..labels import LABELS
from ..models import ACCESS_NEEDS
from ..services.equity import questions
from ..services.registration.registrations import clean_text, email_key, phone_key


def _clean(value):
    return clean_text(value) if isinstance(value, str) else value


def _clean_multiline(value):
    return clean_text(value, multiline=True) if isinstance(value, str) else value


def _invisible(char):
    return unicodedata.category(char) == "Cf"  # zero-width characters, direction marks


def _contact(value):
    """An email address or phone number as typed or pasted: full-width forms become plain
    ones (an input method may type them), and invisible characters that come along go."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in unicodedata.normalize("NFKC", value) if not _invisible(c))


def _phone_digits(value):
    """Digits of every script (٠١٢, ০১২...) become 0-9, which text messages need."""
    if not isinstance(value, str):
        return value
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in value)


TOO_LONG = _l("Please use at most %(max)d characters.")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        values = [v for v, _label in self.choices or ()]
        self.data = [d for d in (self.data or []) if d in values]


# Residents read fuller words than staff (app/labels.py "access_need"); one for every need.
_ACCESS_WORDS = {
    "asl": _l("American Sign Language (ASL) interpreter"),
    "cart": _l("Live captioning (CART)"),
    "wheelchair": _l("Wheelchair access"),
    "large_print": _l("Large print"),
    "other": _l("Something else (tell us below)"),
}
ACCESS_CHOICES = [(need, _ACCESS_WORDS[need]) for need in ACCESS_NEEDS]

HEARD_FROM_CHOICES = [("", _l("Choose one (optional)")), *LABELS["heard_from"].items()]


def parse_ages(text):
    """"2, 5 and 11" -> [2, 5, 11], in the digits of any script; None when something else
    was typed (each part is checked before it is read, so a long number costs nothing)."""
    if not text:
        return []
    text = "".join(c for c in text if not _invisible(c))
    parts = [p for p in re.split(r"[\s,;/、，،؛و]+|\band\b|\by\b", text) if p]
    ages = []
    for part in parts:
        if not (part.isdecimal() and len(part) <= 3):
            return None
        ages.append(int(part))
    return ages


def _stamp_signature(millis):
    key = current_app.config["SECRET_KEY"]
    key = key.encode("utf-8") if isinstance(key, str) else key
    digest = hmac.new(key, b"heard-form-loaded:" + millis.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")


def loaded_stamp(now=None):
    """When a form was loaded, signed with SECRET_KEY: ``"<milliseconds>.<signature>"``."""
    millis = str(int((time.time() if now is None else now) * 1000))
    return f"{millis}.{_stamp_signature(millis)}"


def seconds_since_loaded(stamp, now=None):
    """Seconds since :func:`loaded_stamp` made ``stamp``; None when it is missing, malformed
    or not signed by this Heard (a post that never loaded the form)."""
    millis, _, signature = (stamp or "").partition(".")
    if not (re.fullmatch(r"[0-9]{1,15}", millis) and signature):
        return None
    if not hmac.compare_digest(signature.encode("ascii", "replace"), _stamp_signature(millis).encode("ascii")):
        return None
    return (time.time() if now is None else now) - int(millis) / 1000


# Choices are built once per list of languages, not per request: native names do not depend
# on the page's language, and the lazy "No, thank you" is translated when the page renders.
@functools.lru_cache(maxsize=256)
def _native_choices(codes, native_name):
    return tuple((code, native_name(code)) for code in codes)


@functools.lru_cache(maxsize=256)
def _interpretation_choices(codes, native_name):
    return (("", _l("No, thank you")),) + _native_choices(codes, native_name)


class OptionalRadioField(SelectField):
    """One answer or none; a value that is not offered is read as none."""

    widget = ListWidget(prefix_label=False)
    option_widget = RadioInput()

    def pre_validate(self, form):
        if self.data not in [value for value, _label in self.choices or ()]:
            self.data = None


@functools.lru_cache(maxsize=64)
def _asking(form_class, kinds):
    fields = {}
    for kind in kinds:
        fields["eq_" + kind] = form_class.EQUITY_FIELDS[kind]
        if questions.QUESTIONS[kind].multiple:  # "I describe myself another way", in the resident's words
            fields["eq_described"] = form_class.EQUITY_FIELDS["described"]
    return type(form_class.__name__, (form_class,), fields) if fields else form_class


class RegistrationForm(BaseForm):
    name = StringField(_l("Your name"), filters=[_clean], validators=[
        DataRequired(message=_l("Please tell us your name.")), Length(max=200, message=TOO_LONG)])
    email = StringField(_l("Email"), filters=[_clean, _contact],
                        validators=[Optional(), Length(max=254, message=TOO_LONG)])
    phone = StringField(_l("Phone (for text messages)"), filters=[_clean, _contact, _phone_digits],
                        validators=[Optional(), Length(max=40, message=TOO_LONG)])
    preferred_language = ChoiceField(_l("Language for our messages to you"))
    interpretation_language = ChoiceField(_l("I would like an interpreter"), default="")
    childcare_needed = BooleanField(_l("I need childcare during the session"))
    children_count = NumberField(_l("How many children?"), validators=[
        Optional(), NumberRange(min=0, max=12, message=_l("Please enter a number from 0 to 12."))],
        invalid_value_message=_l("Please enter a number from 0 to 12."))
    children_ages = StringField(_l("Their ages"), filters=[_clean],
                                validators=[Optional(), Length(max=100, message=TOO_LONG)])
    access_needs = MultiCheckboxField(_l("Access needs"), choices=ACCESS_CHOICES)
    access_other = TextAreaField(_l("Other access needs"), filters=[_clean_multiline],
                                 validators=[Length(max=500, message=TOO_LONG)])
    dietary = TextAreaField(_l("Food allergies or dietary needs"), filters=[_clean_multiline],
                            validators=[Length(max=500, message=TOO_LONG)])
    heard_from = ChoiceField(_l("How did you hear about this session?"), choices=HEARD_FROM_CHOICES, default="")
    consent_followup = BooleanField(_l("Yes, contact me later about what the city does with what we said"))
    # The engagement's equity questions (services/equity/questions.py): a form binds only the
    # fields of the questions its engagement asks (see asking()); choices are set in
    # setup_equity(). Declared here, so that they keep their place among the fields.
    EQUITY_FIELDS = {
        "district": OptionalRadioField(validate_choice=False),
        "age": OptionalRadioField(validate_choice=False),
        "ethnicity": MultiCheckboxField(),
        "described": StringField(questions.DESCRIBED_FIELD_LABEL, filters=[_clean],
                                 validators=[Length(max=questions.MAX_DESCRIBED, message=TOO_LONG)]),
        "first_meeting": OptionalRadioField(validate_choice=False),
    }
    # Humans never see this field (hidden by CSS and from screen readers); bots fill it in.
    website = StringField(_l("Leave this empty"))
    # When the form was loaded (loaded_stamp): a post much faster than any person is a bot's.
    loaded = HiddenField()

    @classmethod
    def asking(cls, asked):
        """The form class for an engagement that asks ``asked`` (equity.view.FormQuestion
        values): this form with the fields of those questions (built once per set of questions)."""
        return _asking(cls, tuple(q.kind for q in asked if questions.QUESTIONS[q.kind].asked))

    def setup_equity(self, asked):
        """Offer the engagement's questions (``asked``: equity.view.FormQuestion values)."""
        self.equity = []
        for question in asked:
            spec = questions.QUESTIONS[question.kind]
            if not spec.asked:
                self.equity.append((spec, None))
                continue
            field = self["eq_" + question.kind]
            if question.kind == "district":
                choices = list(question.options)
            else:
                choices = list(spec.options)
            field.choices = choices + [(questions.PREFER_NOT, questions.PREFER_NOT_LABEL)]
            field.label.text = spec.label
            self.equity.append((spec, field))
        return self

    def setup(self, session, languages, native_name, page_language):
        self.preferred_language.choices = _native_choices(tuple(languages), native_name)
        if not self.is_submitted() and not self.preferred_language.data:
            self.preferred_language.data = page_language
        if self.preferred_language.data not in languages:
            self.preferred_language.data = page_language
        self.interpretation_language.choices = _interpretation_choices(
            tuple(session.interpretation_languages or ()), native_name)
        return self

    def validate_name(self, field):
        if field.data and not any(unicodedata.category(c)[0] in "LNPS" for c in field.data):
            raise ValidationError(_l("Please tell us your name."))  # only invisible or combining marks

    def validate_email(self, field):
        symbols = any(ord(c) > 127 and unicodedata.category(c)[0] in "CSZ" for c in field.data or "")  # emoji
        if field.data and (symbols or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", field.data)):
            raise ValidationError(_l("Please check this email address, for example name@example.org."))

    def validate_phone(self, field):
        digits = re.sub(r"\D", "", field.data or "")
        if field.data and (not 7 <= len(digits) <= 15 or not re.fullmatch(r"[0-9\s+().\-/]+", field.data)):
            raise ValidationError(_l("Please check this phone number."))

    def validate_children_ages(self, field):
        ages = parse_ages(field.data)
        if ages is None or any(a > 17 for a in ages):
            raise ValidationError(_l("Please write ages as numbers from 0 to 17, separated by commas."))
        if len(ages) > 12:
            raise ValidationError(_l("Please list at most 12 children."))

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not (self.email.data or self.phone.data) and not self.email.errors and not self.phone.errors:
            self.email.errors = list(self.email.errors) + [
                _l("Please give an email address or a phone number, so we can reach you.")]
            ok = False
        if self.childcare_needed.data and not (self.children_count.data or parse_ages(self.children_ages.data)):
            if not self.children_count.errors:
                self.children_count.errors = list(self.children_count.errors) + [
                    _l("How many children need childcare?")]
                ok = False
        return ok

    def details(self):
        return {
            "name": self.name.data, "email": self.email.data, "phone": self.phone.data,
            "preferred_language": self.preferred_language.data,
            "interpretation_language": self.interpretation_language.data,
            "childcare_needed": self.childcare_needed.data,
            "children_count": self.children_count.data or 0,
            "children_ages": parse_ages(self.children_ages.data) or [],
            "access_needs": self.access_needs.data, "access_other": self.access_other.data,
            "dietary": self.dietary.data, "heard_from": self.heard_from.data,
            "consent_followup": self.consent_followup.data,
            "equity": self.equity_answers(),
        }

    def equity_answers(self):
        answers = {}
        for spec, field in getattr(self, "equity", ()):
            if field is None:
                continue
            data = field.data if isinstance(field.data, list) else [field.data] if field.data else []
            answers[spec.kind] = data
        described = getattr(self, "eq_described", None)  # only on forms that ask a question with it
        answers["described"] = (described.data if described is not None else None) or ""
        return answers

    def fill_from(self, registration):
        """Prefill a change form from a stored registration."""
        self.name.data = registration.name
        self.email.data = registration.email
        self.phone.data = registration.phone
        self.preferred_language.data = registration.preferred_language
        self.interpretation_language.data = registration.interpretation_language or ""
        self.childcare_needed.data = registration.childcare_needed
        self.children_count.data = registration.children_count or None
        self.children_ages.data = ", ".join(str(a) for a in registration.children_ages or [])
        self.access_needs.data = list(registration.access_needs or [])
        self.access_other.data = registration.access_other
        self.dietary.data = registration.dietary
        self.heard_from.data = registration.heard_from or ""
        self.consent_followup.data = registration.consent_followup


class LinkAgainForm(BaseForm):
    """"Send me my private link again": one field, an email address or a phone number."""

    contact = StringField(_l("Your email address or phone number"), filters=[_clean], validators=[
        DataRequired(message=_l("Please give the email address or phone number you registered with.")),
        Length(max=254, message=TOO_LONG)])

    def validate_contact(self, field):
        if "@" in field.data:
            ok = re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", field.data)
        else:
            ok = not re.search(r"[^\d\s()+./-]", field.data) and 7 <= len(phone_key(field.data) or "") <= 15
        if not ok:
            raise ValidationError(_l("Please check this email address or phone number."))

    def keys(self):
        """(email key, phone key) of what was typed: one of them is None."""
        if "@" in self.contact.data:
            return email_key(self.contact.data), None
        return None, phone_key(self.contact.data)


class CancelForm(BaseForm):
    confirm = BooleanField(_l("Yes, cancel my registration"),
                           validators=[DataRequired(message=_l("Tick the box to confirm."))])


class EraseForm(BaseForm):
    confirm = BooleanField(_l("Yes, delete my registration and my details"),
                           validators=[DataRequired(message=_l("Tick the box to confirm."))])
