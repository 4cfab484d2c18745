"""Organizers' forms: sessions (with content in every offered language), check-in, records."""
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..config import ALL_LANGUAGES
from ..forms import BaseForm
from ..ids import coerce_id

TOO_LONG = _l("Please use at most %(max)d characters.")

COMMON_ZONES = [
    "America/Los_Angeles", "America/Denver", "America/Phoenix", "America/Chicago", "America/New_York",
    "America/Anchorage", "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "Europe/London",
    "Europe/Paris", "Africa/Nairobi", "Asia/Manila", "Asia/Ho_Chi_Minh", "Asia/Shanghai", "UTC",
]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class SessionForm(BaseForm):
    engagement_id = SelectField(_l("Engagement"), coerce=coerce_id)
    slug = StringField(_l("Web address (letters, numbers, hyphens)"), validators=[
        DataRequired(message=_l("This field is required.")), Length(max=80, message=TOO_LONG)])
    day = DateField(_l("Date"), validators=[DataRequired(message=_l("Please enter a date."))])
    start_time = TimeField(_l("Starts at"), validators=[DataRequired(message=_l("Please enter a time."))])
    end_time = TimeField(_l("Ends at"), validators=[DataRequired(message=_l("Please enter a time."))])
    timezone = SelectField(_l("Time zone of the venue"), choices=[(z, z) for z in COMMON_ZONES])
    venue_name = StringField(_l("Venue"), validators=[
        DataRequired(message=_l("This field is required.")), Length(max=200, message=TOO_LONG)])
    venue_address = StringField(_l("Address"), validators=[
        DataRequired(message=_l("This field is required.")), Length(max=300, message=TOO_LONG)])
    capacity = IntegerField(_l("Seats"), validators=[
        DataRequired(message=_l("Please enter a number.")),
        NumberRange(min=1, max=100000, message=_l("Please enter a number from 1 to 100,000."))])
    registration_opens_at = DateTimeLocalField(_l("Registration opens (venue time, optional)"),
                                               validators=[Optional()])
    registration_closes_at = DateTimeLocalField(_l("Registration closes (venue time, optional)"),
                                                validators=[Optional()])
    interpretation_languages = MultiCheckboxField(_l("Interpretation on site"))
    childcare_offered = BooleanField(_l("Childcare offered"))
    wheelchair_accessible = BooleanField(_l("Wheelchair accessible"), default=True)
    tables = TextAreaField(_l("Tables, one per line"), validators=[Length(max=4000, message=TOO_LONG)])


TRANSLATED = (
    ("title", _l("Title"), 200, StringField),
    ("description", _l("Description"), 5000, TextAreaField),
    ("directions", _l("Directions"), 5000, TextAreaField),
    ("access_info", _l("Access information"), 5000, TextAreaField),
    ("prompts", _l("Prompts, one per line, in order"), 8000, TextAreaField),
)

for _code in ALL_LANGUAGES:
    for _name, _label, _max, _kind in TRANSLATED:
        setattr(SessionForm, f"{_name}_{_code.replace('-', '_')}",
                _kind(_label, validators=[Optional(), Length(max=_max, message=TOO_LONG)]))


def lang_field(form, name, code):
    return form[f"{name}_{code.replace('-', '_')}"]


class ConfirmForm(BaseForm):
    confirm = BooleanField(_l("Yes, I am sure"), validators=[DataRequired(message=_l("Tick the box to confirm."))])


BEYOND_CAPACITY = _l("Yes, seat this person beyond capacity")
TICK_BEYOND_CAPACITY = _l("The session is full: tick the box to seat this person beyond capacity.")


class WalkInForm(BaseForm):
    name = StringField(_l("Name"), validators=[DataRequired(message=_l("Please write the person's name.")),
                                              Length(max=200, message=TOO_LONG)])
    interpretation_language = SelectField(_l("Interpreter"), default="")
    # Optional: the equity view counts the notes of the tables where each group sat.
    table = SelectField(_l("Table (optional)"), default="")
    # Shown when the session is full; the service refuses a full session without it.
    beyond_capacity = BooleanField(BEYOND_CAPACITY)


class BeyondCapacityForm(BaseForm):
    """Checking in someone without a seat (on the waitlist) when the session is full."""

    confirm = BooleanField(BEYOND_CAPACITY, validators=[DataRequired(message=TICK_BEYOND_CAPACITY)])


class CheckInForm(BaseForm):
    """Only the CSRF token: the registration comes from the URL."""


class RosterFilterForm(BaseForm):
    class Meta:
        csrf = False

    status = SelectField(_l("Status"), default="")
    need = SelectField(_l("Needs"), default="")
    q = StringField(_l("Search by name, email or phone"), validators=[Optional(), Length(max=100)])


class CorrectionForm(BaseForm):
    """Correcting a resident's record on their request."""

    name = StringField(_l("Name"), validators=[DataRequired(message=_l("This field is required.")),
                                              Length(max=200, message=TOO_LONG)])
    email = StringField(_l("Email"), validators=[Optional(), Length(max=254, message=TOO_LONG)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    preferred_language = SelectField(_l("Messages in"))
    dietary = TextAreaField(_l("Food allergies or dietary needs"), validators=[Length(max=500, message=TOO_LONG)])
    access_other = TextAreaField(_l("Other access needs"), validators=[Length(max=500, message=TOO_LONG)])
