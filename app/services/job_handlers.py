"""Every module that registers a background job handler (``@jobs.handler``), imported by the
app factory so that each process (web, ``flask jobs work``, the RQ worker) knows every job.
A module that adds a handler is added here; tests/app/test_jobs_handlers.py checks that every
job name enqueued anywhere has its handler in a fresh app."""
from ..platform import outbox  # noqa: F401  "outbox.send"
from .insights import note_vectors, placement, tagging, theme_finding  # noqa: F401  notes.encode, analysis.*, codebook.tag
from .policy import digests  # noqa: F401  "digests.queue"
