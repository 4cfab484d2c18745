"""Configuration: defaults, then ``instance/config.py``, then the environment, then overrides.

Only settings a deployer may need are read from the environment; see README.md.
"""
import os
from urllib.parse import urlsplit

WEAK_SECRETS = {"", "dev", "change-me", "changeme", "secret", "you-will-never-guess"}

ALL_LANGUAGES = ["en", "es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"]


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
    HEARD_BASE_URL = "http://127.0.0.1:5000"
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
    # Residents' forms: (count, seconds) per network address and per email/phone. Generous,
    # because a whole venue may share one address.
    REGISTRATION_LIMIT_PER_ADDRESS = (1000, 3600)
    REGISTRATION_LIMIT_PER_CONTACT = (10, 3600)
    # Where those counts live: default REDIS_URL when set (shared by all workers), else memory.
    RATELIMIT_STORAGE_URL = None
    NOTE_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    # Largest draft resolution (.txt or .docx) accepted on the policy page.
    POLICY_IMPORT_MAX_BYTES = 2 * 1024 * 1024
    # Background jobs: thread (in-process, default), db (flask jobs work), rq (Redis), inline.
    HEARD_QUEUE = "thread"
    REDIS_URL = None
    REMINDER_HOURS_BEFORE = 24
    RETENTION_DAYS = 90
    RETENTION_KEEP_CONSENTED = True  # keep contacts of residents who asked to hear about outcomes


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
    "NOTE_IMPORT_MAX_BYTES": int,
    "POLICY_IMPORT_MAX_BYTES": int,
    "RETENTION_KEEP_CONSENTED": _flag,
    "SQLITE_BUSY_TIMEOUT": float,
    "MAIL_FROM": str,
    "HEARD_LANGUAGES": lambda v: [code.strip() for code in v.split(",") if code.strip()],
    "HEARD_DEFAULT_LANGUAGE": str,
    "HEARD_BASE_URL": str,
    "HEARD_QUEUE": str,
    "REDIS_URL": str,
    "RATELIMIT_STORAGE_URL": str,
    "REMINDER_HOURS_BEFORE": int,
    "RETENTION_DAYS": int,
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
    if not app.config.get("OUTBOX_DIR"):
        app.config["OUTBOX_DIR"] = os.path.join(app.instance_path, "outbox")
    secure_cookies(app.config, debug=app.debug)
    check(app.config, debug=app.debug)


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
HOST_PREFIX = "__Host-"


def secure_cookies(config, debug=False):
    """Cookies are ``Secure`` (sent over HTTPS only) unless the configuration says otherwise,
    or Heard runs in debug or tests, or ``HEARD_BASE_URL`` is plain http on this machine (the
    default, which ``make run`` serves on http://127.0.0.1:5000). Served over HTTPS
    (``HEARD_BASE_URL`` or ``PREFERRED_URL_SCHEME`` https), the session cookie is named
    ``__Host-session``: browsers then keep it to this exact host, path ``/``, HTTPS only, so a
    neighbouring subdomain or a plain-http page cannot plant or overwrite it."""
    base = urlsplit(config.get("HEARD_BASE_URL") or "")
    if config.get("SESSION_COOKIE_SECURE") is None:
        local_http = base.scheme == "http" and base.hostname in LOOPBACK_HOSTS
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
