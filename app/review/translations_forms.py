"""Forms of the translation workspace."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired, Length

from ..forms import BaseForm


class SaveForm(BaseForm):
    """The side-by-side form; its texts are read by unit key from the request."""


class ImportUploadForm(BaseForm):
    file = FileField(
        _l("XLIFF 2 or PO file"), validators=[FileRequired(_l("Choose a file to import."))]
    )


class ImportCommitForm(BaseForm):
    token = HiddenField(validators=[DataRequired(), Length(max=64)])
