"""Residents' pages: home, sessions, registration, the private manage page, language choice."""
import logging

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask import session as cookie_session
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .. import i18n
from ..database import reads_first, reads_only
from ..forms import show_error
from ..platform import ics, outbox
from ..ratelimit import Rule, TooManyAttempts, client_address
from ..ratelimit import hit as rate_limit
from ..security import safe_redirect
from ..services import ServiceError
from ..services.equity import view
from ..services.policy import digests
from ..services.registration import registrations
from ..services.sessions import listing
from .forms import CancelForm, EraseForm, LinkAgainForm, RegistrationForm, loaded_stamp, seconds_since_loaded

bp = Blueprint("public", __name__, template_folder="templates")
log = logging.getLogger(__name__)


def _shared_page(build):
    """The page anonymous visitors share (see sessions.cached_public_page); staff, people with
    a message waiting and unusual query strings get their own rendering."""
    if (request.query_string not in (b"", b"past=1") or current_user.is_authenticated
            or "_flashes" in cookie_session):
        return build()
    return listing.cached_public_page((request.path, request.query_string, i18n.select_language()), build)


@bp.get("/")
@reads_only
def home():
    return _shared_page(lambda: render_template(
        "public/home.html", sessions=listing.public_sessions(i18n.select_language())))


@bp.get("/sessions")
@reads_only
def session_list():
    past = request.args.get("past") == "1"
    return _shared_page(lambda: render_template(
        "public/sessions.html", sessions=listing.public_sessions(i18n.select_language(), include_past=past),
        past=past))


@bp.get("/sessions/<slug>")
@reads_only
def session_detail(slug):
    item = listing.view(listing.public_session(slug), i18n.select_language())
    return render_template("public/session.html", item=item,
                           problem=registrations.registration_problem(item.session, item.now))


def _calendar(item):
    s = item.session
    body = ics.event(
        s, title=item.content.title if item.content else s.venue_name,
        description=item.content.description if item.content else "",
        location=f"{s.venue_name}, {s.venue_address}", url=outbox.session_url(s),
    )
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{s.slug}.ics"'})


@bp.get("/sessions/<slug>/calendar.ics")
@reads_only
def session_calendar(slug):
    return _calendar(listing.view(listing.public_session(slug), i18n.select_language()))


def _registration_form(session, form_class=RegistrationForm):
    return form_class().setup(session, i18n.offered(), i18n.native_name, i18n.select_language())


def _new_registration_form(summary):
    """A new registration's form, with the engagement's optional questions, from the public
    cache (like the session summary: a change to the questions, their options or their
    translations committed in this process shows at once, one made elsewhere within the
    cache's seconds)."""
    language = i18n.select_language()
    asked = listing.cached_public_page(("equity", summary.id, language),
                                       lambda: view.form_questions(summary.id, language), seats=False)
    return _registration_form(summary, RegistrationForm.asking(asked)).setup_equity(asked)


# Stand for the CSRF token and the form's loaded time in a shared rendering of the empty
# form; each visitor gets their own.
_CSRF_PLACEHOLDER = "heard-csrf-token-placeholder"
_LOADED_PLACEHOLDER = "heard-form-loaded-placeholder"


def _blank_registration_page(summary, item):
    """The empty registration form. Anonymous visitors with no message waiting share its
    rendering (per session and language, like the session list: see
    sessions.cached_public_page); only the CSRF token and the time the form was loaded are
    filled in for each of them."""
    def build(shared=False):
        form = _new_registration_form(summary)
        form.loaded.data = _LOADED_PLACEHOLDER if shared else loaded_stamp()
        html = render_template("public/register.html", item=item(), form=form)
        token = getattr(getattr(form, "csrf_token", None), "current_token", None)
        return html.replace(token, _CSRF_PLACEHOLDER) if shared and token else html

    if request.query_string or current_user.is_authenticated or "_flashes" in cookie_session:
        return build()
    page = listing.cached_public_page(("register", summary.id, i18n.select_language()),
                                       lambda: build(shared=True))
    if _CSRF_PLACEHOLDER in page:
        page = page.replace(_CSRF_PLACEHOLDER, generate_csrf())
    return page.replace(_LOADED_PLACEHOLDER, loaded_stamp())


def _too_fast(form, session_id):
    """True (and logged) when the form came back sooner after it was loaded than
    ``REGISTRATION_MIN_FILL_SECONDS``, or without a loaded time this Heard signed."""
    minimum = current_app.config["REGISTRATION_MIN_FILL_SECONDS"]
    if not minimum:
        return False
    seconds = seconds_since_loaded(form.loaded.data)
    if seconds is not None and seconds >= minimum:
        return False
    log.warning("registration refused: sent %s after the form was loaded (minimum %ss), session %s",
                "with no valid loaded time" if seconds is None else f"{seconds:.2f}s", minimum, session_id)
    return True


def _too_many(template, retry_after, **context):
    """A form given back with a 429: what was typed stays, and the visitor learns how long to wait."""
    return render_template(template, form_error=_("Too many tries. Please wait a few minutes and try again."),
                           **context), 429, {"Retry-After": str(retry_after)}


@bp.route("/sessions/<slug>/register", methods=["GET", "POST"])
@reads_first  # registrations.register takes the write lock itself
def register(slug):
    # What the form needs comes from the public cache; the session with its texts is loaded
    # only when a page is rendered. registrations.register checks the session again.
    summary = listing.session_summary(slug)

    def item():
        return listing.view(listing.public_session(slug), i18n.select_language())

    problem = registrations.registration_problem(summary)
    if problem:
        return render_template("public/register_closed.html", item=item(), problem=problem), (
            409 if request.method == "POST" else 200)
    if request.method == "GET":
        return _blank_registration_page(summary, item)
    form = _new_registration_form(summary)
    valid = form.validate_on_submit()
    if form.is_submitted() and form.website.data:
        log.warning("registration refused: the hidden field for bots was filled in, session %s", summary.id)
        form.website.errors = [_("Please leave this field empty.")]
        return render_template("public/register.html", item=item(), form=form), 400
    if not valid:
        return render_template("public/register.html", item=item(), form=form), (
            400 if form.is_submitted() else 200)
    if _too_fast(form, summary.id):
        form.loaded.data = loaded_stamp()  # what was typed stays; the next send is counted from now
        return render_template("public/register.html", item=item(), form=form, form_error=_(
            "Thank you. Please check your details once more, then send the form again.")), 400
    contact = registrations.email_key(form.email.data) or registrations.phone_key(form.phone.data)
    limits = (Rule("registration-address", "REGISTRATION_LIMIT_PER_ADDRESS", client_address(request)),
              Rule("registration-contact", "REGISTRATION_LIMIT_PER_CONTACT", f"{summary.id}:{contact}"))
    try:
        outcome = registrations.register(summary.id, form.details(), limits=limits)
    except TooManyAttempts as refused:
        return _too_many("public/register.html", refused.retry_after, item=item(), form=form)
    except ServiceError as error:
        show_error(form, error)
        return render_template("public/register.html", item=item(), form=form), 409
    if outcome.created:
        outbox.kick()  # the send job was committed with the registration
        return redirect(url_for(".manage", token=outcome.token, new=1), code=303)
    # Registered before: say nothing about that registration here (anyone can type an
    # address); send its private link again to the address on file, as the form below does,
    # at most LINK_RESEND_LIMIT_PER_CONTACT times (then its earlier messages are the answer),
    # and not on a double click (the first message is on its way).
    if not outcome.just_registered and rate_limit(
            Rule("link-contact", "LINK_RESEND_LIMIT_PER_CONTACT", contact)) is None:
        registrations.send_links_again(form.email.data, form.phone.data, session_id=summary.id)
        outbox.kick()
    return render_template("public/link_sent.html", item=item(), form=LinkAgainForm(formdata=None))


@bp.route("/private-link", methods=["GET", "POST"])
@reads_first  # registrations.send_links_again takes the write lock itself
def link_again():
    """"Send me my private link again": the same answer whether or not the address is registered."""
    form = LinkAgainForm()
    if not form.validate_on_submit():
        return render_template("public/link_again.html", form=form), 400 if form.is_submitted() else 200
    e_key, p_key = form.keys()
    retry_after = rate_limit(
        Rule("link-address", "LINK_RESEND_LIMIT_PER_ADDRESS", client_address(request)),
        Rule("link-contact", "LINK_RESEND_LIMIT_PER_CONTACT", e_key or p_key))
    if retry_after:
        return _too_many("public/link_again.html", retry_after, form=form)
    registrations.send_links_again(email=e_key, phone=p_key)
    outbox.kick()
    return render_template("public/link_sent.html", item=None, form=LinkAgainForm(formdata=None))


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
    return dict(registration=registration, item=listing.view(registration.session, i18n.select_language()),
                position=registrations.waitlist_position(registration))


@bp.get("/r/<token>")
def manage(token):
    registration = registrations.find_by_token(token)
    if registration.personal_data_erased_at:
        return _private(render_template("public/erased.html", token=token, **_manage_context(registration)))
    new = request.args.get("new") == "1"
    # The link is built from HEARD_BASE_URL, as in messages, never from the request's Host.
    context = _manage_context(registration)
    # After the session: what was heard there and what the city did (no other resident's data).
    trail = digests.trail(registration, i18n.select_language()) if context["item"].is_past else None
    return _private(render_template("public/manage.html", token=token, new=new, manage_link=outbox.manage_url(token),
                                    details_sent=new and outbox.first_message_sent(registration.id), trail=trail,
                                    **context))


@bp.get("/r/<token>/calendar.ics")
@reads_only
def registration_calendar(token):
    """The calendar entry offered on the manage page; none for a cancelled registration."""
    registration = registrations.find_by_token(token)
    if registration.status == "cancelled":
        message = _("This registration is cancelled, so there is nothing to add to your calendar.")
        page = render_template("error.html", code=404, title=_("No calendar entry"), message=message)
        return _private(page, 404)
    return _private(_calendar(listing.view(registration.session, i18n.select_language())))


def _changeable(registration):
    return registration.status in ("confirmed", "waitlisted") and not registration.personal_data_erased_at


@bp.route("/r/<token>/change", methods=["GET", "POST"])
def change(token):
    registration = registrations.find_by_token(token)
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
            show_error(form, error)
        else:
            outbox.kick()  # the message saying so was committed with the change
            flash(_("Your details are saved."), "success")
            return redirect(url_for(".manage", token=token), code=303)
    status = 400 if form.is_submitted() else 200
    return _private(render_template("public/change.html", token=token, form=form, **context), status)


@bp.route("/r/<token>/cancel", methods=["GET", "POST"])
def cancel(token):
    registration = registrations.find_by_token(token)
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


@bp.route("/r/<token>/erase", methods=["GET", "POST"])
def erase(token):
    """The resident deletes their registration and details: a page that says what goes,
    a box to tick and a button; then the link shows that it is erased."""
    registration = registrations.find_by_token(token)
    if registration.personal_data_erased_at:
        return redirect(url_for(".manage", token=token), code=303)
    context = _manage_context(registration)
    form = EraseForm()
    form_error = None
    if form.validate_on_submit():
        try:
            message_ids = registrations.erase_own(registration.id)
        except ServiceError as error:
            form_error = error.message
        else:
            outbox.deliver(message_ids)
            return redirect(url_for(".manage", token=token), code=303)
    status = 503 if form_error else 400 if form.is_submitted() else 200
    return _private(render_template("public/erase.html", token=token, form=form, form_error=form_error,
                                    **context), status)


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


@bp.get("/favicon.ico")
def favicon():
    """Browsers and feed readers ask for /favicon.ico whatever a page links to."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=86400)


@bp.get("/healthz")
def healthz():
    return {"status": "ok"}
