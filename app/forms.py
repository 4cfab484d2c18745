"""What every form in Heard is built on: text is cleaned once, here, as it enters.

Each form derives from ``BaseForm`` (posted forms, with a CSRF token; also read from a JSON
body) or ``FilterForm`` (filters read from the query string, no token). Before any field
sees the submitted data, every text value is passed through ``app.text.clean_text``, so no
NUL, control character or surrogate reaches a service, the database or a page, whichever
field type reads it. Two kinds of field keep what was sent: passwords (only what cannot be
encoded is dropped, so a stored password keeps matching) and ``KeyField`` identifiers, which
are refused instead when they hold anything but printable characters (a retry must name the
same key). ``NumberField`` reads whole numbers typed in any script; ``ChoiceField`` refuses
a value that is not one of its choices with Heard's own (translated) message.
"""
import functools
import unicodedata

from babel import support
from flask import abort, current_app, flash, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from wtforms import Form, HiddenField, IntegerField, PasswordField, SelectField
from wtforms.i18n import messages_path
from wtforms.validators import StopValidation, ValidationError

from .text import clean_text


class CleanInput:
    """Meta mixin: cleans the submitted values of every field (see the module docstring)."""

    def wrap_formdata(self, form, formdata):
        formdata = super().wrap_formdata(form, formdata)
        if formdata is None:
            return None
        keep = {field.name for field in form if isinstance(field, KeyField)}
        passwords = {field.name for field in form if isinstance(field, PasswordField)}

        def clean(name, value):
            if not isinstance(value, str) or name in keep:
                return value  # uploaded files; keys are checked by their field
            if name in passwords:
                return value.encode("utf-8", "ignore").decode("utf-8")
            return clean_text(value)

        return ImmutableMultiDict(
            {name: [clean(name, value) for value in values] for name, values in formdata.lists()})


class BaseForm(FlaskForm):
    """A posted form. A JSON object body is read as form data, as Flask-WTF does, except that
    its values must be text, numbers, true/false, null or lists of those: anything else,
    JSON that does not parse and bytes that are not UTF-8 get a 400."""

    class Meta(CleanInput):
        def wrap_formdata(self, form, formdata):
            reads_request = formdata is not None and not hasattr(formdata, "getlist")  # Flask-WTF's default
            if reads_request and form.is_submitted() and request.is_json:
                formdata = _json_formdata()
            return super().wrap_formdata(form, formdata)

        def get_translations(self, form):
            """WTForms' own messages in the reader's language, from a catalogue loaded once per
            language and process (Flask-WTF loads it again for every request)."""
            locale = get_locale() if current_app.config.get("WTF_I18N_ENABLED", True) else None
            return _wtforms_translations(str(locale)) if locale else super().get_translations(form)


@functools.lru_cache(maxsize=32)
def _wtforms_translations(locale):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class FilterForm(Form):
    """Filters read from the query string (``FilterForm(request.args)``): a GET form, no CSRF."""

    class Meta(CleanInput):
        pass


def _json_formdata():
    payload = request.get_json()  # malformed JSON, or bytes that are not UTF-8: 400
    if not isinstance(payload, dict):
        abort(400)
    data = MultiDict()
    for name, value in payload.items():
        for item in value if isinstance(value, list) else [value]:
            if item is None:
                continue
            if isinstance(item, bool):
                item = "y" if item else ""  # what a checkbox sends, or nothing
            elif isinstance(item, (int, float)):
                item = str(item)
            elif not isinstance(item, str):
                abort(400)
            data.add(name, item)
    return data


class KeyField(HiddenField):
    """An identifier sent by a client (such as the id a phone gives a note before sending it).
    Kept exactly as sent, since a retry must find the same key; one holding anything but
    printable characters (controls, invisible marks, surrogates) is refused with ``message``."""

    def __init__(self, label=None, validators=None, *, message, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.message = message

    def pre_validate(self, form):
        if self.data and not self.data.isprintable():
            raise StopValidation(self.message)


class NumberField(IntegerField):
    """A whole number typed in any script: "12", "１２" (full width), "١٢" (Arabic-Indic), with
    spaces or invisible marks (right-to-left marks, zero-width characters) around it. Anything
    else, and numbers of more than ``max_digits`` digits, get ``invalid_value_message``."""

    MINUS = "-\u2212\ufe63\uff0d"  # hyphen-minus, minus sign, small and full-width hyphen-minus
    PLUS = "+\ufe62\uff0b"

    def __init__(self, label=None, validators=None, max_digits=9, invalid_value_message=None, **kwargs):
        super().__init__(label, validators,
                         invalid_value_message=invalid_value_message or _l("Please enter a number."), **kwargs)
        self.max_digits = max_digits

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = None
        text = "".join(c for c in str(valuelist[0]) if unicodedata.category(c) != "Cf").strip()
        sign = 1
        if text and text[0] in self.MINUS + self.PLUS:
            sign, text = (-1 if text[0] in self.MINUS else 1), text[1:].lstrip()
        if not (text.isdecimal() and len(text) <= self.max_digits):
            raise ValueError(self.invalid_value_message)
        self.data = sign * int(text)


class ChoiceField(SelectField):
    """A select whose refusal of a value that is not one of the choices (only a changed page
    or a script sends one) is in the visitor's language, like every other message."""

    def pre_validate(self, form):
        try:
            super().pre_validate(form)
        except ValidationError:
            raise ValidationError(_l("Please choose one of the options.")) from None


def show_error(form, error, *, default_field=None):
    """Put a service's refusal (``ServiceError``) where the visitor will read it: on the form
    field it names (or ``default_field``), else as a message above the form. The one way a view
    shows a service error on a form."""
    name = getattr(error, "field", None) or default_field
    message = getattr(error, "message", None) or str(error)
    field = form[name] if name and name in form else None
    if field is not None:
        field.errors = [*field.errors, message]
    else:
        flash(message, "error")
