"""Writing the audit log, inside the caller's transaction."""
from ..database import insert_row
from ..models import AuditEntry


def record(actor, action, obj=None, **details):
    """Add an audit row (a plain INSERT, at once) to the caller's transaction."""
    insert_row(
        AuditEntry,
        user_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=getattr(obj, "id", None),
        details=details,
    )
