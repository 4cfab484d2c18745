"""Forms for writing, publishing and unpublishing reports, and leaving quotes out of them."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm


class ReportForm(BaseForm):
    title = StringField(_l("Report title"), validators=[DataRequired(), Length(max=300)])
    introduction = TextAreaField(_l("Introduction"), validators=[Optional(), Length(max=10000)])
    # Three buttons: "save" keeps the public version as it is; "publish" saves, then shows the
    # preview of the next version and asks for the confirmation.
    save = SubmitField(_l("Save the draft"))
    publish = SubmitField(_l("Preview and publish a new version"))
    unpublish = SubmitField(_l("Unpublish"))


class QuoteForm(BaseForm):
    """Leave a quote out of the report, or put it back (``excluded`` is "1" or "0")."""

    theme_id = HiddenField(validators=[DataRequired()])
    note_id = HiddenField(validators=[DataRequired()])
    excluded = HiddenField(validators=[DataRequired()])


class PublishForm(BaseForm):
    """The confirmation under the preview: the engagement's name, typed, and the fingerprint of
    the preview the person saw (``seen``)."""

    confirmation = StringField(_l("Type the name of the listening process to confirm"),
                               validators=[DataRequired(), Length(max=300)])
    seen = HiddenField(validators=[DataRequired(), Length(max=64)])
    publish = SubmitField(_l("Publish this version"))
