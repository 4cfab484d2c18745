"""The fair yardsticks of `make bench` (issue 22): the least a Flask app on this stack does to
store what a form or a JSON client sends, served with the same gunicorn settings as Heard.

* ``GET /form`` renders a Flask-WTF form (CSRF token in a hidden field, the session cookie set);
* ``POST /form`` checks the CSRF token, validates two fields and inserts one row through
  Flask-SQLAlchemy's session, then redirects (303), as Heard's registration does;
* ``POST /json`` checks the CSRF token sent in ``X-CSRFToken`` (as Heard's notes API does),
  reads two JSON fields and inserts one row, then answers 201 with the row's id.

The database is ``YARDSTICK_DATABASE_URL`` (SQLite file or PostgreSQL); the table is created
when the app is loaded. Serve it with ``gunicorn -c deploy/gunicorn.conf.py yardstick:app``
from this folder (``benchmarks/run.py`` does).
"""
import os

from flask import Flask, jsonify, redirect, render_template_string, request
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import event
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Regexp

db = SQLAlchemy()


class Entry(db.Model):
    __tablename__ = "yardstick_entries"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    contact = db.Column(db.String(320), nullable=False)


class EntryForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=200)])
    email = StringField("Email", validators=[DataRequired(), Length(max=320), Regexp(r"^[^@\s]+@[^@\s]+$")])


PAGE = """<!doctype html><title>Yardstick</title>
<form method="post">{{ form.csrf_token }}{{ form.name }}{{ form.email }}<button>Send</button></form>"""


def create_app():
    app = Flask(__name__)
    url = os.environ.get("YARDSTICK_DATABASE_URL", "sqlite:///" + os.path.abspath("yardstick.sqlite3"))
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    app.config.update(SECRET_KEY=os.environ.get("YARDSTICK_SECRET_KEY") or os.urandom(24).hex(),
                      SQLALCHEMY_DATABASE_URI=url)
    db.init_app(app)
    CSRFProtect(app)

    @app.route("/form", methods=["GET", "POST"])
    def form():
        entry_form = EntryForm()
        if entry_form.validate_on_submit():
            db.session.add(Entry(name=entry_form.name.data, contact=entry_form.email.data))
            db.session.commit()
            return redirect("/form", 303)
        return render_template_string(PAGE, form=entry_form)

    @app.post("/json")
    def json_entry():
        data = request.get_json(silent=True) or {}
        text, client_id = str(data.get("text") or ""), str(data.get("client_id") or "")
        if not text or not client_id:
            return jsonify(error="text and client_id are required"), 400
        entry = Entry(name=client_id[:200], contact=text[:320])
        db.session.add(entry)
        db.session.commit()
        return jsonify(id=entry.id), 201

    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            # WAL and synchronous=NORMAL, as Heard runs SQLite (app/database.py).
            @event.listens_for(db.engine, "connect")
            def _wal(connection, _record):
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.execute("PRAGMA busy_timeout=5000")
        db.create_all()
        db.engine.dispose()  # no connection crosses gunicorn's fork (preload_app)
    return app


app = create_app()
