"""Staff sign-in and sign-out."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..security import is_safe_next, safe_redirect
from ..services import users
from .forms import SignInForm, SignOutForm

bp = Blueprint("auth", __name__, url_prefix="/auth", template_folder="templates")

HOME_BY_ROLE = {
    "admin": "admin.home",
    "organizer": "admin.home",
    "notetaker": "capture.home",
    "analyst": "review.home",
}


@bp.route("/sign-in", methods=["GET", "POST"])
def login():
    form = SignInForm()
    if request.method == "GET":
        wanted = request.args.get("next", "")
        form.next.data = wanted if is_safe_next(wanted) else ""
    if form.validate_on_submit():
        user = users.sign_in(form.email.data, form.password.data)
        if user is not None:
            return safe_redirect(form.next.data, url_for(HOME_BY_ROLE[user.role]))
        form.password.errors.append(_("That email and password do not match an active account."))
    return render_template("auth/sign_in.html", form=form)


@bp.post("/sign-out")
@login_required
def logout():
    if SignOutForm().validate_on_submit():
        users.sign_out(current_user._get_current_object())
        flash(_("You are signed out."))
    return redirect(url_for("public.home"))
