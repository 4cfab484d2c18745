"""Pages for residents: no account needed."""
from .views import bp

__all__ = ["bp"]
