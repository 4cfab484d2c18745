"""Forms for the codebook: codes in several languages, and decisions on tags."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..i18n import native_name, text_direction
from ..ids import coerce_id

TOO_LONG = _l("This is too long.")


class EngagementPickForm(BaseForm):
    """Which engagement's codebook to show (a GET form)."""

    class Meta:
        csrf = False

    engagement = SelectField(_l("Engagement"), coerce=coerce_id, validate_choice=False)


class NewCodebookForm(BaseForm):
    name = StringField(_l("Codebook name"), validators=[
        DataRequired(message=_l("Give the codebook a name.")), Length(max=200, message=TOO_LONG)])


class ImportCodebookForm(BaseForm):
    """Only the CSRF token: the engagement comes from the URL."""


class CodeForm(BaseForm):
    key = StringField(
        _l("Key"), validators=[Optional(), Length(max=80, message=TOO_LONG)],
        description=_l("A short, stable identifier such as safe_routes. "
                       "Leave empty to make one from the name."))
    # name, description and examples (the engagement's default language) and the same three
    # for each other language are added by code_form().

    def other_languages(self):
        """``[(language, name field, description field, examples field)]`` for the template."""
        return [(lang, self[f"name_{s}"], self[f"description_{s}"], self[f"examples_{s}"])
                for lang, s in self.language_suffixes]

    def texts(self, default_language):
        """The form's texts as ``{lang: {"name", "description", "examples"}}``."""
        out = {default_language: {"name": self.name.data, "description": self.description.data,
                                  "examples": self.examples.data}}
        for lang, name, description, examples in self.other_languages():
            out[lang] = {"name": name.data, "description": description.data,
                         "examples": examples.data}
        return out

    def fill(self, texts, default_language):
        own = texts.get(default_language, {})
        self.name.data, self.description.data, self.examples.data = (
            own.get("name", ""), own.get("description", ""), own.get("examples", ""))
        for lang, name, description, examples in self.other_languages():
            values = texts.get(lang, {})
            name.data, description.data, examples.data = (
                values.get("name", ""), values.get("description", ""), values.get("examples", ""))


def _suffix(lang):
    return lang.replace("-", "_").lower()


def code_form(languages, default_language, **kwargs):
    """A CodeForm with name, description and examples fields for each other language."""

    class LanguageCodeForm(CodeForm):
        language_suffixes = [(lang, _suffix(lang)) for lang in languages
                             if lang != default_language]

    def own(lang):
        return {"lang": lang, "dir": "rtl" if text_direction(lang) == "rtl" else "auto"}

    LanguageCodeForm.name = StringField(
        _l("Name"), validators=[Length(max=200, message=TOO_LONG)], render_kw=own(default_language))
    LanguageCodeForm.description = TextAreaField(
        _l("Description"), validators=[Length(max=2000, message=TOO_LONG)],
        render_kw=own(default_language))
    LanguageCodeForm.examples = TextAreaField(
        _l("Example phrases"), validators=[Length(max=20000, message=TOO_LONG)],
        render_kw=own(default_language),
        description=_l("One per line. Phrases residents might say help Heard suggest the code."))
    for lang, suffix in LanguageCodeForm.language_suffixes:
        setattr(LanguageCodeForm, f"name_{suffix}", StringField(
            _l("Name in %(language)s", language=native_name(lang)),
            validators=[Length(max=200, message=TOO_LONG)], render_kw=own(lang)))
        setattr(LanguageCodeForm, f"description_{suffix}", TextAreaField(
            _l("Description in %(language)s", language=native_name(lang)),
            validators=[Length(max=2000, message=TOO_LONG)], render_kw=own(lang)))
        setattr(LanguageCodeForm, f"examples_{suffix}", TextAreaField(
            _l("Example phrases in %(language)s", language=native_name(lang)),
            validators=[Length(max=20000, message=TOO_LONG)], render_kw=own(lang)))
    return LanguageCodeForm(**kwargs)


class DeleteCodeForm(BaseForm):
    """Only the CSRF token."""


class SuggestTagsForm(BaseForm):
    """Only the CSRF token."""


class TagFilterForm(BaseForm):
    class Meta:
        csrf = False

    show = SelectField(_l("Show"), default="suggested", choices=[
        ("suggested", _l("Suggested tags")), ("confirmed", _l("Confirmed tags")),
        ("rejected", _l("Rejected tags")), ("all", _l("All notes"))])
    code = SelectField(_l("Code"), coerce=str, default="", validate_choice=False)


class TagDecisionForm(BaseForm):
    tag_id = HiddenField(validators=[DataRequired()])
    decision = HiddenField(validators=[DataRequired()])


class AddTagForm(BaseForm):
    note_id = HiddenField(validators=[DataRequired()])
    code = SelectField(_l("Add a tag"), coerce=str, validate_choice=False)
