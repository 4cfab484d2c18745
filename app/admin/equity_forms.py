"""Forms of the equity page: which questions an engagement asks, and the baselines."""
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..forms import BaseForm


class QuestionsForm(BaseForm):
    kinds = SelectMultipleField(_l("Questions to ask at registration"), widget=ListWidget(prefix_label=False),
                                option_widget=CheckboxInput(), validate_choice=False)
    districts = TextAreaField(_l("Neighbourhoods or council districts, one a line"),
                              validators=[Length(max=12_000)])


class BaselineForm(BaseForm):
    """Only the CSRF token: one share, source and year per answer are read by name
    (``share-<code>``, ``source-<code>``, ``year-<code>``), since the answers are the
    engagement's own."""
