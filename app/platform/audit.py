"""Writing the audit log, inside the caller's transaction (a refusal, which changes nothing
else, is written in a transaction of its own)."""
from ..database import begin_write, insert_row
from ..extensions import db
from ..models import AuditEntry


def record(actor, action, obj=None, **details):
    """Add an audit row (a plain INSERT, at once) to the caller's transaction."""
    insert_row(AuditEntry, **entry_values(actor, action, obj, **details))


def entry_values(actor, action, obj=None, **details):
    """The columns of the row :func:`record` writes (the same arguments)."""
    return dict(
        user_id=getattr(actor, "id", None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=getattr(obj, "id", None),
        details=details,
    )


def record_refusal(user_id, *, method, path, reason=""):
    """An audit row for a refused request (a 403), in a transaction of its own. What the
    refused request had begun is rolled back first: a refusal changes nothing."""
    db.session.rollback()
    begin_write()
    insert_row(AuditEntry, user_id=user_id, action="access.refused", object_type="", object_id=None,
               details={"method": method, "path": path, **({"reason": reason} if reason else {})})
    db.session.commit()
