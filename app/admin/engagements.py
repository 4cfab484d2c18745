"""Administrators: create engagements (a city's listening process) and rename them."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n, timezones
from ..forms import show_error
from ..platform import localized
from ..services import ServiceError
from ..services.sessions import organize
from .engagements_forms import EngagementForm
from .forms import lang_field
from .views import bp


def _admin_only():
    if not current_user.has_role("admin"):
        abort(403)


def _form(engagement=None):
    form = EngagementForm()
    form.default_language.choices = [(code, i18n.native_name(code)) for code in i18n.offered()]
    if engagement is not None and not form.is_submitted():
        form.slug.data = engagement.slug
        form.default_language.data = engagement.default_language
        form.organization.data = engagement.organization
        form.timezone.data = engagement.timezone or ""
        for row in engagement.translations:
            if row.language in i18n.offered():
                lang_field(form, "name", row.language).data = row.name
                lang_field(form, "description", row.language).data = row.description
    return form


def _texts(form, name):
    return {code: lang_field(form, name, code).data or "" for code in i18n.offered()}


def _save(form, engagement):
    try:
        if engagement is None:
            return organize.create_engagement(
                current_user, form.slug.data, form.default_language.data, _texts(form, "name"),
                organization=form.organization.data, descriptions=_texts(form, "description"),
                timezone=form.timezone.data)
        return organize.update_engagement(
            current_user, engagement, form.default_language.data, _texts(form, "name"),
            organization=form.organization.data, descriptions=_texts(form, "description"),
            timezone=form.timezone.data)
    except ServiceError as error:
        if error.field == "name":  # the name in the default language
            error.field = lang_field(form, "name", form.default_language.data).short_name
        show_error(form, error, default_field="slug")
        return None


def _render(form, engagement):
    status = 400 if form.is_submitted() else 200
    return render_template("admin/engagement_form.html", form=form, engagement=engagement,
                           languages=i18n.offered(), lang_field=lang_field,
                           default_zone=timezones.default_zone()), status


@bp.get("/engagements/")
def engagements():
    _admin_only()
    rows = []
    for engagement in organize.engagements():
        name = localized.pick(engagement.translations, i18n.select_language(), engagement.default_language)
        rows.append((engagement, name.name if name else engagement.slug))
    return render_template("admin/engagements.html", rows=rows)


@bp.route("/engagements/new", methods=["GET", "POST"])
def engagement_new():
    _admin_only()
    form = _form()
    if form.validate_on_submit() and _save(form, None) is not None:
        flash(_("Engagement created. You can now add its sessions."), "success")
        return redirect(url_for(".engagements"))
    return _render(form, None)


@bp.route("/engagements/<int:engagement_id>/edit", methods=["GET", "POST"])
def engagement_edit(engagement_id):
    _admin_only()
    engagement = organize.get_engagement(engagement_id)
    form = _form(engagement)
    form.slug.render_kw = {"readonly": True}
    if form.is_submitted():
        form.slug.data = engagement.slug  # the web address never changes once sessions link to it
    if form.validate_on_submit() and _save(form, engagement) is not None:
        flash(_("Engagement saved."), "success")
        return redirect(url_for(".engagements"))
    return _render(form, engagement)
