"""Forms for starting analysis runs and choosing what to compare a run with."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import BaseForm, FilterForm
from ..ids import coerce_id


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes (the error summary links to the first one, ``<id>-0``)."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RunForm(BaseForm):
    engagement = SelectField(_l("Engagement"), coerce=coerce_id, validators=[DataRequired()])
    sessions = MultiCheckboxField(
        _l("Sessions to analyse"), coerce=coerce_id, validate_choice=False,
        description=_l("Tick the sessions whose notes to analyse. "
                       "Tick none to analyse every session of the engagement."),
    )
    themes = StringField(
        _l("Number of themes"), default="auto",
        description=_l("Leave \"auto\" to let Heard choose, or enter a number from 1 to 50."),
        validators=[DataRequired(),
                    Regexp(r"^(auto|[1-9]|[1-4][0-9]|50)$", message=_l("Enter \"auto\" or a number from 1 to 50."))],
    )


class CompareForm(FilterForm):
    """Read from the query string (a GET form: the comparison changes nothing)."""
    against = SelectField(_l("Compare with"), coerce=coerce_id, validate_choice=False)
