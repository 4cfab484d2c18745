from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..labels import LABELS
from .forms import TOO_LONG


def status_choices():
    return list(LABELS["action_status"].items())


class ResolutionForm(FlaskForm):
    engagement = SelectField(_l("Engagement"), coerce=int, validators=[DataRequired()])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300, message=TOO_LONG)])
    adopted_on = DateField(_l("Adopted on"), validators=[Optional()])
    clauses = TextAreaField(_l("Clauses, one per line"), validators=[DataRequired(), Length(max=20000, message=TOO_LONG)],
                            description=_l("Start a line with its label and a colon to keep the label, for example \"Section 2: ...\"."))


class ActionForm(FlaskForm):
    goal = StringField(_l("Goal"), validators=[DataRequired(), Length(max=500, message=TOO_LONG)])
    action_step = TextAreaField(_l("Action step"), validators=[DataRequired(), Length(max=2000, message=TOO_LONG)])
    departments = StringField(_l("Departments responsible"), validators=[Optional(), Length(max=300, message=TOO_LONG)])
    status = SelectField(_l("Status"), choices=status_choices)
    deadline = DateField(_l("Deadline"), validators=[Optional()])


class NewActionForm(ActionForm):
    engagement = SelectField(_l("Engagement"), coerce=int, validators=[DataRequired()])
    plan_title = StringField(_l("Action plan"), validators=[Optional(), Length(max=300, message=TOO_LONG)],
                             description=_l("Actions with the same plan name are listed together."))


class EditActionForm(ActionForm):
    progress_note = TextAreaField(_l("Latest update, shown to the public"),
                                  validators=[Optional(), Length(max=5000, message=TOO_LONG)])
