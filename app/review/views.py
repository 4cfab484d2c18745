"""Policy teams' pages: the blueprint, the theme board of a run, theme review, links to
policy and the coverage matrix.

Runs (``runs``), the codebook and reports add their routes to ``bp`` from their own modules."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from .. import i18n
from ..database import reads_only
from ..ids import parse_id
from ..platform.localized import pick
from ..services import ServiceError
from ..services.insights import policy_coverage, runs, theme_links, theme_review
from ..services.reports import snapshots
from .forms import (
    AddLinkForm,
    AddNoteForm,
    BoardFilterForm,
    BoardMergeForm,
    CoverageFilterForm,
    CsrfOnlyForm,
    LinkDecisionForm,
    MergeIntoForm,
    MoveNoteForm,
    NoteActionForm,
    SplitForm,
)

bp = Blueprint("review", __name__, url_prefix="/review", template_folder="templates")


def _load(getter, object_id):
    """``getter(object_id)``; kept for app/review/reports.py. A getter raises ``NotFound``, which
    the app's error handler turns into the 404 page: call it directly."""
    return getter(object_id)


# --- The theme board -------------------------------------------------------------------

def _board_filter(run, form=None, make=theme_review.BoardFilter, **extra):
    """The filter form from the query string, and the filter it asks for (unknown values ignored).
    ``form`` and ``make`` let the theme page add its own fields (``extra``: name -> choices)."""
    options = theme_review.filter_options(run)
    language = i18n.select_language()
    form = form if form is not None else BoardFilterForm(formdata=request.args)

    def title(session):
        found = pick(session.translations, language, options.default_language)
        return found.title if found else session.slug

    several = len(options.sessions) > 1
    form.session.choices = [("", _("All sessions"))] + [(str(s.id), title(s)) for s in options.sessions]
    form.table.choices = [("", _("All tables"))] + [
        # TRANSLATORS: a table with its session in the theme board's filter, e.g. "Library night: Blue table".
        (str(t.id), _("%(session)s: %(table)s", session=title(s), table=t.name) if several else t.name)
        for s in options.sessions for t in s.tables
    ]
    prompts = []
    for s in options.sessions:
        for p in s.prompts:
            found = pick(p.translations, language, options.default_language)
            text = found.text if found else str(p.position)
            # TRANSLATORS: a prompt with its session in the theme board's filter.
            prompts.append((str(p.id), _("%(session)s: %(prompt)s", session=title(s), prompt=text)
                            if several else text))
    form.prompt.choices = [("", _("All prompts"))] + prompts
    form.language.choices = [("", _("All languages"))] + [(code, i18n.native_name(code)) for code in options.languages]

    def chosen(select_field):
        value = select_field.data or ""
        valid = {key for key, _label in select_field.choices if key}
        return value if value in valid else None

    def number(select_field):
        return parse_id(chosen(select_field))

    chosen_extra = {}
    for name, (key, choices) in extra.items():
        form[name].choices = choices
        chosen_extra[key] = number(form[name])
    filters = make(session_id=number(form.session), table_id=number(form.table),
                   prompt_id=number(form.prompt), language=chosen(form.language), **chosen_extra)
    return form, filters


@bp.get("/runs/<int:run_id>")
@reads_only
def run(run_id):
    run = runs.get_run(run_id)
    filter_form, filters = _board_filter(run)
    merge_form = BoardMergeForm()
    merge_form.into.choices = [("", _("The first theme chosen"))] + [
        (str(t.id), t.label) for t in theme_review.open_themes(run)]
    unassigned, not_understood = runs.split_unassigned(run)
    return render_template(
        "review/run.html", run=run, cards=theme_review.board(run, filters), filter_form=filter_form, filters=filters,
        merge_form=merge_form, unassigned=unassigned, not_understood=not_understood,
        report=snapshots.report_for_run(run), language_name=i18n.native_name,
    )


@bp.post("/runs/<int:run_id>/merge")
def merge_themes(run_id):
    run = runs.get_run(run_id)
    form = BoardMergeForm()
    if not form.validate_on_submit():
        flash(_("The name of the merged theme is too long."), "error")
        return redirect(url_for(".run", run_id=run.id))
    by_id = {t.id: t for t in run.themes}
    chosen = [by_id[i] for i in form.themes.data if i in by_id]
    into = by_id.get(parse_id(form.into.data))
    target = into or (chosen[0] if chosen else None)
    if target is None or len({t.id for t in chosen} | {target.id}) < 2:
        flash(_("Choose at least two themes to merge."), "error")
        return redirect(url_for(".run", run_id=run.id))
    try:
        theme_review.merge_themes(current_user, target, chosen, label=form.label.data)
    except ServiceError as error:
        flash(error.message, "error")
        return redirect(url_for(".run", run_id=run.id))
    flash(_("Themes merged into “%(label)s”.", label=target.label), "success")
    return redirect(url_for(".theme", theme_id=target.id))


# --- One theme (its page and notes: theme_page) -----------------------------------------

def _back(theme, anchor=""):
    return redirect(url_for(".theme", theme_id=theme.id) + anchor)


@bp.post("/themes/<int:theme_id>/move")
def move_note(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = MoveNoteForm()
    note_id = parse_id(form.note_id.data)
    if form.validate_on_submit() and note_id:
        choice = form.theme.data or ""
        target = parse_id(choice)
        if target is None and choice != "none":
            flash(_("Choose a theme from the same analysis."), "error")
            return _back(theme, "#notes")
        try:
            theme_review.move_note(current_user, note_id, theme, target)
            flash(_("Note moved."), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return _back(theme, "#notes")


@bp.post("/themes/<int:theme_id>/notes")
def change_note(theme_id):
    """Quote or unquote, exclude or include, mark reviewed: one note of the theme."""
    theme = theme_review.get_theme(theme_id)
    form = NoteActionForm()
    note_id = parse_id(form.note_id.data)
    if form.validate_on_submit() and note_id:
        change = form.change.data
        try:
            if change in ("quote", "unquote"):
                theme_review.set_quote(current_user, theme, note_id, change == "quote")
                flash(_("Marked as a quote.") if change == "quote" else _("No longer a quote."),
                      "success")
            elif change in ("exclude", "include"):
                theme_review.set_excluded(current_user, theme, note_id, change == "exclude")
                flash(_("Note excluded from this theme's counts, quotes and report.") if change == "exclude"
                      else _("Note counted in this theme again."), "success")
            elif change == "reviewed":
                theme_review.mark_reviewed(current_user, theme, note_id)
                flash(_("Note marked as reviewed."), "success")
        except ServiceError as error:
            flash(error.message, "error")
        return _back(theme, f"#note-{note_id}")
    return _back(theme, "#notes")


@bp.post("/themes/<int:theme_id>/reviewed")
def mark_reviewed(theme_id):
    theme = theme_review.get_theme(theme_id)
    if CsrfOnlyForm().validate_on_submit():
        count = theme_review.mark_reviewed(current_user, theme)
        flash(ngettext("%(num)d note marked as reviewed.", "%(num)d notes marked as reviewed.", count),
              "success")
    return _back(theme, "#notes")


@bp.post("/themes/<int:theme_id>/add-note")
def add_note(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = AddNoteForm()
    if form.validate_on_submit():
        try:
            theme_review.add_note(current_user, theme, form.note_id.data)
            flash(_("Note added to the theme."), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return _back(theme, "#notes")


@bp.post("/themes/<int:theme_id>/merge")
def merge_into(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = MergeIntoForm()
    form.into.choices = [(t.id, t.label) for t in theme_review.open_themes(theme.run, leave_out={theme.id})]
    if form.validate_on_submit():
        target = next((t for t in theme.run.themes if t.id == form.into.data), None)
        try:
            if target is None:
                raise ServiceError(_("Choose a theme from the same analysis."))
            theme_review.merge_themes(current_user, target, [theme])
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Themes merged into “%(label)s”.", label=target.label), "success")
            return _back(target)
    return _back(theme)


@bp.post("/themes/<int:theme_id>/split")
def split_theme(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = SplitForm()
    if form.validate_on_submit():
        try:
            new = theme_review.split_theme(current_user, theme, form.note_ids.data, form.label.data)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(ngettext("%(num)d note moved to the new theme “%(label)s”.",
                           "%(num)d notes moved to the new theme “%(label)s”.", len(form.note_ids.data),
                           label=new.label), "success")
            return _back(new)
    return _back(theme, "#split")


# --- Links to policy -------------------------------------------------------------------

@bp.post("/themes/<int:theme_id>/links")
def decide_link(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = LinkDecisionForm()
    link_id = parse_id(form.link_id.data)
    if form.validate_on_submit() and link_id:
        try:
            link = theme_links.decide_link(current_user, link_id, form.decision.data,
                                      stance=form.stance.data, theme=theme)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Link confirmed.") if link.status == "confirmed" else _("Link rejected.")
                  if link.status == "rejected" else _("Link set back to suggested."), "success")
    return _back(theme, "#links")


@bp.post("/themes/<int:theme_id>/links/add")
def add_link(theme_id):
    theme = theme_review.get_theme(theme_id)
    form = AddLinkForm()
    if form.validate_on_submit():
        try:
            theme_links.add_link(current_user, theme, form.target.data, stance=form.stance.data)
            flash(_("Link confirmed."), "success")
        except ServiceError as error:
            flash(error.message, "error")
    return _back(theme, "#links")


# --- Coverage --------------------------------------------------------------------------

@bp.get("/runs/<int:run_id>/coverage")
@reads_only
def coverage(run_id):
    run = runs.get_run(run_id)
    form = CoverageFilterForm(request.args)
    everything = policy_coverage.coverage(run)
    form.resolution.choices = [("", _("All resolutions"))] + [
        (str(r.id), " ".join(part for part in (r.number, r.title) if part)) for r in everything.resolutions]
    form.plan.choices = [("", _("All action plans"))] + [(str(p.id), p.title) for p in everything.plans]
    resolution_id = parse_id(form.resolution.data) if form.resolution.data in {
        str(r.id) for r in everything.resolutions} else None
    plan_id = parse_id(form.plan.data) if form.plan.data in {str(p.id) for p in everything.plans} else None
    gaps_only = bool(form.gaps.data)
    shown = (policy_coverage.coverage(run, resolution_id=resolution_id, plan_id=plan_id, gaps_only=gaps_only)
             if resolution_id or plan_id or gaps_only else everything)
    return render_template("review/coverage.html", run=run, coverage=shown, filter_form=form,
                           filtered=bool(resolution_id or plan_id or gaps_only))
