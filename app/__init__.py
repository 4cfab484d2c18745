"""Heard: multilingual listening sessions, from registration to notes to policy."""
import os

from flask import Flask

from . import config


def create_app(config_overrides=None):
    """Build the app: configuration, extensions, blueprints, commands; nothing else."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("HEARD_INSTANCE_PATH") or None,
        instance_relative_config=True,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config["TRANSLATIONS_DIR"] = os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "translations"
    )
    config.load(app, config_overrides)

    from . import cli, database, errors, i18n, ids, security, templating, timezones
    from .admin import bp as admin_bp
    from .auth import bp as auth_bp
    from .capture import bp as capture_bp
    from .platform import jobs, scopes
    from .public import bp as public_bp
    from .review import bp as review_bp
    from .services import job_handlers  # noqa: F401  every job's handler registers itself on import

    ids.init_app(app)  # before any blueprint: their <int:...> parts use it
    database.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    timezones.init_app(app, scopes.engagement_for)
    jobs.init_app(app)
    for blueprint in (public_bp, auth_bp, capture_bp, review_bp, admin_bp):
        app.register_blueprint(blueprint)
    cli.init_app(app)
    return app
