"""The demo plan as people monitor it: strategies under its goals, accountable owners and
partners, measures of success with readings, and two quarterly reviews, written for Heard
and stored through the same services the plan pages use. Their first-draft translations
are in app/demo/texts/plan_drafts.json."""
from datetime import UTC, datetime, time, timedelta

from ..extensions import db
from ..services.plans import measures as plan_measures
from ..services.plans import reviews, structure

# (strategy title, the action numbers under it); the goal is the actions' own.
STRATEGIES = [
    ("Light and repair the walking routes", ("1.1", "1.2")),
    ("Safe crossings near schools and homes", ("1.3", "1.3.1", "1.3.2")),
    ("Every letter and meeting in residents' languages", ("2.1", "2.2", "2.3")),
    ("Interpreters from the neighborhoods", ("2.4",)),
    ("A crisis team instead of police", ("4.1", "4.1.1", "4.1.2")),
]

# Accountable owners (roles) and partners; the actions of goals 5 to 9 have none yet, so the
# SMART check has something to show.
OWNERS = {
    "Street Lighting Manager": ("1.1", "1.2"),
    "Traffic Safety Engineer": ("1.3", "1.3.1", "1.3.2"),
    "Language Access Coordinator": ("2.1", "2.2", "2.3", "2.4"),
    "Youth Services Manager": ("3.1", "3.3"),
    "Crisis Response Program Director": ("4.1", "4.1.1", "4.1.2", "4.2"),
}
PARTNERS = {
    "1.1": "Neighborhood associations",
    "3.1": "Youth council and Maple Valley Schools",
    "4.1": "County Behavioral Health",
}
# Start dates, in days from the day the demo is loaded.
STARTS = {"1.1": -300, "1.2": -300, "1.3": -240, "2.1": -280, "3.1": -250, "4.1": -200}

# (on: a goal number or an action number, name, unit, direction, (baseline day, value),
#  (target day, value), [(day, value, source)]); days from the day the demo is loaded.
MEASURES = [
    ("goal 1", "Working street lights on the ten busiest walking routes", "%", "up", (-300, 71), (200, 95),
     [(-200, 76, "Public Works lighting survey"), (-20, 86, "Public Works lighting survey")]),
    ("1.2", "Working days to repair a reported street light", "days", "down", (-300, 23), (120, 10),
     [(-200, 19, "311 service requests")]),
    ("3.1", "Teen visits to the library on Friday evenings", "visits a month", "up", (-250, 40), (115, 300),
     [(-180, 95, "Library door counts")]),
    ("2.1", "Vital documents translated into all nine languages", "documents", "up", (-280, 0), (150, 120),
     [(-200, 18, "City Clerk records")]),
]

PARTICIPANTS = ("Public Works, Transportation, City Clerk, Library, Parks and Recreation, Health and Human "
                "Services, and two members of the youth council")
# (day, summary, [(action number, status, adjustment, reason, new deadline day or new owner,
#  {measure name: reading})]).
REVIEWS = [
    (-110, "First quarterly review. Street light repairs are slower than planned; the Friday evening "
           "library hours are popular with teenagers.", [
        ("1.1", "in_progress", "none", "", None, {}),
        ("1.2", "planning", "none", "", None, {"Working days to repair a reported street light": 17}),
        ("3.1", "in_progress", "none", "", None, {"Teen visits to the library on Friday evenings": 180}),
        ("3.2", "planning", "owner", "The parks board asked the youth services team to lead the council.",
         "Youth Services Manager", {}),
    ]),
    (-20, "Second quarterly review. Repairs are faster but still behind the path to ten days; the study "
          "of a rent limit was dropped.", [
        ("1.2", "in_progress", "none", "The repair crew now works a second shift.", None,
         {"Working days to repair a reported street light": 16}),
        ("3.1", "in_progress", "none", "", None, {"Teen visits to the library on Friday evenings": 265}),
        ("5.4", "excluded", "dropped",
         "Moved to the state legislative agenda: cities in this state cannot cap rents.", None, {}),
        ("9.3", "planning", "deadline", "Recruiting ambassadors takes longer in the smaller language groups.",
         75, {}),
    ]),
]


def _at(day):
    return datetime.combine(day, time(17, 0), tzinfo=UTC)


def enrich(organizer, plan, today):
    """Add the strategies, owners, measures and reviews to the freshly imported demo plan."""
    items = {item.number: item for item in plan.items}
    for title, numbers in STRATEGIES:
        goal = items[numbers[0]].goal_ref
        strategy = structure.find_or_create_strategy(plan, goal, "", title)
        for number in numbers:
            items[number].strategy = strategy
    for owner, numbers in OWNERS.items():
        for number in numbers:
            items[number].owner = owner
    for number, partners in PARTNERS.items():
        items[number].partners = partners
    for number, days in STARTS.items():
        items[number].starts_on = today + timedelta(days=days)
    goals = {goal.number: goal for goal in plan.goals}
    for on, name, unit, direction, baseline, target, readings in MEASURES:
        where = goals[on.split()[1]] if on.startswith("goal ") else items[on]
        measure = plan_measures.new_measure(
            where, plan=plan, name=name, unit=unit, direction=direction,
            baseline=(today + timedelta(days=baseline[0]), baseline[1]),
            target_point=(today + timedelta(days=target[0]), target[1]))
        for day, value, source in readings:
            plan_measures.new_reading(measure, value=value, taken_on=today + timedelta(days=day), source=source)
    for item in plan.items:  # the plan was imported before the first review
        for change in item.status_changes:
            change.changed_at = _at(today - timedelta(days=300))
    db.session.commit()
    measures = {m.name: m for item in plan.items for m in item.measures}
    for day, summary, entries in REVIEWS:
        held_on = today + timedelta(days=day)
        before = {item.id: len(item.status_changes) for item in plan.items}
        review = reviews.record_review(organizer, plan, held_on=held_on, participants=PARTICIPANTS,
                                            summary=summary, today=today, entries=[
            reviews.Entry(
                item_id=items[number].id, status=status, adjustment=adjustment, reason=reason,
                deadline=today + timedelta(days=change) if adjustment == "deadline" else None,
                owner=change if adjustment == "owner" else "",
                readings={measures[name].id: value for name, value in readings.items()})
            for number, status, adjustment, reason, change, readings in entries])
        for item in plan.items:  # as if recorded on the day of the review
            for change in item.status_changes[before[item.id]:]:
                change.changed_at = _at(held_on)
        review.created_at = _at(held_on)
        db.session.commit()
