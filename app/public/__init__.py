"""Pages for residents: no account needed."""
from . import followup, plans, reports  # noqa: F401  (add their routes to bp)
from .views import bp

__all__ = ["bp"]
