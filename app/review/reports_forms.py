"""Forms for writing, publishing and unpublishing reports, and leaving quotes out of them."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm


class ReportForm(BaseForm):
    title = StringField(_l("Report title"), validators=[DataRequired(), Length(max=300)])
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=10000)])
    # Three buttons: "save" keeps the public version as it is; "publish" freezes a new version.
    save = SubmitField(_l("Save the draft"))
    publish = SubmitField(_l("Publish a new version"))
    unpublish = SubmitField(_l("Unpublish"))


class QuoteForm(BaseForm):
    """Leave a quote out of the report, or put it back (``excluded`` is "1" or "0")."""

    theme_id = HiddenField(validators=[DataRequired()])
    note_id = HiddenField(validators=[DataRequired()])
    excluded = HiddenField(validators=[DataRequired()])
