"""Organizers' and administrators' pages. ``views`` holds the blueprint; each feature module
adds its routes to it when imported: notes (note pages), sessions and roster (sessions, roster,
check-in), policy (resolutions and action plans) and engagements."""
from . import engagements, equity, notes, plans, policy, roster, sessions  # noqa: F401  (routes on bp)
from .views import bp

__all__ = ["bp"]
