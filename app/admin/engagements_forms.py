"""Administrators' form for an engagement: a city's listening process, named in each language."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..config import ALL_LANGUAGES
from ..forms import BaseForm
from .forms import TOO_LONG


class EngagementForm(BaseForm):
    slug = StringField(_l("Web address (letters, numbers, hyphens)"), validators=[
        DataRequired(message=_l("This field is required.")), Length(max=80, message=TOO_LONG)])
    default_language = SelectField(_l("Default language"))
    organization = StringField(_l("Organization (optional)"), validators=[
        Optional(), Length(max=200, message=TOO_LONG)])
    timezone = StringField(_l("Time zone"), validators=[Optional(), Length(max=64, message=TOO_LONG)])


for _code in ALL_LANGUAGES:
    _suffix = _code.replace("-", "_")
    setattr(EngagementForm, f"name_{_suffix}",
            StringField(_l("Name"), validators=[Optional(), Length(max=200, message=TOO_LONG)]))
    setattr(EngagementForm, f"description_{_suffix}",
            TextAreaField(_l("Description"), validators=[Optional(), Length(max=5000, message=TOO_LONG)]))
