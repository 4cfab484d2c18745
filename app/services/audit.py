"""Writing the audit log, inside the caller's transaction."""
from ..extensions import db
from ..models import AuditEntry


def record(actor, action, obj=None, **details):
    entry = AuditEntry(
        user_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=getattr(obj, "id", None),
        details=details,
    )
    db.session.add(entry)
    return entry
