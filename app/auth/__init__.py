"""Staff sign-in and sign-out: the blueprint ``bp`` (made in ``views``) and ``routes``, the
modules that add pages to ``bp``; ``throttle`` counts sign-in attempts. No guard: the sign-in page
is for those not signed in yet (sign-out asks for a signed-in user itself).
docs/architecture.md gives the shape."""
from . import views
from .views import bp

routes = (views,)

__all__ = ["bp", "routes"]
