"""One-click unsubscribe from "you said, we did" (routes on the public blueprint).

The link in each digest (``/unsubscribe/<registration>/<token>``, the token an HMAC of the
registration id) needs no account: GET shows one button, POST unsubscribes. Mail programs that
follow RFC 8058 POST ``List-Unsubscribe=One-Click`` to the same address without a page, so the
POST takes no CSRF token: the secret in the address is what authorises it."""
from flask import render_template, request

from ..extensions import csrf
from ..services.policy import digests
from .views import _private, bp


@bp.route("/unsubscribe/<int:registration_id>/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(registration_id, token):
    token = token[:100]
    if request.method == "POST":
        digests.unsubscribe(registration_id, token)
        return _private(render_template("public/unsubscribe.html", done=True, subscribed=False))
    registration = digests.check_token(registration_id, token)
    return _private(render_template("public/unsubscribe.html", done=False,
                                    subscribed=registration.consent_followup))
