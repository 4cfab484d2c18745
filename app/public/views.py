"""Residents' pages: home, sessions, registration, the private manage page, language choice."""
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask import session as cookie_session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .. import i18n
from ..database import reads_first, reads_only
from ..security import safe_redirect
from ..services import ServiceError, ics, outbox, registrations, sessions
from . import ratelimit
from .forms import CancelForm, RegistrationForm

bp = Blueprint("public", __name__, template_folder="templates")


def _shared_page(build):
    """The page anonymous visitors share (see sessions.cached_public_page); staff, people with
    a message waiting and unusual query strings get their own rendering."""
    if (request.query_string not in (b"", b"past=1") or current_user.is_authenticated
            or "_flashes" in cookie_session):
        return build()
    return sessions.cached_public_page((request.path, request.query_string, i18n.select_language()), build)


@bp.get("/")
@reads_only
def home():
    return _shared_page(lambda: render_template(
        "public/home.html", sessions=sessions.public_sessions(i18n.select_language())))


@bp.get("/sessions")
@reads_only
def session_list():
    past = request.args.get("past") == "1"
    return _shared_page(lambda: render_template(
        "public/sessions.html", sessions=sessions.public_sessions(i18n.select_language(), include_past=past),
        past=past))


def _session_or_404(slug):
    session = sessions.public_session(slug)
    if session is None:
        abort(404)
    return session


@bp.get("/sessions/<slug>")
@reads_only
def session_detail(slug):
    item = sessions.view(_session_or_404(slug), i18n.select_language())
    return render_template("public/session.html", item=item,
                           problem=registrations.registration_problem(item.session, item.now))


@bp.get("/sessions/<slug>/calendar.ics")
@reads_only
def session_calendar(slug):
    item = sessions.view(_session_or_404(slug), i18n.select_language())
    s = item.session
    body = ics.event(
        s, title=item.content.title if item.content else s.venue_name,
        description=item.content.description if item.content else "",
        location=f"{s.venue_name}, {s.venue_address}", url=outbox.session_url(s),
    )
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{s.slug}.ics"'})


def _registration_form(session):
    return RegistrationForm().setup(session, i18n.offered(), i18n.native_name, i18n.select_language())


# Stands for the CSRF token in a shared rendering of the empty form; each visitor gets their own.
_CSRF_PLACEHOLDER = "heard-csrf-token-placeholder"


def _blank_registration_page(summary, item):
    """The empty registration form. Anonymous visitors with no message waiting share its
    rendering (per session and language, like the session list: see
    sessions.cached_public_page); only the CSRF token is filled in for each of them."""
    def build(shared=False):
        form = _registration_form(summary)
        html = render_template("public/register.html", item=item(), form=form)
        token = getattr(getattr(form, "csrf_token", None), "current_token", None)
        return html.replace(token, _CSRF_PLACEHOLDER) if shared and token else html

    if request.query_string or current_user.is_authenticated or "_flashes" in cookie_session:
        return build()
    page = sessions.cached_public_page(("register", summary.id, i18n.select_language()),
                                       lambda: build(shared=True))
    if _CSRF_PLACEHOLDER in page:
        page = page.replace(_CSRF_PLACEHOLDER, generate_csrf())
    return page


@bp.route("/sessions/<slug>/register", methods=["GET", "POST"])
@reads_first  # registrations.register takes the write lock itself
def register(slug):
    # What the form needs comes from the public cache; the session with its texts is loaded
    # only when a page is rendered. registrations.register checks the session again.
    summary = sessions.session_summary(slug)
    if summary is None:
        abort(404)

    def item():
        return sessions.view(_session_or_404(slug), i18n.select_language())

    problem = registrations.registration_problem(summary)
    if problem:
        return render_template("public/register_closed.html", item=item(), problem=problem), (
            409 if request.method == "POST" else 200)
    if request.method == "GET":
        return _blank_registration_page(summary, item)
    form = _registration_form(summary)
    if not form.validate_on_submit():
        return render_template("public/register.html", item=item(), form=form), (
            400 if form.is_submitted() else 200)
    if form.website.data:
        form.website.errors = [_("Please leave this field empty.")]
        return render_template("public/register.html", item=item(), form=form), 400
    contact = registrations.email_key(form.email.data) or registrations.phone_key(form.phone.data)
    if not (ratelimit.allow("address", request.remote_addr)
            and ratelimit.allow("contact", f"{summary.id}:{contact}")):
        return render_template("public/register.html", item=item(), form=form,
                                form_error=_("Too many tries. Please wait a few minutes and try again.")), 429
    try:
        outcome = registrations.register(summary.id, form.details())
    except ServiceError as error:
        target = form[error.field] if error.field and error.field in form else None
        if target is not None:
            target.errors = list(target.errors) + [error.message]
        return render_template("public/register.html", item=item(), form=form,
                               form_error=None if target is not None else error.message), 409
    outbox.kick()  # the send job was committed with the registration
    if outcome.created:
        return redirect(url_for(".manage", token=outcome.token, new=1), code=303)
    return render_template("public/already_registered.html", item=item(), registration=outcome.registration,
                           position=outcome.position)


def _registration_or_404(token):
    registration = registrations.find_by_token(token)
    if registration is None:
        abort(404)
    return registration


def _private(response_body, status=200):
    """Pages behind a manage link: never cached, never indexed, no referrer takes the link off
    the site. ``same-origin``, not ``no-referrer``: under ``no-referrer`` a browser sends
    ``Origin: null`` with the page's forms (change, cancel), which the same-origin check
    refuses from browsers that cannot vouch for it with ``Sec-Fetch-Site``."""
    response = current_app.make_response((response_body, status))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _manage_context(registration):
    return dict(registration=registration, item=sessions.view(registration.session, i18n.select_language()),
                position=registrations.waitlist_position(registration))


@bp.get("/r/<token>")
def manage(token):
    registration = _registration_or_404(token)
    new = request.args.get("new") == "1"
    # The link is built from HEARD_BASE_URL, as in messages, never from the request's Host.
    return _private(render_template("public/manage.html", token=token, new=new, manage_link=outbox.manage_url(token),
                                    details_sent=new and outbox.first_message_sent(registration.id),
                                    **_manage_context(registration)))


def _changeable(registration):
    return registration.status in ("confirmed", "waitlisted") and not registration.personal_data_erased_at


@bp.route("/r/<token>/change", methods=["GET", "POST"])
def change(token):
    registration = _registration_or_404(token)
    context = _manage_context(registration)
    if not _changeable(registration) or context["item"].is_past:
        return redirect(url_for(".manage", token=token), code=303)
    form = _registration_form(registration.session)
    if not form.is_submitted():
        form.fill_from(registration)
    elif form.validate():
        try:
            registrations.update_details(registration.id, form.details())
        except ServiceError as error:
            target = form[error.field] if error.field and error.field in form else None
            if target is not None:
                target.errors = list(target.errors) + [error.message]
        else:
            flash(_("Your details are saved."), "success")
            return redirect(url_for(".manage", token=token), code=303)
    status = 400 if form.is_submitted() else 200
    return _private(render_template("public/change.html", token=token, form=form, **context), status)


@bp.route("/r/<token>/cancel", methods=["GET", "POST"])
def cancel(token):
    registration = _registration_or_404(token)
    context = _manage_context(registration)
    if registration.status not in ("confirmed", "waitlisted"):
        return redirect(url_for(".manage", token=token), code=303)
    problem = registrations.cancel_problem(registration, context["item"].now)
    if problem:
        flash(problem, "error")
        return redirect(url_for(".manage", token=token), code=303)
    form = CancelForm()
    if form.validate_on_submit():
        try:
            message_ids = registrations.cancel(registration.id)
        except ServiceError as error:  # the session ended while the form was open
            flash(error.message, "error")
            return redirect(url_for(".manage", token=token), code=303)
        outbox.deliver(message_ids)
        flash(_("Your registration is cancelled. Thank you for letting us know."), "success")
        return redirect(url_for(".manage", token=token), code=303)
    status = 400 if form.is_submitted() else 200
    return _private(render_template("public/cancel.html", token=token, form=form, **context), status)


@bp.get("/privacy")
@reads_only
def privacy():
    return render_template("public/privacy.html")


@bp.get("/language/<code>")
def choose_language(code):
    response = safe_redirect(request.args.get("next", "/"), "/")
    if code in current_app.config["HEARD_LANGUAGES"]:
        response.set_cookie(
            i18n.COOKIE, code, max_age=i18n.COOKIE_MAX_AGE, samesite="Lax", httponly=True,
            secure=current_app.config["SESSION_COOKIE_SECURE"],
        )
    return response


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
