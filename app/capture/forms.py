"""Forms of the capture pages. The JSON endpoints parse their bodies with the same forms
(Flask-WTF reads a JSON body as form data; the CSRF token travels in X-CSRFToken)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..forms import BaseForm, KeyField
from ..i18n import LANGUAGES
from ..ids import IdField
from ..services.capture.notes import MAX_CLIENT_ID, MAX_TEXT


def language_choices(blank=None):
    choices = [SelectChoice(code, name, render_kw={"lang": code}) for code, (_cldr, _f, name) in LANGUAGES.items()]
    return ([SelectChoice("", blank)] if blank is not None else []) + choices


class NoteForm(BaseForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(_l("Write the note first.")), Length(max=MAX_TEXT)])
    is_quote = BooleanField(_l("Quote: the participant's own words"))
    is_sensitive = BooleanField(_l("Sensitive: never published"))
    translation_en = TextAreaField(_l("English translation (optional)"), validators=[Optional(), Length(max=MAX_TEXT)])
    # The phone's id for the note: a retry must find it again, so it is never cleaned.
    client_id = KeyField(validators=[Optional(), Length(max=MAX_CLIENT_ID)],
                         message=_l("This note id contains characters that are not allowed. It was not saved."))


class NoteApiForm(NoteForm):
    """The JSON body of ``POST /capture/api/notes``."""

    table_id = IdField(validators=[InputRequired()])
    prompt_id = IdField(validators=[Optional()])
    user_id = IdField(validators=[InputRequired()])
    language = SelectField(choices=language_choices(blank=""), validators=[Optional()], validate_choice=True)


class EditNoteForm(BaseForm):
    text = TextAreaField(_l("Note"), validators=[DataRequired(_l("Write the note first.")), Length(max=MAX_TEXT)])
    is_quote = BooleanField(_l("Quote: the participant's own words"))
    is_sensitive = BooleanField(_l("Sensitive: never published"))
    translation_en = TextAreaField(_l("English translation (optional)"), validators=[Optional(), Length(max=MAX_TEXT)])
    language = SelectField(_l("Language of the note"), choices=language_choices(blank=_l("Detect automatically")),
                           validators=[Optional()])
    version = HiddenField(validators=[DataRequired()])


class LanguageForm(BaseForm):
    language = SelectField(_l("Language of the note"), choices=language_choices(), validators=[DataRequired()])


class DeleteNoteForm(BaseForm):
    version = HiddenField()
