"""Organizers: roster, needs summary, exports, check-in at the door, residents' records."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..forms import show_error
from ..ids import parse_id
from ..labels import LABELS
from ..models import REGISTRATION_DETAILS
from ..platform import exports, outbox
from ..services import ServiceError
from ..services.registration import registrations, roster
from ..services.sessions import organize
from ..text import clean_text
from .forms import (
    TICK_BEYOND_CAPACITY,
    BeyondCapacityForm,
    CheckInForm,
    ConfirmForm,
    CorrectionForm,
    RosterFilterForm,
    WalkInForm,
)
from .views import bp


def _session_or_404(session_id):
    session = organize.get_session(session_id)
    if session is None:
        abort(404)
    return session


def _filters():
    form = RosterFilterForm(request.args)
    form.status.choices = [("", _("All"))] + [(k, str(v)) for k, v in LABELS["registration_status"].items()]
    form.need.choices = [("", _("Any")), ("interpretation", _("Interpreter")), ("childcare", _("Childcare")),
                         ("access", _("Any access need")), ("dietary", _("Food"))] + [
        (k, str(v)) for k, v in LABELS["access_need"].items() if k != "other"]
    form.validate()
    return form, {"status": form.status.data or None, "need": form.need.data or None, "q": form.q.data or None}


@bp.get("/sessions/<int:session_id>/roster")
def roster_page(session_id):
    session = _session_or_404(session_id)
    form, filters = _filters()
    since = current_user.last_seen_roster_at
    page = render_template(
        "admin/roster_page.html", session=session, form=form, people=roster.roster(session.id, **filters),
        summary=roster.needs_summary(session.id), changes=roster.changes_since(session.id, since), since=since,
        filters={k: v for k, v in filters.items() if v},
    )
    roster.mark_roster_seen(current_user.id)
    return page


def _download(body, mimetype, filename):
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"})


@bp.get("/sessions/<int:session_id>/roster.<any(csv, xlsx):kind>")
def roster_export(session_id, kind):
    session = _session_or_404(session_id)
    _form, filters = _filters()
    header, rows = roster.roster_table(session.id, **filters)
    if kind == "csv":
        return _download(exports.to_csv(header, rows), exports.CSV_MIMETYPE, f"roster-{session.slug}.csv")
    return _download(exports.to_xlsx(header, rows, title="Roster"), exports.XLSX_MIMETYPE,
                     f"roster-{session.slug}.xlsx")


@bp.get("/sessions/<int:session_id>/needs.<any(csv, xlsx):kind>")
def needs_export(session_id, kind):
    session = _session_or_404(session_id)
    header, rows = roster.needs_table(session.id)
    if kind == "csv":
        return _download(exports.to_csv(header, rows), exports.CSV_MIMETYPE, f"needs-{session.slug}.csv")
    return _download(exports.to_xlsx(header, rows, title="Needs"), exports.XLSX_MIMETYPE,
                     f"needs-{session.slug}.xlsx")


def _walk_in_form(session):
    form = WalkInForm(prefix="walkin")
    form.interpretation_language.choices = [("", _("None"))] + [
        (c, i18n.native_name(c)) for c in session.interpretation_languages or []]
    form.table.choices = [("", _("Not recorded"))] + [(str(t.id), t.name) for t in session.tables]
    return form


@bp.route("/sessions/<int:session_id>/checkin", methods=["GET", "POST"])
def checkin_page(session_id):
    session = _session_or_404(session_id)
    walk_in = _walk_in_form(session)
    if walk_in.validate_on_submit():
        name = walk_in.name.data
        try:
            roster.add_walk_in(current_user, session.id, name, preferred_language=i18n.select_language(),
                               interpretation_language=walk_in.interpretation_language.data,
                               beyond_capacity=walk_in.beyond_capacity.data, table_id=parse_id(walk_in.table.data))
        except roster.SessionFull:
            walk_in.beyond_capacity.errors = [str(TICK_BEYOND_CAPACITY)]
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Walk-in added and checked in: %(name)s", name=name), "success")
            return redirect(url_for("admin.checkin_page", session_id=session.id), code=303)
    q = clean_text(request.args.get("q") or "").strip()[:100]  # a search typed at the door
    people = [r for r in roster.roster(session.id, q=q or None) if r.status != "cancelled" or q]
    return render_template("admin/checkin_page.html", session=session, people=people, q=q, walk_in=walk_in,
                           action=CheckInForm(), counts=roster.needs_summary(session.id)["counts"],
                           beyond=roster.seats_beyond_capacity(session)), 400 if walk_in.errors else 200


@bp.post("/sessions/<int:session_id>/checkin/<int:registration_id>")
def checkin_mark(session_id, registration_id):
    _session_or_404(session_id)
    if not CheckInForm().validate_on_submit():
        abort(400)
    attended = request.form.get("attended", "1") == "1"
    q = request.form.get("q") or None
    try:
        registration = roster.get_registration(registration_id)
        if registration.session_id != session_id:
            abort(404)
        roster.check_in(current_user, registration_id, attended=attended,
                        table_id=parse_id(request.form.get("table_id")))
    except roster.SessionFull:
        return redirect(url_for("admin.checkin_beyond_capacity", session_id=session_id,
                                registration_id=registration_id, q=q), code=303)
    except ServiceError as error:
        flash(error.message, "error")
    return redirect(url_for("admin.checkin_page", session_id=session_id, q=q), code=303)


@bp.route("/sessions/<int:session_id>/checkin/<int:registration_id>/beyond-capacity", methods=["GET", "POST"])
def checkin_beyond_capacity(session_id, registration_id):
    """A person without a seat stands at the door of a full session: say so, and seat them
    beyond capacity only when the organizer ticks the box."""
    session = _session_or_404(session_id)
    registration = _registration_or_404(registration_id)
    if registration.session_id != session.id:
        abort(404)
    q = (request.values.get("q") or "").strip()[:100] or None
    back = url_for("admin.checkin_page", session_id=session.id, q=q)
    if registration.status not in ("waitlisted", "cancelled"):
        return redirect(back, code=303)  # already holds a seat: nothing to decide
    form = BeyondCapacityForm()
    if form.validate_on_submit():
        try:
            roster.check_in(current_user, registration.id, beyond_capacity=True)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Checked in: %(name)s", name=registration.name or _("(deleted)")), "success")
        return redirect(back, code=303)
    if session.seats_taken < session.capacity:
        return redirect(back, code=303)  # a seat is free again: the list's button takes it
    return render_template("admin/checkin_beyond_capacity.html", session=session, registration=registration,
                           form=form, q=q, back=back, beyond=roster.seats_beyond_capacity(session)), (
        400 if form.errors else 200)


def _registration_or_404(registration_id):
    try:
        return roster.get_registration(registration_id)
    except ServiceError:
        abort(404)


@bp.route("/registrations/<int:registration_id>", methods=["GET", "POST"])
def roster_record(registration_id):
    registration = _registration_or_404(registration_id)
    form = CorrectionForm(obj=registration if request.method == "GET" else None)
    form.preferred_language.choices = [(c, i18n.native_name(c)) for c in i18n.offered()]
    if registration.personal_data_erased_at is None and form.validate_on_submit():
        # The details the form shows; the service keeps every other one as it is.
        shown = {key: form[key].data for key in REGISTRATION_DETAILS if key in form}
        try:
            registrations.update_details(registration.id, shown, actor=current_user)
        except ServiceError as error:
            show_error(form, error)
        else:
            outbox.kick()  # the resident is told, as when they change their details themselves
            flash(_("Record corrected."), "success")
            return redirect(url_for("admin.roster_record", registration_id=registration.id), code=303)
    return render_template("admin/roster_record.html", registration=registration, form=form,
                           confirm=ConfirmForm(), session=registration.session)


@bp.post("/registrations/<int:registration_id>/<any(erase, cancel):action>")
def roster_record_action(registration_id, action):
    registration = _registration_or_404(registration_id)
    if not ConfirmForm().validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return redirect(url_for("admin.roster_record", registration_id=registration.id), code=303)
    if action == "erase":
        try:
            roster.erase(current_user, registration.id)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Personal data deleted. The status and the seat are kept."), "success")
    else:
        outbox.deliver(registrations.cancel(registration.id, actor=current_user))
        flash(_("Registration cancelled."), "success")
    return redirect(url_for("admin.roster_record", registration_id=registration.id), code=303)
