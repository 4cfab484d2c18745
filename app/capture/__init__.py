"""Notetakers' pages: the blueprint ``bp`` (made in ``views``, with the tables, the capture screen
and the offline queue's endpoints), its guard, and ``routes``, the modules that add pages to
``bp``. docs/architecture.md gives the shape."""
from ..security import guard
from . import views
from .views import bp

guard(bp, "notetaker", "organizer", "admin")

routes = (views,)

__all__ = ["bp", "routes"]
