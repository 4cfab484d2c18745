"""Pages for residents: no account needed."""
from . import reports  # noqa: F401  (adds its routes to bp)
from .views import bp

__all__ = ["bp"]
