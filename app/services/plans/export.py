"""A whole action plan as one XLSX workbook for a council packet: its actions (with goal,
strategy, owner and timeline), its measures, their readings, the actions' status history
and the quarterly reviews, one sheet each. Every cell goes through ``exports.neutralize``
(formula-safe, XML-safe), as every other download does."""
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ...labels import label
from ...platform import exports
from . import measures as plan_measures
from . import reviews, structure


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title[:31])
    sheet.append([exports.neutralize(cell) for cell in header])
    for row in rows:
        sheet.append([exports.neutralize(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    return sheet


def _day(value):
    return value.isoformat() if value else ""


def _where(measure):
    if measure.item is not None:
        return _("Action"), structure.item_label(measure.item)
    if measure.strategy is not None:
        return _("Strategy"), measure.strategy.number or measure.strategy.title
    return _("Goal"), measure.goal.number or measure.goal.title


def workbook(plan, today=None):
    """The XLSX file's bytes."""
    book = Workbook()
    book.remove(book.active)
    reviewed = reviews.item_reviews(plan)
    _sheet(book, _("Actions"), [
        _("Goal number"), _("Goal"), _("Strategy number"), _("Strategy"), _("Number"), _("Action step"),
        _("Departments"), _("Owner"), _("Partners"), _("Start"), _("End"), _("Quarter"), _("Status"),
        _("Last reviewed"), _("Latest update")],
        [[item.goal_ref.number if item.goal_ref else "", item.goal_ref.title if item.goal_ref else item.goal,
          item.strategy.number if item.strategy else "", item.strategy.title if item.strategy else "",
          item.number, item.action_step, item.departments, item.owner, item.partners, _day(item.starts_on),
          _day(item.deadline), item.quarter, str(label("action_status", item.status)),
          _day(reviewed.get(item.id)), item.progress_note] for item in plan.items])
    measures = sorted({m.id: m for node in structure.tree(plan) for m in _node_measures(node)}.values(),
                      key=lambda m: m.id)
    rows = []
    for measure in measures:
        level, where = _where(measure)
        status = plan_measures.measure_progress(measure, today).status
        rows.append([level, where, measure.name, measure.unit, str(label("measure_direction", measure.direction)),
                     measure.baseline_value, _day(measure.baseline_on), measure.target_value,
                     _day(measure.target_on), str(label("measure_progress", status))])
    _sheet(book, _("Measures"), [_("Level"), _("Of"), _("Measure"), _("Unit"), _("Direction"), _("Baseline"),
                                 _("Baseline date"), _("Target"), _("Target date"), _("Progress")], rows)
    _sheet(book, _("Readings"), [_("Measure"), _("Date"), _("Value"), _("Unit"), _("Where the figure comes from")],
           [[m.name, _day(r.taken_on), r.value, m.unit, r.source] for m in measures for r in m.readings])
    _sheet(book, _("Status history"), [_("Number"), _("Action step"), _("Date"), _("From"), _("To"), _("By"),
                                       _("Note")],
           [[item.number, item.action_step, _day(change.changed_at.date() if change.changed_at else None),
             str(label("action_status", change.from_status)) if change.from_status else "",
             str(label("action_status", change.to_status)), change.changed_by.name if change.changed_by else "",
             change.note] for item in plan.items for change in item.status_changes])
    _sheet(book, _("Reviews"), [_("Review date"), _("Participants"), _("Summary"), _("Number"), _("Status"),
                                _("Adjustment"), _("Why")],
           [[_day(review.held_on), review.participants, review.summary, structure.item_label(entry.item),
             str(label("action_status", entry.status)), str(label("review_adjustment", entry.adjustment)),
             entry.reason] for review in sorted(plan.reviews, key=lambda r: (r.held_on, r.id))
            for entry in review.entries])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _node_measures(node):
    if node.goal is not None:
        yield from node.goal.measures
    for strategy_node in node.strategies:
        yield from strategy_node.strategy.measures
        for item in strategy_node.items:
            yield from item.measures
    for item in node.items:
        yield from item.measures
