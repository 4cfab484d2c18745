"""Use-cases. Every write goes through a service; services own the transaction and take
the acting user as an argument. Views never commit."""


class ServiceError(Exception):
    """A request the service refuses; ``message`` is already translated for the user."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field
