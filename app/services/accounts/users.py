"""Staff accounts: create, sign in, sign out. The sign-in cookie is the auth blueprint's: these
check and record; the view then signs the browser in or out."""
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from ...database import begin_write, commit_keeping_loaded
from ...extensions import db
from ...models import ROLES, User
from ...models.users import new_session_token
from ...platform import audit
from .. import ServiceError

MIN_PASSWORD_LENGTH = 10
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def create_user(actor, *, email, name, role, password, language="en"):
    email = (email or "").strip().lower()
    if role not in ROLES:
        raise ServiceError(_("Unknown role: %(role)s", role=role), field="role")
    if "@" not in email:
        raise ServiceError(_("Enter a valid email address."), field="email")
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ServiceError(
            _("Use a password of at least %(n)d characters.", n=MIN_PASSWORD_LENGTH), field="password"
        )
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise ServiceError(_("An account with this email already exists."), field="email")
    user = User(email=email, name=name.strip() or email, role=role, language=language)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, role=role)
    db.session.commit()
    return user


def find_by_email(email):
    return db.session.scalar(select(User).where(func.lower(User.email) == (email or "").strip().lower()))


def sign_in(email, password):
    """Check the password and record the sign-in; returns the user (for the view to sign in) or None."""
    user = find_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")  # same work: don't reveal which exist
        return None
    if not user.active or not user.check_password(password or ""):
        return None
    # The view read in a deferred transaction (reads_first); the write starts here, and is
    # committed before anyone is signed in: a database that refuses it signs nobody in.
    begin_write()
    audit.record(user, "auth.sign_in", user)
    commit_keeping_loaded()  # the user stays loaded: signing in reads nothing more
    return user


def sign_out(user):
    """End every session of this user: cookies carrying the old token are refused."""
    user.session_token = new_session_token()
    audit.record(user, "auth.sign_out", user)
    db.session.commit()
