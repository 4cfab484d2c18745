"""Translated names for stored codes (statuses, roles), for templates and exports."""
from flask_babel import lazy_gettext as _l

LABELS = {
    "session_status": {
        "draft": _l("Draft"), "published": _l("Published"),
        "cancelled": _l("Cancelled"), "closed": _l("Closed"),
    },
    "registration_status": {
        "confirmed": _l("Confirmed"), "waitlisted": _l("On the waitlist"),
        "cancelled": _l("Cancelled"), "attended": _l("Attended"),
    },
    "role": {
        "admin": _l("Administrator"), "organizer": _l("Organizer"),
        "notetaker": _l("Notetaker"), "analyst": _l("Analyst"),
    },
    "run_status": {
        "queued": _l("Waiting to start"), "running": _l("Running"),
        "done": _l("Done"), "failed": _l("Failed"),
    },
    "action_status": {
        "not_started": _l("Not started"), "in_progress": _l("In progress"),
        "done": _l("Done"), "blocked": _l("Blocked"),
    },
}


def label(kind, value):
    return LABELS[kind].get(value, value)
