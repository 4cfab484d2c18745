"""One theme's page at size: its controls first (name, statement, several notes at once, split,
merge, links to policy), then its notes a page at a time, filtered by session, table, prompt,
language and tag (routes on the review blueprint)."""
from urllib.parse import parse_qsl

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import i18n
from ..forms import show_error
from ..ids import parse_id
from ..platform import scopes
from ..platform.localized import pick
from ..services import ServiceError
from ..services.insights import theme_links, theme_notes, theme_review
from ..services.plans import links as plan_links
from ..services.policy import responses
from .forms import (
    AddLinkForm,
    AddNoteForm,
    BulkNotesForm,
    CsrfOnlyForm,
    LinkDecisionForm,
    MergeIntoForm,
    NoteActionForm,
    ResponseForm,
    ThemeForm,
    ThemeNotesFilterForm,
)
from .views import _board_filter, bp

FILTER_KEYS = ("session", "table", "prompt", "language", "tag", "page")


def _tag_name(code, language):
    names = code.translations or {}
    found = names.get(language) or names.get("en") or next(iter(names.values()), {})
    return (found or {}).get("name") or code.key


def _note_filter(run):
    language = i18n.select_language()
    tags = [("", _("All tags"))] + [(str(c.id), _tag_name(c, language)) for c in theme_notes.tag_options(run)]
    return _board_filter(run, ThemeNotesFilterForm(request.args), theme_notes.NoteFilter, tag=("code_id", tags))


def _kept_filters(query_string):
    """The theme page's own filter and page values from a query string (nothing else)."""
    args = dict(parse_qsl(query_string or ""))
    return {key: args[key][:40] for key in FILTER_KEYS if args.get(key)}


def _context_label(note, language, default_language):
    """(session title, prompt text) of a note in the reader's language where written."""
    session = pick(note.session.translations, language, default_language) if note.session else None
    prompt = pick(note.prompt.translations, language, default_language) if note.prompt else None
    return (getattr(session, "title", None) or (note.session.slug if note.session else ""),
            getattr(prompt, "text", None) or "")


@bp.route("/themes/<int:theme_id>", methods=["GET", "POST"])
def theme(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = ThemeForm(obj=theme)
    if form.validate_on_submit():
        try:
            theme_review.update_theme(current_user, theme, label=form.label.data, summary=form.summary.data,
                                status=form.status.data)
        except ServiceError as error:
            show_error(form, error, default_field="label")
        else:
            flash(_("Theme saved."), "success")
            return redirect(url_for(".theme", theme_id=theme.id))
    others = [(str(t.id), t.label) for t in theme_review.open_themes(theme.run, leave_out={theme.id})]
    bulk_form = BulkNotesForm()
    bulk_form.target.choices = [("", _("Choose a theme")), ("none", _("No theme (unassigned)"))] + others
    bulk_form.back.data = request.query_string.decode("latin-1")
    add_form = AddNoteForm()
    add_form.note_id.choices = theme_notes.unplaced_choices(theme.run)
    links = theme_review.theme_links(theme)
    link_form = AddLinkForm()
    # Ranking the clauses and actions for a theme takes a while: done when asked (or when the
    # theme has no link yet), not on every visit.
    wants_links = not links or request.args.get("add_link") == "1"
    link_form.target.choices = [(key, f"{text} ({score:.2f})") for key, text, score
                                in theme_links.link_candidates(theme)] if wants_links else []
    if wants_links:  # a plan's goals and strategies, linked by a person (never suggested)
        link_form.target.choices += [
            (key, _("Goal: %(title)s", title=text) if key.startswith("goal:") else _("Strategy: %(title)s", title=text))
            for key, text in plan_links.level_choices(theme.run.engagement_id)]
    response = responses.response_for(theme)
    response_form = ResponseForm(obj=response, formdata=None)
    merge_form = MergeIntoForm()
    merge_form.into.choices = [(int(key), text) for key, text in others]
    filter_form, filters = _note_filter(theme.run)
    page = theme_notes.note_page(theme, filters, parse_id(request.args.get("page")) or 1)
    language = i18n.select_language()
    default_language = scopes.engagement_for({"run_id": theme.run_id}).default_language
    kept = {key: value for key, value in request.args.items() if key in FILTER_KEYS and key != "page"}
    return render_template(
        "review/theme.html", theme=theme, form=form, page=page, notes=page.rows, filter_form=filter_form,
        filters=filters, kept=kept, new_count=page.new, links=links, bulk_form=bulk_form, wants_links=wants_links,
        add_form=add_form, link_form=link_form, decision_form=LinkDecisionForm(), note_form=NoteActionForm(),
        merge_form=merge_form, reviewed_form=CsrfOnlyForm(), response=response, response_form=response_form,
        response_overdue=responses.is_overdue(response),
        context=lambda note: _context_label(note, language, default_language),
        merged_into=theme_review.get_theme(theme.merged_into_id) if theme.merged_into_id else None,
    )


@bp.post("/themes/<int:theme_id>/bulk")
def bulk_notes(theme_id):
    """Move, split off, exclude, include, quote or unquote the chosen notes at once."""
    theme = theme_review.get_theme(theme_id)
    form = BulkNotesForm()
    back = url_for(".theme", theme_id=theme.id, **_kept_filters(form.back.data)) + "#notes"
    if not form.validate_on_submit():
        flash(_("Choose notes of this theme and what to do with them (a new theme's name has at most "
                "200 characters)."), "error")
        return redirect(back)
    action = form.action.data or ""
    try:
        if action == "split":
            new = theme_review.split_theme(current_user, theme, form.note_ids.data, form.label.data)
            flash(ngettext("%(num)d note moved to the new theme “%(label)s”.",
                           "%(num)d notes moved to the new theme “%(label)s”.", len(form.note_ids.data),
                           label=new.label), "success")
            return redirect(url_for(".theme", theme_id=new.id))
        target = form.target.data or ""
        result = theme_notes.bulk_change(current_user, theme, form.note_ids.data, action,
                                         target="none" if target == "none" else parse_id(target))
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(back)
    if result.changed:
        flash(ngettext("%(num)d note changed.", "%(num)d notes changed.", len(result.changed)), "success")
    if result.refused:
        names = ", ".join("#%d “%s”" % (note.id, note.text[:40]) for note, _reason in result.refused)
        flash(ngettext("%(num)d note was not made a quote, because sensitive notes are never published: "
                       "%(notes)s", "%(num)d notes were not made quotes, because sensitive notes are never "
                       "published: %(notes)s", len(result.refused), notes=names), "error")
    return redirect(back)


@bp.post("/themes/<int:theme_id>/response")
def theme_response(theme_id):
    """Record the city's response to the theme (adopted, partly, not, under consideration)."""
    theme = theme_review.get_theme(theme_id)
    form = ResponseForm()
    back = url_for(".theme", theme_id=theme.id) + "#response"
    if not form.validate_on_submit():
        flash(_("Check the response: a date is not valid or a text is too long."), "error")
        return redirect(back)
    try:
        responses.save_response(current_user, theme, state=form.state.data or "", reason=form.reason.data,
                                answered_by=form.answered_by.data, decision_due=form.decision_due.data)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("Response saved."), "success")
    return redirect(back)
