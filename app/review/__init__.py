"""Policy teams' pages. ``views`` holds the blueprint and theme review; each feature
module adds its routes to it."""
from .views import bp
from . import codebook, reports, runs  # noqa: F401  (codebook, runs and reports: routes on bp)

__all__ = ["bp"]
