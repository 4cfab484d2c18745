"""Forms for starting analysis runs."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Regexp


class RunForm(FlaskForm):
    engagement = SelectField(_l("Engagement"), coerce=int, validators=[DataRequired()])
    themes = StringField(
        _l("Number of themes"), default="auto",
        description=_l("Leave \"auto\" to let Heard choose, or enter a number from 1 to 50."),
        validators=[DataRequired(), Regexp(r"^(auto|[1-9]|[1-4][0-9]|50)$", message=_l("Enter \"auto\" or a number from 1 to 50."))],
    )
