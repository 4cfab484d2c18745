"""Policy teams' pages: the blueprint ``bp`` (made in ``views``, with the theme board and theme
review), its guard, and ``routes``, the feature modules that add their pages to ``bp``: the
codebook, reports, analysis runs, the theme page and the translation workspace.
docs/architecture.md gives the shape."""
from ..security import guard
from . import codebook, reports, runs, theme_page, translations, views
from .views import bp

guard(bp, "analyst", "organizer", "admin")

routes = (views, codebook, reports, runs, theme_page, translations)

__all__ = ["bp", "routes"]
