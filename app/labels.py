"""Translated names for stored codes (statuses, roles), for templates and exports.

Each list of stored values lives once, in its model module; this module only names its
values. :func:`_each` refuses, at import, a list whose values and labels differ, and keeps
the list's order (forms offer the choices in it).
"""
from flask_babel import lazy_gettext as _l

from .models import (
    ACCESS_NEEDS,
    ACTION_STATUSES,
    HEARD_FROM,
    LINK_STANCES,
    LINK_STATUSES,
    MEASURE_DIRECTIONS,
    REGISTRATION_STATUSES,
    RESPONSE_STATES,
    REVIEW_ADJUSTMENTS,
    ROLES,
    RUN_STAGES,
    RUN_STATUSES,
    SESSION_STATUSES,
    THEME_STATUSES,
)

# How a measure stands (computed by services.plans.measures, never stored).
MEASURE_PROGRESS = ("on_track", "off_track", "no_recent_reading", "no_target")


def _each(values, labels):
    """``labels`` in the order of ``values``; every value named, nothing else."""
    if set(values) != set(labels) or len(values) != len(labels):
        raise RuntimeError(f"labels and stored values differ: {sorted(set(values) ^ set(labels))}")
    return {value: labels[value] for value in values}


LABELS = {
    "session_status": _each(SESSION_STATUSES, {
        "draft": _l("Draft"), "published": _l("Published"),
        "cancelled": _l("Cancelled"), "closed": _l("Closed"),
    }),
    "registration_status": _each(REGISTRATION_STATUSES, {
        "confirmed": _l("Confirmed"), "waitlisted": _l("On the waitlist"),
        "cancelled": _l("Cancelled"), "attended": _l("Attended"),
    }),
    "role": _each(ROLES, {
        "admin": _l("Administrator"), "organizer": _l("Organizer"),
        "notetaker": _l("Notetaker"), "analyst": _l("Analyst"),
    }),
    "run_status": _each(RUN_STATUSES, {
        "queued": _l("Waiting to start"), "running": _l("Running"),
        "done": _l("Done"), "failed": _l("Failed"),
    }),
    # What an analysis run is doing now (AnalysisRun.stage), shown beside its progress bar.
    "run_stage": _each(RUN_STAGES, {
        "queued": _l("Waiting to start"), "loading": _l("Loading notes"),
        "encoding": _l("Reading the notes' meaning"), "themes": _l("Finding themes"),
        "tagging": _l("Tagging with the codebook"), "links": _l("Suggesting links to policy"),
        "saving": _l("Saving"), "done": _l("Done"), "failed": _l("Failed"),
    }),
    "theme_status": _each(THEME_STATUSES, {
        "suggested": _l("Suggested"), "accepted": _l("Accepted"),
        "merged": _l("Merged"), "rejected": _l("Rejected"),
    }),
    "link_status": _each(LINK_STATUSES, {
        "suggested": _l("Suggested"), "confirmed": _l("Confirmed"), "rejected": _l("Rejected"),
    }),
    "access_need": _each(ACCESS_NEEDS, {
        "asl": _l("ASL interpreter"), "cart": _l("Live captioning (CART)"),
        "wheelchair": _l("Wheelchair access"), "large_print": _l("Large print"), "other": _l("Other"),
    }),
    "heard_from": _each(HEARD_FROM, {
        "flyer": _l("A flyer or poster"), "friend": _l("A friend or family member"),
        "social": _l("Social media"), "community_group": _l("A community group or faith group"),
        "school": _l("My child's school"), "library": _l("The library"),
        "city": _l("The city's website or newsletter"), "other": _l("Somewhere else"),
    }),
    "action_status": _each(ACTION_STATUSES, {
        "not_started": _l("Not started"), "planning": _l("Planning"), "in_progress": _l("In progress"),
        "ongoing": _l("Ongoing"), "complete": _l("Complete"), "excluded": _l("Excluded"),
    }),
    # Plans people can monitor (app/models/plan_monitoring.py).
    "measure_direction": _each(MEASURE_DIRECTIONS, {"up": _l("Higher is better"), "down": _l("Lower is better")}),
    "measure_progress": _each(MEASURE_PROGRESS, {
        "on_track": _l("On track"), "off_track": _l("Off track"), "no_recent_reading": _l("No recent reading"),
        "no_target": _l("No target set"),
    }),
    "review_adjustment": _each(REVIEW_ADJUSTMENTS, {
        "none": _l("No change"), "deadline": _l("Deadline moved"), "owner": _l("Owner changed"),
        "split": _l("Split into smaller actions"), "dropped": _l("Dropped"),
    }),
    # The city's response to a theme.
    "response_state": _each(RESPONSE_STATES, {
        "adopted": _l("Adopted"), "partly_adopted": _l("Partly adopted"), "not_adopted": _l("Not adopted"),
        "under_consideration": _l("Under consideration"),
    }),
    "link_stance": _each(LINK_STANCES, {
        "supports": _l("Supports"), "concern": _l("Raises a concern"), "change": _l("Suggests a change"),
    }),
}


def label(kind, value):
    return LABELS[kind].get(value, value)
