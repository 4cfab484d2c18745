"""Policy teams' pages. ``views`` holds the blueprint and theme review; each feature
module adds its routes to it."""
from .views import bp
from . import codebook, reports, runs  # noqa: F401  (codebook, runs and reports: routes on bp)
from . import translations  # noqa: F401  (the translation workspace: routes on bp)

__all__ = ["bp"]
