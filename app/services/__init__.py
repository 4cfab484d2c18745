"""Use-cases, one package per domain. Every write goes through a service; services own the
transaction and take the acting user as an argument. Views never commit.

The error contract (``app/platform/errors.py``): a service refuses with ``ServiceError``;
``NotFound`` and ``Forbidden`` are kinds of it."""
from ..platform.errors import Forbidden, NotFound, ServiceError, get_or_not_found

__all__ = ["Forbidden", "NotFound", "ServiceError", "get_or_not_found"]
