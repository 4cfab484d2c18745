"""Analysis runs: start one, compare it with an earlier one, place new notes in its themes
(routes on the review blueprint; the run page itself is in ``views``)."""
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from .. import timezones
from ..forms import show_error
from ..i18n import select_language
from ..ids import parse_id
from ..platform.localized import pick
from ..services import ServiceError
from ..services.insights import runs
from .runs_forms import CompareForm, RunForm
from .views import bp


def _name(engagement):
    name = pick(engagement.translations, select_language(), engagement.default_language)
    return name.name if name else engagement.slug


def _session_title(session):
    title = pick(session.translations, select_language(), session.engagement.default_language)
    name = title.title if title else session.slug
    day = session.starts_at.astimezone(ZoneInfo(session.timezone))  # the venue's day, not UTC's
    return _("%(session)s, %(date)s", session=name, date=format_date(day, "medium", rebase=False))


@bp.route("/", methods=["GET", "POST"])
def home():
    groups = runs.engagement_sessions()
    form = RunForm()
    form.engagement.choices = [(engagement.id, _name(engagement)) for engagement, _sessions in groups]
    form.sessions.choices = [(s.id, _session_title(s)) for _engagement, sessions in groups for s in sessions]
    if form.validate_on_submit():
        themes = form.themes.data if form.themes.data == "auto" else int(form.themes.data)
        try:
            run = runs.start_run(current_user, form.engagement.data, n_themes=themes, session_ids=form.sessions.data)
        except ServiceError as error:
            show_error(form, error, default_field="engagement")
        else:
            return redirect(url_for(".run", run_id=run.id))
    return render_template("review/home.html", runs=runs.recent_runs(), form=form, groups=groups,
                           note_counts=runs.note_counts(), engagement_names={e.id: _name(e) for e, _s in groups},
                           zones={e.id: timezones.zone_of(e) for e, _s in groups})


def _describe(run):
    return _("Analysis of %(date)s", date=format_datetime(run.created_at, "medium"))


UNASSIGNED_PER_PAGE = 50


@bp.get("/runs/<int:run_id>/unassigned")
def unassigned(run_id):
    """The run's notes in no theme, a page at a time, each with its session, table and prompt."""
    run = runs.get_run(run_id)
    notes = runs.unassigned_notes(run)
    pages = max(1, -(-len(notes) // UNASSIGNED_PER_PAGE))
    page = min(max(1, parse_id(request.args.get("page")) or 1), pages)
    shown = notes[(page - 1) * UNASSIGNED_PER_PAGE:page * UNASSIGNED_PER_PAGE]
    language = select_language()

    def context(note):
        session = pick(note.session.translations, language, note.session.engagement.default_language)
        prompt = pick(note.prompt.translations, language, note.session.engagement.default_language) \
            if note.prompt else None
        return (session.title if session else note.session.slug), (prompt.text if prompt else "")

    return render_template("review/unassigned.html", run=run, notes=shown, total=len(notes), page=page,
                           pages=pages, context=context)


@bp.post("/runs/<int:run_id>/place-new-notes")
def place_new_notes(run_id):
    run = runs.get_run(run_id)
    try:
        runs.place_new_notes(current_user, run)
    except ServiceError as error:
        flash(error.message, "error")
    else:
        flash(_("Heard is placing the new notes in these themes. Notes it places are marked new."),
              "info")
    return redirect(url_for(".run", run_id=run.id))


@bp.get("/runs/<int:run_id>/compare")
def compare(run_id):
    run = runs.get_run(run_id)
    others = runs.comparable_runs(run)
    form = CompareForm(request.args)
    form.against.choices = [(other.id, _describe(other)) for other in others]
    base = None
    if form.against.data:
        base = next((other for other in others if other.id == form.against.data), None)
        if base is None:
            abort(404)
    elif run.status == "done":
        base = runs.previous_run(run)
    if base is not None:
        form.against.data = base.id
    comparison = runs.compare_runs(run, base) if base is not None and run.status == "done" else None
    return render_template("review/compare.html", run=run, form=form, others=others, comparison=comparison,
                           base=base)


def _run_status_info(run):
    """What the run status partial (``_run_status.html``, atop the run page) shows beside the run."""
    return {
        "stuck": runs.is_stuck(run),
        "stuck_minutes": runs.stuck_after_minutes(),
        "sessions": [_session_title(s) for s in runs.run_sessions(run)],
        "reviewed": run.status == "done" and runs.is_reviewed(run),
        "placement": runs.placement(run),
        "new_notes": runs.new_note_count(run) if run.status == "done" else 0,
    }


@bp.context_processor
def _run_helpers():
    return {"run_status_info": _run_status_info}
