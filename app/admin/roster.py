"""Organizers: roster, needs summary, exports, check-in at the door, residents' records."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..labels import LABELS
from ..services import ServiceError, exports, organize, outbox, registrations, roster
from ..text import clean_text
from .forms import CheckInForm, ConfirmForm, CorrectionForm, RosterFilterForm, WalkInForm
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
    return form


@bp.route("/sessions/<int:session_id>/checkin", methods=["GET", "POST"])
def checkin_page(session_id):
    session = _session_or_404(session_id)
    walk_in = _walk_in_form(session)
    if walk_in.validate_on_submit():
        try:
            roster.add_walk_in(current_user, session.id, walk_in.name.data,
                               preferred_language=i18n.select_language(),
                               interpretation_language=walk_in.interpretation_language.data)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Walk-in added and checked in: %(name)s", name=walk_in.name.data), "success")
            return redirect(url_for("admin.checkin_page", session_id=session.id), code=303)
    q = clean_text(request.args.get("q") or "").strip()[:100]  # a search typed at the door
    people = [r for r in roster.roster(session.id, q=q or None) if r.status != "cancelled" or q]
    return render_template("admin/checkin_page.html", session=session, people=people, q=q, walk_in=walk_in,
                           action=CheckInForm(), counts=roster.needs_summary(session.id)["counts"])


@bp.post("/sessions/<int:session_id>/checkin/<int:registration_id>")
def checkin_mark(session_id, registration_id):
    _session_or_404(session_id)
    if not CheckInForm().validate_on_submit():
        abort(400)
    attended = request.form.get("attended", "1") == "1"
    try:
        registration = roster.get_registration(registration_id)
        if registration.session_id != session_id:
            abort(404)
        roster.check_in(current_user, registration_id, attended=attended)
    except ServiceError as error:
        flash(error.message, "error")
    q = request.form.get("q") or None
    return redirect(url_for("admin.checkin_page", session_id=session_id, q=q), code=303)


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
        data = dict(
            name=form.name.data, email=form.email.data, phone=form.phone.data,
            preferred_language=form.preferred_language.data,
            interpretation_language=registration.interpretation_language,
            childcare_needed=registration.childcare_needed, children_count=registration.children_count,
            children_ages=registration.children_ages, access_needs=registration.access_needs,
            access_other=form.access_other.data, dietary=form.dietary.data, heard_from=registration.heard_from,
            consent_followup=registration.consent_followup,
        )
        try:
            registrations.update_details(registration.id, data, actor=current_user)
        except ServiceError as error:
            target = form[error.field] if error.field and error.field in form else None
            if target is not None:
                target.errors = list(target.errors) + [error.message]
            else:
                flash(error.message, "error")
        else:
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
        roster.erase(current_user, registration.id)
        flash(_("Personal data deleted. The anonymous counts are kept."), "success")
    else:
        outbox.deliver(registrations.cancel(registration.id, actor=current_user))
        flash(_("Registration cancelled."), "success")
    return redirect(url_for("admin.roster_record", registration_id=registration.id), code=303)
