"""Forms of the organizers' note pages."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SearchField, SelectField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..ids import coerce_id


class NoteSearchForm(BaseForm):
    class Meta:
        csrf = False  # a GET search

    q = SearchField(_l("Search notes"), validators=[Optional(), Length(max=200)])


class AssignForm(BaseForm):
    user_id = SelectField(_l("Notetaker"), coerce=coerce_id, validators=[DataRequired()])
    table_id = SelectField(_l("Table"), coerce=coerce_id, validators=[DataRequired()])


class UnassignForm(BaseForm):
    pass


class ImportUploadForm(BaseForm):
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired(_l("Choose a file to import."))])


class ImportCommitForm(BaseForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])
