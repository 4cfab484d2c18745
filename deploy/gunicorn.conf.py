"""gunicorn settings for Heard (``make serve``). Override any of them with GUNICORN_* env vars
or command-line flags; see docs/deploy.md."""
import multiprocessing
import os
import re

from gunicorn.glogging import Logger

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", min(multiprocessing.cpu_count() * 2 + 1, 9)))
# Sync workers, one request at a time each. gthread (GUNICORN_THREADS > 1) was measured with
# `benchmarks/run.py --only register_get,register_post` on 2 cores and SQLite: 4 threads per
# worker gave no more throughput and a longer p95 (1.2 to 6 times; CPU-bound requests share
# one GIL, and more writers wait on SQLite's lock at once). See docs/benchmarks.md.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Load the app once in the master and fork workers from it: recycled workers start at once.
# (No database connection is opened before the fork; each worker opens its own.)
preload_app = True
max_requests = 2000
max_requests_jitter = 200
# Behind a reverse proxy on the same host: trust its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# No query strings in the access log, and the secret of a resident's manage link
# (/r/<token>) is masked: neither searches nor private links end up in logs.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms'
errorlog = "-"

MANAGE_LINK = re.compile(r"/r/[^/?\s]+")


class RedactingLogger(Logger):
    """Masks manage-link secrets and drops query strings, whatever the log format."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # When the app itself failed, gunicorn logs its own 500 with an environ that has no
        # PATH_INFO: that line must be written too (an error here kills the worker, and the
        # client gets no answer at all).
        atoms["U"] = MANAGE_LINK.sub("/r/[private]", atoms["U"] or getattr(req, "path", None) or "-")
        atoms["r"] = MANAGE_LINK.sub("/r/[private]", atoms["r"].split("?")[0])
        atoms["q"] = ""
        return atoms


logger_class = RedactingLogger
