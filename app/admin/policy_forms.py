from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..ids import coerce_id
from ..labels import LABELS
from .forms import TOO_LONG

# What each kind of resolution clause is called on the organizers' pages.
CLAUSE_KINDS = {
    "whereas": _l("Whereas (a reason)"), "resolved": _l("Resolved (a decision)"),
    "section": _l("Section"), "": _l("Other"),
}


def status_choices():
    return list(LABELS["action_status"].items())


class ResolutionForm(BaseForm):
    engagement = SelectField(_l("Engagement"), coerce=coerce_id, validators=[DataRequired()])
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    title = StringField(_l("Title"), validators=[Optional(), Length(max=300, message=TOO_LONG)],
                        description=_l("Leave it blank to use the title line above the first clause."))
    adopted_on = DateField(_l("Adopted on"), validators=[Optional()])
    text = TextAreaField(_l("Resolution text"), validators=[Optional(), Length(max=100000, message=TOO_LONG)],
                         description=_l("Paste the whole draft. Heard starts a new clause at each WHEREAS, "
                                        "RESOLVED and numbered section; you can correct the clauses afterwards."))
    file = FileField(_l("Or upload the draft (.txt or .docx)"))


class ResolutionEditForm(BaseForm):
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300, message=TOO_LONG)])
    adopted_on = DateField(_l("Adopted on"), validators=[Optional()])


class ClauseForm(BaseForm):
    kind = SelectField(_l("Kind"), choices=lambda: list(CLAUSE_KINDS.items()))
    label = StringField(_l("Label"), validators=[Optional(), Length(max=40, message=TOO_LONG)],
                        description=_l("Such as \"Whereas 3\" or \"Section 4\". Left blank, Heard numbers a new "
                                       "clause after the others of its kind."))
    text = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=20000, message=TOO_LONG)])


class ButtonForm(BaseForm):
    """Move and delete buttons: only the CSRF token."""


class PlanImportForm(BaseForm):
    engagement = SelectField(_l("Engagement"), coerce=coerce_id, validators=[DataRequired()])
    plan_title = StringField(_l("Action plan"), validators=[Optional(), Length(max=300, message=TOO_LONG)],
                             description=_l("The actions are added to the plan with this name, or to a new plan."))
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired(_l("Choose a file to import."))])


class PlanImportCommitForm(BaseForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])


class ActionForm(BaseForm):
    number = StringField(_l("Number"), validators=[Optional(), Length(max=40, message=TOO_LONG)],
                         description=_l("The plan's own numbering, such as 1.3.2. Optional."))
    goal = StringField(_l("Goal"), validators=[DataRequired(), Length(max=500, message=TOO_LONG)])
    action_step = TextAreaField(_l("Action step"), validators=[DataRequired(), Length(max=2000, message=TOO_LONG)])
    departments = StringField(_l("Departments responsible"), validators=[Optional(), Length(max=300, message=TOO_LONG)])
    status = SelectField(_l("Status"), choices=status_choices)
    deadline = DateField(_l("Deadline"), validators=[Optional()])


class NewActionForm(ActionForm):
    engagement = SelectField(_l("Engagement"), coerce=coerce_id, validators=[DataRequired()])
    plan_title = StringField(_l("Action plan"), validators=[Optional(), Length(max=300, message=TOO_LONG)],
                             description=_l("Actions with the same plan name are listed together."))


class EditActionForm(ActionForm):
    progress_note = TextAreaField(_l("Latest update, shown to the public"),
                                  validators=[Optional(), Length(max=5000, message=TOO_LONG)])
    status_note = StringField(_l("Why the status changed (kept in its public history)"),
                              validators=[Optional(), Length(max=2000, message=TOO_LONG)])
