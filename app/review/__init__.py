"""Policy teams' pages. ``views`` holds the blueprint and theme review; each feature module adds
its routes to it when imported: codebook, runs, reports, the theme page and the translation workspace."""
from . import codebook, reports, runs, theme_page, translations  # noqa: F401  (routes on bp)
from .views import bp

__all__ = ["bp"]
