"""Forms of the plan pages: an action's owner and timeline, a measure, a reading, a review."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import BaseForm
from ..labels import LABELS
from .forms import TOO_LONG


def _choices(kind):
    return lambda: list(LABELS[kind].items())


class ItemDetailsForm(BaseForm):
    owner = StringField(_l("Accountable owner (a role or a name)"),
                        validators=[Optional(), Length(max=200, message=TOO_LONG)])
    partners = StringField(_l("Partners"), validators=[Optional(), Length(max=300, message=TOO_LONG)])
    strategy = SelectField(_l("Strategy"), validate_choice=False)
    starts_on = DateField(_l("Start"), validators=[Optional()])
    deadline = DateField(_l("End"), validators=[Optional()])
    quarter = StringField(_l("Or a quarter, such as 2027-Q2"), validators=[Optional(), Length(max=7, message=TOO_LONG)])


class MeasureForm(BaseForm):
    target = SelectField(_l("Measure of"), validate_choice=False)
    name = StringField(_l("Measure"), validators=[DataRequired(), Length(max=300, message=TOO_LONG)])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    direction = SelectField(_l("Which way is better"), choices=_choices("measure_direction"))
    baseline_value = StringField(_l("Baseline"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    baseline_on = DateField(_l("Baseline date"), validators=[Optional()])
    target_value = StringField(_l("Target"), validators=[Optional(), Length(max=40, message=TOO_LONG)])
    target_on = DateField(_l("Target date"), validators=[Optional()])


class ReadingForm(BaseForm):
    value = StringField(_l("Value"), validators=[DataRequired(), Length(max=40, message=TOO_LONG)])
    taken_on = DateField(_l("Date"), validators=[DataRequired()])
    source = StringField(_l("Where the figure comes from"), validators=[Optional(), Length(max=300, message=TOO_LONG)])


class ReviewForm(BaseForm):
    held_on = DateField(_l("Date of the review"), validators=[DataRequired()])
    participants = TextAreaField(_l("Who took part"), validators=[Optional(), Length(max=5000, message=TOO_LONG)])
    summary = TextAreaField(_l("Summary, shown to the public"),
                            validators=[Optional(), Length(max=5000, message=TOO_LONG)])


def review_form(plan, formdata=None):
    """A ReviewForm with a group of fields for each action of ``plan``: reviewed or not, its
    status, what was adjusted and why, a new deadline or owner, and a reading per measure."""

    class PlanReviewForm(ReviewForm):
        pass

    for item in plan.items:
        prefix = f"item_{item.id}_"
        setattr(PlanReviewForm, prefix + "reviewed", BooleanField(_l("Reviewed")))
        # Only the ticked actions are read; the service checks their values.
        setattr(PlanReviewForm, prefix + "status", SelectField(_l("Status"), choices=_choices("action_status"),
                                                               default=item.status, validate_choice=False))
        setattr(PlanReviewForm, prefix + "adjustment", SelectField(
            _l("Adjustment"), choices=_choices("review_adjustment"), validate_choice=False))
        setattr(PlanReviewForm, prefix + "reason", StringField(
            _l("Why"), validators=[Optional(), Length(max=5000, message=TOO_LONG)]))
        setattr(PlanReviewForm, prefix + "deadline", DateField(_l("New deadline"), validators=[Optional()]))
        setattr(PlanReviewForm, prefix + "owner", StringField(
            _l("New owner"), validators=[Optional(), Length(max=200, message=TOO_LONG)]))
        for measure in item.measures:
            setattr(PlanReviewForm, f"{prefix}reading_{measure.id}", StringField(
                measure.name, validators=[Optional(), Length(max=40, message=TOO_LONG)]))
    return PlanReviewForm(formdata=formdata) if formdata is not None else PlanReviewForm()
