from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ThemeForm(FlaskForm):
    label = StringField(_l("Theme name"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary written by the team"), validators=[Optional(), Length(max=5000)])
    status = SelectField(_l("Status"), choices=[("suggested", _l("Suggested")), ("accepted", _l("Accepted")),
                                                ("rejected", _l("Rejected"))])


class MoveNoteForm(FlaskForm):
    note_id = HiddenField(validators=[DataRequired()])
    theme = SelectField(_l("Move to"), coerce=str, validate_choice=False)


class AddNoteForm(FlaskForm):
    note_id = SelectField(_l("Add a note that is not in any theme"), coerce=int, validate_choice=False)


class LinkDecisionForm(FlaskForm):
    link_id = HiddenField(validators=[DataRequired()])
    decision = HiddenField(validators=[DataRequired()])


class AddLinkForm(FlaskForm):
    target = SelectField(_l("Link to a clause or an action"), validate_choice=False)
