"""Use-cases. Every write goes through a service; services own the transaction and take
the acting user as an argument. Views never commit."""
from ..extensions import db


class ServiceError(Exception):
    """A request the service refuses; ``message`` is already translated for the user."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def get_or_lookup_error(model, ident, *, where=None):
    """The ``model`` row with primary key ``ident``; ``LookupError(ident)`` when ``ident`` is
    empty, there is no such row, or ``where(row)`` is false (views turn it into a 404)."""
    row = db.session.get(model, ident) if ident else None
    if row is None or (where is not None and not where(row)):
        raise LookupError(ident)
    return row
