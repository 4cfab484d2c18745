"""Organizers' and administrators' pages. ``views`` holds the blueprint; each feature
module adds its routes to it."""
from .views import bp

__all__ = ["bp"]
