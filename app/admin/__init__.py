"""Organizers' and administrators' pages. ``views`` holds the blueprint; each feature
module adds its routes to it."""
from .views import bp
from . import notes  # noqa: F401  (note pages: routes on bp)
from . import roster, sessions  # noqa: F401  (sessions, roster, check-in: routes on bp)
from . import policy  # noqa: F401  (resolutions and action plans: routes on bp)
from . import engagements  # noqa: F401  (engagements: routes on bp)

__all__ = ["bp"]
