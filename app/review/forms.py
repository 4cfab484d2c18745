"""Forms for the theme board, theme review and links to policy."""
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..ids import coerce_id
from ..labels import LABELS

STANCE_CHOICES = list(LABELS["link_stance"].items())


class ThemeForm(BaseForm):
    label = StringField(_l("Theme name"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary written by the team"), validators=[Optional(), Length(max=5000)])
    status = SelectField(_l("Status"), choices=[("suggested", _l("Suggested")), ("accepted", _l("Accepted")),
                                                ("rejected", _l("Rejected"))])


class BoardFilterForm(BaseForm):
    """Read from the query string (GET), so the filtered board has an address of its own."""

    class Meta:
        csrf = False

    session = SelectField(_l("Session"), validate_choice=False)
    table = SelectField(_l("Table"), validate_choice=False)
    prompt = SelectField(_l("Prompt"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)


class BoardMergeForm(BaseForm):
    # Checkboxes on the theme cards, tied to this form by their form="merge" attribute.
    themes = SelectMultipleField(_l("Themes to merge"), coerce=coerce_id, validate_choice=False)
    into = SelectField(_l("Keep the name and page of"), validate_choice=False)
    label = StringField(_l("New name for the merged theme (optional)"), validators=[Optional(), Length(max=200)])


class MergeIntoForm(BaseForm):
    into = SelectField(_l("Merge this theme into"), coerce=coerce_id, validate_choice=False)


class SplitForm(BaseForm):
    # Checkboxes next to each note, tied to this form by their form="split" attribute.
    note_ids = SelectMultipleField(_l("Notes for the new theme"), coerce=coerce_id, validate_choice=False)
    label = StringField(_l("Name of the new theme"), validators=[Length(max=200)])


class CsrfOnlyForm(BaseForm):
    """A button that changes something and needs nothing but the CSRF token."""


class NoteActionForm(BaseForm):
    """One note of a theme: quote or not, excluded or not, reviewed."""

    note_id = HiddenField(validators=[DataRequired()])
    change = HiddenField(validators=[DataRequired()])


class MoveNoteForm(BaseForm):
    note_id = HiddenField(validators=[DataRequired()])
    theme = SelectField(_l("Move to"), coerce=str, validate_choice=False)


class AddNoteForm(BaseForm):
    note_id = SelectField(_l("Add a note that is not in any theme"), coerce=coerce_id, validate_choice=False)


class LinkDecisionForm(BaseForm):
    link_id = HiddenField(validators=[DataRequired()])
    decision = HiddenField(validators=[DataRequired()])
    stance = RadioField(_l("How does this theme bear on it?"), choices=STANCE_CHOICES, validate_choice=False)


class AddLinkForm(BaseForm):
    target = SelectField(_l("Link to a clause or an action"), validate_choice=False)
    stance = RadioField(_l("How does this theme bear on it?"), choices=STANCE_CHOICES, validate_choice=False)
