"""Residents' pages: the blueprint ``bp`` (made in ``views``, with the home page, sessions,
registration and the private manage page) and ``routes``, the feature modules that add their pages
to ``bp``: follow-up, published plans and reports. No guard: residents need no account (the
private pages are reached by their secret link). docs/architecture.md gives the shape."""
from . import followup, plans, reports, views
from .views import bp

routes = (views, followup, plans, reports)

__all__ = ["bp", "routes"]
