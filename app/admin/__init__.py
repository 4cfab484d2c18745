"""Organizers' and administrators' pages: the blueprint ``bp`` (made in ``views``, with the
home page and the user list), its guard, and ``routes``, the feature modules that add their pages
to ``bp``: engagements, equity questions and counts, notes, action plans, policy (resolutions and
commitments), the roster and check-in, sessions. docs/architecture.md gives the shape."""
from ..security import guard
from . import engagements, equity, notes, plans, policy, roster, sessions, views
from .views import bp

guard(bp, "organizer", "admin")

routes = (views, engagements, equity, notes, plans, policy, roster, sessions)

__all__ = ["bp", "routes"]
