"""Organizers: create, edit, publish, close and cancel sessions."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..forms import show_error
from ..platform import localized, outbox
from ..services import ServiceError
from ..services.sessions import organize
from .forms import ConfirmForm, SessionForm, lang_field
from .views import bp


def _languages():
    return i18n.offered()


def _form(session=None):
    form = SessionForm()
    form.engagement_id.choices = [
        (e.id, (localized.pick(e.translations, i18n.select_language(), e.default_language).name
                if e.translations else e.slug)) for e in organize.engagements()]
    form.interpretation_languages.choices = [(c, i18n.native_name(c)) for c in _languages()]
    if session is not None and not form.is_submitted():
        zone = ZoneInfo(session.timezone)
        start, end = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
        form.engagement_id.data = session.engagement_id
        form.slug.data = session.slug
        form.day.data, form.start_time.data, form.end_time.data = start.date(), start.time(), end.time()
        if session.timezone not in dict(form.timezone.choices):
            form.timezone.choices.append((session.timezone, session.timezone))
        form.timezone.data = session.timezone
        form.venue_name.data, form.venue_address.data = session.venue_name, session.venue_address
        form.capacity.data = session.capacity
        for name in ("registration_opens_at", "registration_closes_at"):
            value = getattr(session, name)
            form[name].data = value.astimezone(zone).replace(tzinfo=None) if value else None
        form.interpretation_languages.data = list(session.interpretation_languages or [])
        form.childcare_offered.data = session.childcare_offered
        form.wheelchair_accessible.data = session.wheelchair_accessible
        form.tables.data = "\n".join(t.name for t in session.tables)
        rows = {t.language: t for t in session.translations}
        for code in _languages():
            row = rows.get(code)
            for name in organize.TRANSLATED_FIELDS:
                lang_field(form, name, code).data = getattr(row, name) if row else ""
            lang_field(form, "prompts", code).data = "\n".join(
                next((t.text.replace("\n", " ") for t in p.translations if t.language == code), "")
                for p in session.prompts)
    return form


def _values(form):
    zone = ZoneInfo(form.timezone.data)

    def utc(day, time):
        return datetime.combine(day, time, tzinfo=zone).astimezone(UTC)

    def local(value):
        return value.replace(tzinfo=zone).astimezone(UTC) if value else None

    values = dict(
        slug=form.slug.data, starts_at=utc(form.day.data, form.start_time.data),
        ends_at=utc(form.day.data, form.end_time.data), timezone=form.timezone.data,
        venue_name=form.venue_name.data.strip(), venue_address=form.venue_address.data.strip(),
        capacity=form.capacity.data, registration_opens_at=local(form.registration_opens_at.data),
        registration_closes_at=local(form.registration_closes_at.data),
        interpretation_languages=form.interpretation_languages.data or [],
        childcare_offered=form.childcare_offered.data, wheelchair_accessible=form.wheelchair_accessible.data,
    )
    translations = {code: {name: lang_field(form, name, code).data for name in organize.TRANSLATED_FIELDS}
                    for code in _languages()}
    prompt_lines = {code: (lang_field(form, "prompts", code).data or "").splitlines() for code in _languages()}
    count = max((len(lines) for lines in prompt_lines.values()), default=0)
    prompts = [{code: (lines[i] if i < len(lines) else "") for code, lines in prompt_lines.items()}
               for i in range(count)]
    tables = (form.tables.data or "").splitlines()
    return values, translations, tables, prompts


def _show_error(form, error):
    """A missing title goes on the title in the default language."""
    if error.field == "title":
        error.field = lang_field(form, "title", current_app.config["HEARD_DEFAULT_LANGUAGE"]).short_name
    show_error(form, error)


@bp.route("/sessions/new", methods=["GET", "POST"])
def session_new():
    form = _form()
    if not form.is_submitted():
        form.wheelchair_accessible.data = True
        if form.engagement_id.choices:
            form.engagement_id.data = form.engagement_id.choices[0][0]
    if form.validate_on_submit():
        values, translations, tables, prompts = _values(form)
        try:
            session = organize.create_session(current_user, form.engagement_id.data, values, translations,
                                              tables, prompts)
        except ServiceError as error:
            _show_error(form, error)
        else:
            flash(_("Session saved as a draft. Publish it when it is ready."), "success")
            return redirect(url_for("admin.session_overview", session_id=session.id), code=303)
    return render_template("admin/session_form.html", form=form, session=None, languages=_languages(),
                           lang_field=lang_field), 400 if form.is_submitted() else 200


@bp.route("/sessions/<int:session_id>/edit", methods=["GET", "POST"])
def session_edit(session_id):
    session = organize.get_session(session_id)
    form = _form(session)
    if form.validate_on_submit():
        values, translations, tables, prompts = _values(form)
        try:
            _session, message_ids = organize.update_session(current_user, session.id, values, translations,
                                                            tables, prompts)
        except ServiceError as error:
            _show_error(form, error)
        else:
            outbox.deliver(message_ids)
            flash(_("Session saved."), "success")
            return redirect(url_for("admin.session_overview", session_id=session_id), code=303)
    return render_template("admin/session_form.html", form=form, session=session, languages=_languages(),
                           lang_field=lang_field), 400 if form.is_submitted() else 200


@bp.get("/sessions/<int:session_id>")
def session_overview(session_id):
    session = organize.get_session(session_id)
    return render_template("admin/session_overview.html", session=session,
                           missing=organize.missing_languages(session), confirm=ConfirmForm(),
                           languages=_languages())


@bp.post("/sessions/<int:session_id>/<any(publish, close, cancel):action>")
def session_status(session_id, action):
    organize.get_session(session_id)
    form = ConfirmForm()
    if action == "cancel" and not form.validate_on_submit():
        flash(_("Tick the box to confirm that you want to cancel the session."), "error")
        return redirect(url_for("admin.session_overview", session_id=session_id), code=303)
    try:
        if action == "publish":
            organize.publish(current_user, session_id)
            flash(_("Published: residents can now see the session and register."), "success")
        elif action == "close":
            organize.close(current_user, session_id)
            flash(_("Registration closed."), "success")
        else:
            _session, message_ids = organize.cancel(current_user, session_id)
            outbox.deliver(message_ids)
            flash(_("Session cancelled. Everyone registered will get a message."), "success")
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("admin.session_overview", session_id=session_id), code=303)


@bp.get("/sessions/")
def session_list():
    """The organizer home is the list of sessions; keep this address working."""
    return redirect(url_for("admin.home"), code=301)
