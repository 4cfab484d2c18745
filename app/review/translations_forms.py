"""Forms of the translation workspace."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length


class SaveForm(FlaskForm):
    """The side-by-side form; its texts are read by unit key from the request."""


class ImportUploadForm(FlaskForm):
    file = FileField(
        _l("XLIFF 2 or PO file"), validators=[FileRequired(_l("Choose a file to import."))]
    )


class ImportCommitForm(FlaskForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])
