"""The one error contract of the use-cases. A service refuses with ``ServiceError`` (its
``message`` already translated for the visitor, its ``field`` the form field it belongs to, if
any); ``NotFound`` and ``Forbidden`` are kinds of it. The app's error handlers turn ``NotFound``
into a 404 page and ``Forbidden`` into a 403 page; a view puts any other ``ServiceError`` on its
form with ``app.forms.show_error``."""
from ..extensions import db


class ServiceError(Exception):
    """A request the service refuses; ``message`` is already translated for the user."""

    def __init__(self, message="", field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    """What the request names does not exist (or is not the visitor's to see): a 404."""


class Forbidden(ServiceError):
    """The acting user may not do this: a 403."""


def get_or_not_found(model, ident, *, where=None):
    """The ``model`` row with primary key ``ident``; ``NotFound`` when ``ident`` is empty, there
    is no such row, or ``where(row)`` is false."""
    row = db.session.get(model, ident) if ident else None
    if row is None or (where is not None and not where(row)):
        raise NotFound(str(ident or ""))
    return row
