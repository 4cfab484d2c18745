"""What the pages and files show of the equity view: questions for the registration form,
and the suppressed funnel as rows of text for the staff page, the public report and the
CSV and XLSX files. Nothing here counts anew: every number is equity_funnel's, suppressed."""
from dataclasses import dataclass

from flask_babel import gettext as _

from ...extensions import db
from ...models import Engagement
from ..content import translations
from ..reports.texts import Translator
from .funnel import funnel
from .store import questions, questions_for_session

HIDDEN = "<5"  # what a hidden count shows as, in pages and files


def _translator(engagement_id, language, asked):
    engagement = db.session.get(Engagement, engagement_id) if engagement_id else None
    keys = [translations.unit_key("equity.option", o.id) for q in asked for o in q.options]
    return Translator(language, engagement.default_language if engagement else "en", live_keys=keys)


@dataclass(frozen=True)
class FormQuestion:
    """A question on the registration form, as plain values (no database row), so that the
    public cache can keep it between requests. ``options``: the organizer's options (a
    district question) as ``(code, label)``, the label a reports.Text in the reader's
    language or marked untranslated; empty for questions with Heard's own options."""

    kind: str
    options: tuple = ()


def form_questions(session_id, language):
    """The session's questions for its registration form, in order (:class:`FormQuestion`)."""
    asked = questions_for_session(session_id)
    if not asked:
        return ()
    tr = _translator(asked[0].engagement_id, language, asked)
    return tuple(FormQuestion(q.kind, tuple((o.code, tr("equity.option", o.id, o.label)) for o in q.options))
                 for q in asked)


def engagement_funnel(engagement_id, language):
    """(funnel, label) for pages: label(row) gives a row's label, translated where it is content."""
    data = funnel(engagement_id)
    tr = _translator(engagement_id, language, questions(engagement_id))

    def label(row):
        if row.option_id is not None:
            return tr("equity.option", row.option_id, row.label)
        return row.label

    return data, label


def shown(value):
    return HIDDEN if value is None else value


def percent(value):
    return "" if value is None else f"{value * 100:.0f}%"


def ratio(value):
    return "" if value is None else f"{value:.2f}"


def table(engagement_id, language):
    """(header, rows) of every question's funnel, for the CSV and XLSX files."""
    data, label = engagement_funnel(engagement_id, language)
    header = [_("Question"), _("Answer"), _("Registered"), _("Attended"), _("Tables"), _("Notes from their tables"),
              _("Share of attendees"), _("Baseline share"), _("Baseline source"), _("Baseline year"),
              _("Representation ratio")]
    rows = [[_("Everyone"), _("All"), shown(data.registered), shown(data.attended), "", "", "", "", "", "", ""],
            [_("Everyone"), _("Walk-ins"), "", shown(data.walk_ins), "", "", "", "", "", "", ""]]
    for q in data.questions:
        title = str(q.spec.label)
        for row in q.rows:
            base = row.baseline
            rows.append([title, str(label(row)), shown(row.registered), shown(row.attended),
                         "" if row.tables is None else row.tables, "" if row.notes is None else row.notes,
                         percent(row.share), percent(base.share if base else None), base.source if base else "",
                         (base.year or "") if base else "", ratio(row.ratio)])
        rows.append([title, _("Total"), shown(q.registered), shown(q.attended), "", "", "", "", "", "",
                     ratio(q.score) and _("Lowest over highest ratio: %(score)s", score=ratio(q.score))])
    return header, rows
