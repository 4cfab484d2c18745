"""Forms for writing and publishing reports."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ReportForm(FlaskForm):
    title = StringField(_l("Report title"), validators=[DataRequired(), Length(max=300)])
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=10000)])
    publish = BooleanField(_l("Published (visible to the public)"))
