"""Forms for the theme board, theme review and links to policy."""
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm, FilterForm
from ..ids import coerce_id
from ..labels import LABELS
from ..models import THEME_STATUSES

STANCE_CHOICES = list(LABELS["link_stance"].items())
RESPONSE_CHOICES = list(LABELS["response_state"].items())


class ThemeForm(BaseForm):
    label = StringField(_l("Theme name"), validators=[DataRequired(), Length(max=200)])
    summary = TextAreaField(_l("Summary written by the team"), validators=[Optional(), Length(max=5000)])
    # Merging is its own action (MergeForm), not a status to choose.
    status = SelectField(_l("Status"), choices=[(status, LABELS["theme_status"][status])
                                                for status in THEME_STATUSES if status != "merged"])


class ResponseForm(BaseForm):
    """The city's response to a theme (services.policy.responses)."""

    state = RadioField(_l("The city's response"), choices=RESPONSE_CHOICES, validate_choice=False)
    reason = TextAreaField(_l("Why, in plain words"), validators=[Optional(), Length(max=5000)])
    answered_by = StringField(_l("Who answers for it"), validators=[Optional(), Length(max=200)])
    decision_due = DateField(_l("Decision due by (when under consideration)"), validators=[Optional()])


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


class ThemeNotesFilterForm(FilterForm):
    """The theme page's note filters, read from the query string (its own address)."""

    session = SelectField(_l("Session"), validate_choice=False)
    table = SelectField(_l("Table"), validate_choice=False)
    prompt = SelectField(_l("Prompt"), validate_choice=False)
    language = SelectField(_l("Language"), validate_choice=False)
    tag = SelectField(_l("Tag"), validate_choice=False)


BULK_CHOICES = [("", _l("Choose…")), ("move", _l("Move to another theme")), ("split", _l("Split off into a new theme")),
                ("exclude", _l("Exclude from this theme")), ("include", _l("Include again")),
                ("quote", _l("Mark as quotes")), ("unquote", _l("No longer quotes"))]


class BulkNotesForm(BaseForm):
    """Several notes of a theme at once; the checkboxes beside the notes name this form."""

    note_ids = SelectMultipleField(_l("Chosen notes"), coerce=coerce_id, validate_choice=False)
    action = SelectField(_l("With the chosen notes"), choices=BULK_CHOICES, validate_choice=False)
    target = SelectField(_l("Move them to"), coerce=str, validate_choice=False)
    label = StringField(_l("Name of the new theme (to split)"), validators=[Optional(), Length(max=200)])
    back = HiddenField(validators=[Optional(), Length(max=500)])


class CoverageFilterForm(FilterForm):
    """The coverage matrix's filters (GET): one resolution, one plan, only the gaps."""

    resolution = SelectField(_l("Resolution"), validate_choice=False)
    plan = SelectField(_l("Action plan"), validate_choice=False)
    gaps = BooleanField(_l("Only what is not linked yet"), id="only-gaps")  # the page has a "gaps" heading
