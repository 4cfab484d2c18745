"""Staff sign-in and sign-out."""
import logging
import math

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from ..database import reads_first
from ..ratelimit import client_address
from ..security import is_safe_next, safe_redirect
from ..services.accounts import users
from . import throttle
from .forms import SignInForm, SignOutForm

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")
log = logging.getLogger(__name__)

HOME_BY_ROLE = {
    "admin": "admin.home",
    "organizer": "admin.home",
    "notetaker": "capture.home",
    "analyst": "review.home",
}


@bp.route("/sign-in", methods=["GET", "POST"])
@reads_first  # attempts are counted before users.sign_in writes (app/ratelimit.py)
def login():
    form = SignInForm()
    if request.method == "GET":
        wanted = request.args.get("next", "")
        form.next.data = wanted if is_safe_next(wanted) else ""
    if form.validate_on_submit():
        account = form.email.data.strip().lower()
        retry_after = throttle.attempt(account, client_address(request), throttle.is_known(request, account))
        if retry_after:
            log.warning("sign-in refused: too many attempts (retry after %ss)", retry_after)
            minutes = math.ceil(retry_after / 60)
            message = ngettext("Too many sign-in attempts. Please wait %(num)d minute, then try again.",
                               "Too many sign-in attempts. Please wait %(num)d minutes, then try again.", minutes)
            return render_template("auth/sign_in.html", form=form, form_error=message), 429, {
                "Retry-After": str(retry_after)}
        user = users.sign_in(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # rotate: nothing from before sign-in carries over
            login_user(user)
            throttle.succeeded(account, client_address(request))
            return throttle.remember(safe_redirect(form.next.data, url_for(HOME_BY_ROLE[user.role])), request,
                                     account)
        form.password.errors.append(_("That email and password do not match an active account."))
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@login_required
def logout():
    if SignOutForm().validate_on_submit():
        users.sign_out(current_user._get_current_object())
        logout_user()
        session.clear()
        flash(_("You are signed out."), "success")
    return redirect(url_for("public.home"))
