"""The demo's draft resolution (as the text an organizer would paste) and its action plan
(as the CSV an organizer would import), written for Heard. The loader feeds them to the same
services the organizer pages use: the resolution splitter and the plan import.
"""
import csv
import io
from datetime import timedelta

RESOLUTION_NUMBER = "2026-41"
RESOLUTION_TITLE = "Resolution on belonging and neighborhood safety"

RESOLUTION_TEXT = """RESOLUTION NO. 2026-41

Resolution on belonging and neighborhood safety

WHEREAS, this fall the City of Maple Valley held listening sessions at a school, a senior center
and an apartment community room, with interpreters, where residents spoke at small tables about
what makes them feel safe and welcome in their neighborhoods; and

WHEREAS, residents described dark streets, broken sidewalks and missing crosswalks on the routes
they walk to bus stops, schools, parks and stores; and

WHEREAS, many residents cannot read the letters the City sends, reach city services by phone or
take part in public meetings, because these are offered in English only; and

WHEREAS, young people and their parents asked for safe places to spend evenings and summers, and
residents asked that a neighbor in a mental health crisis be met by trained counselors; and

WHEREAS, rising rents, unrepaired apartments, infrequent evening buses and clinics far from home
push families out of the neighborhoods where they have built their lives;

NOW, THEREFORE, BE IT RESOLVED by the City Council of the City of Maple Valley that the Council
receives the report of the listening sessions and thanks the residents, interpreters, childcare
workers and volunteer notetakers who made them possible.

BE IT FURTHER RESOLVED that the City Manager shall report in public twice a year on the progress
of every action in the Belonging and Safety Action Plan, in the languages residents speak.

BE IT FURTHER RESOLVED that the City adopts Sections 1 through 9 below as its policy on
belonging and neighborhood safety.

Section 1. Safe routes after dark. Public Works shall survey street lighting, sidewalks, curb
ramps and crosswalks on the walking routes to schools, bus stops and parks, repair reported
street lights within ten working days, and publish the list of repairs and their dates.

Section 2. Language access. Every department shall:
(a) offer interpreters at public meetings and service counters without a request in advance;
(b) translate vital letters, notices and forms into the nine languages of the City; and
(c) ask residents which language they prefer and use it in every later contact.

Section 3. Youth. The Library and Parks and Recreation shall keep places open for teenagers on
weekday evenings and through the summer, planned with a paid youth council.

Section 4. Crisis response. The City shall fund a team of counselors and medics to answer mental
health crisis calls without police where it is safe to do so, and shall publish the team's
results after its first year.

Section 5. Housing stability. The City shall fund emergency rent assistance and free legal help
for tenants facing eviction, and shall inspect apartments within two weeks of a tenant's repair
request.

Section 6. Transit. The City shall ask the transit agency to run evening buses until midnight on
the routes to hospitals and job centers, and shall add shelters and benches at busy bus stops.

Section 7. Parks and health. The City shall keep park restrooms open from dawn to dusk and shall
bring a mobile clinic and free health screenings to the neighborhoods farthest from a clinic.

Section 8. Jobs. The City shall offer paid job training with childcare, help residents have
licenses and degrees earned in other countries recognized, and set a local hiring goal for city
construction projects.

Section 9. Belonging. The City shall remove hateful graffiti within one working day and offer
community center rooms free of charge to cultural groups and neighborhood events.

BE IT FURTHER RESOLVED that this resolution takes effect on adoption.

PASSED AND ADOPTED by the City Council of the City of Maple Valley on ____________, 2026.
AYES:
NOES:
"""

PLAN_TITLE = "Belonging and safety action plan 2026-2027"
PLAN_FILENAME = "belonging-safety-action-plan.csv"

# (number, goal, action step, departments, status, deadline in days from the day the demo is
# loaded or None). Past deadlines on unfinished steps make them overdue on the public tracker.
PLAN_ROWS = [
    ("1.1", "Safe routes after dark", "Survey lighting on the ten busiest walking routes and fix gaps",
     "Public Works", "in_progress", -40),
    ("1.2", "Safe routes after dark", "Repair reported street lights within ten working days and text the person who reported it",
     "Public Works", "planning", 120),
    ("1.3", "Safe routes after dark", "Repair sidewalks and curb ramps on the routes to Lincoln Middle School and the senior apartments",
     "Transportation; Public Works", "in_progress", 180),
    ("1.3.1", "Safe routes after dark", "Rebuild the cracked curb ramps at Fifth and Lincoln",
     "Transportation", "complete", -60),
    ("1.3.2", "Safe routes after dark", "Add a signalled crosswalk on Ferry Road between the school and the apartments",
     "Transportation", "not_started", 300),
    ("2.1", "Language access", "Translate vital letters, notices and forms into the nine city languages",
     "City Clerk; Communications", "in_progress", 150),
    ("2.2", "Language access", "Book interpreters for every public meeting by default",
     "City Clerk", "ongoing", None),
    ("2.3", "Language access", "Record each resident's preferred language in city service requests",
     "Information Technology", "not_started", -10),
    ("2.4", "Language access", "Hire and train community interpreters from the neighborhoods",
     "Human Resources", "planning", 200),
    ("3.1", "Youth belonging", "Open two library branches late on Fridays for teens",
     "Library; Parks and Recreation", "in_progress", -20),
    ("3.2", "Youth belonging", "Form a paid youth council that advises the parks board",
     "Parks and Recreation", "planning", 90),
    ("3.3", "Youth belonging", "Free summer programs in three parks, with a late bus home",
     "Parks and Recreation; Transportation", "not_started", 210),
    ("4.1", "Crisis care without police", "Pilot a counselor and medic team for mental health crisis calls",
     "Fire; Health and Human Services", "in_progress", 100),
    ("4.1.1", "Crisis care without police", "Train 911 dispatchers to send mental health calls to the crisis team",
     "Emergency Communications", "planning", 60),
    ("4.1.2", "Crisis care without police", "Publish the pilot's results after its first year",
     "Health and Human Services", "not_started", 400),
    ("4.2", "Crisis care without police", "Naloxone and overdose response training at libraries and recreation centers",
     "Health and Human Services; Library", "complete", -30),
    ("5.1", "Housing stability", "Emergency rent assistance paid before the eviction date",
     "Housing", "ongoing", None),
    ("5.2", "Housing stability", "Free legal help for tenants facing eviction",
     "Housing; City Attorney", "in_progress", 60),
    ("5.3", "Housing stability", "Inspect apartments within two weeks of a tenant's repair request",
     "Code Enforcement", "planning", -5),
    ("5.4", "Housing stability", "Study a limit on yearly rent increases",
     "Housing; City Manager", "excluded", 30),
    ("6.1", "Buses people can count on", "Ask the transit agency to run routes 7 and 12 until midnight",
     "Transportation", "in_progress", 45),
    ("6.2", "Buses people can count on", "Shelters and benches at the twenty busiest bus stops",
     "Transportation; Public Works", "planning", 240),
    ("6.3", "Buses people can count on", "Reduced fares for students, seniors and low-income riders",
     "Transportation", "not_started", 330),
    ("7.1", "Parks and health", "Open park restrooms from dawn to dusk and clean them daily",
     "Parks and Recreation", "complete", -90),
    ("7.2", "Parks and health", "Monthly mobile clinic visits at the apartment complexes",
     "Health and Human Services", "in_progress", 75),
    ("7.3", "Parks and health", "Lights at the Lincoln Park soccer field",
     "Parks and Recreation", "not_started", 365),
    ("8.1", "Good jobs close to home", "Paid job training with childcare at the job center",
     "Economic Development", "planning", 120),
    ("8.2", "Good jobs close to home", "Help residents have licenses and degrees from other countries recognized",
     "Economic Development", "not_started", 180),
    ("8.3", "Good jobs close to home", "Local hiring goal for city construction projects",
     "Public Works; Economic Development", "ongoing", None),
    ("9.1", "Neighbors who know each other", "Remove hateful graffiti within one working day",
     "Public Works", "complete", -45),
    ("9.2", "Neighbors who know each other", "Free community center rooms for cultural groups",
     "Parks and Recreation", "in_progress", 30),
    ("9.3", "Neighbors who know each other", "Neighborhood ambassadors from each language group",
     "Community Engagement", "planning", -15),
]

# What the organizer wrote on some items after importing the plan (shown on the public tracker).
PROGRESS_NOTES = {
    "1.1": "Six of the ten routes are surveyed; 41 lights replaced so far.",
    "1.3.1": "Both ramps rebuilt in September.",
    "3.1": "Eastside Branch opens until 9 p.m. on Fridays; the second branch is waiting for staff.",
    "4.2": "214 people trained at four libraries and two recreation centers.",
    "5.4": "Moved to the state legislative agenda: cities in this state cannot cap rents.",
    "7.1": "Restrooms at Riverside, Cedar and Lincoln parks open 6 a.m. to 9 p.m.",
    "9.1": "Reports through the city app are cleared within a day on average.",
}


def plan_csv(today):
    """The plan as the CSV file an organizer would upload, deadlines counted from ``today``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Number", "Goal", "Action step", "Departments", "Status", "Deadline"])
    for number, goal, step, departments, status, days in PLAN_ROWS:
        deadline = (today + timedelta(days=days)).isoformat() if days is not None else "Ongoing"
        writer.writerow([number, goal, step, departments, status.replace("_", " ").capitalize(), deadline])
    return out.getvalue().encode("utf-8")


# --- The demo analyst's review ------------------------------------------------------------

N_THEMES = 10
REPORT_TITLE = "What We Heard: Maple Valley Belonging and Safety Listening Sessions 2026"
REPORT_INTRODUCTION = (
    "This fall, residents sat at small tables at Lincoln Middle School, the Maple Valley Senior Center "
    "and the Northgate Apartments community room and told us when they feel safe in their neighborhood, "
    "which city service would help their family most, and what the city should start doing this year. "
    "Volunteers wrote down what was said, in the language it was said in; interpreters worked at every "
    "session. No names were written down.\n\n"
    "This report groups those notes into themes, quotes residents' own words, and shows which parts of "
    "the draft resolution and the action plan answer each theme. Notes that could identify someone are "
    "left out."
)

# Where each topic sits in the resolution and the plan: (goal and section number, WHEREAS number).
TOPIC_PLACES = {
    "walking": (1, 2), "language": (2, 3), "youth": (3, 4), "crisis": (4, 4), "housing": (5, 5),
    "transit": (6, 5), "parks": (7, None), "health": (7, 5), "jobs": (8, None), "belonging": (9, None),
}

# What the demo analyst calls a theme, by the topic most of its notes were written about (see
# demo_notes.TOPICS), what the theme says in one sentence, and the links the analyst confirms:
# (clause label or action number, stance).
THEME_REVIEW = {
    "walking": (
        "Safe walking routes after dark",
        "Residents want working street lights, sound sidewalks and safe crossings on the routes they "
        "walk to buses, schools and stores, and want reported problems fixed quickly.",
        [("Section 1", "supports"), ("1.1", "supports"), ("1.3.2", "change")],
    ),
    "language": (
        "Services in the languages people speak",
        "People who do not read English miss letters, phone lines and meetings, and their children end up "
        "interpreting for them.",
        [("Section 2", "supports"), ("2.2", "supports"), ("2.3", "concern")],
    ),
    "youth": (
        "Places for teenagers in the evening",
        "Teenagers and parents asked for free, welcoming places and programs open in the evenings and "
        "through the summer, planned with young people.",
        [("Section 3", "supports"), ("3.1", "change")],
    ),
    "crisis": (
        "Crisis care without police",
        "Residents want trained counselors, not armed officers, to answer mental health crises, and help "
        "in their own languages.",
        [("Section 4", "concern"), ("4.1", "supports")],
    ),
    "housing": (
        "Rent and repairs",
        "Rising rents and repairs landlords ignore are pushing families and older residents out, and "
        "tenants fear complaining.",
        [("Section 5", "supports"), ("5.4", "change")],
    ),
    "transit": (
        "Buses that run when people work",
        "Buses stop too early and come too rarely for people's shifts, and stops lack shelter, benches "
        "and safe crossings.",
        [("Section 6", "supports"), ("6.1", "change"), ("6.2", "supports")],
    ),
    "parks": (
        "Parks that families can use",
        "Families love the parks but need open restrooms, working fountains, shade, lights on the fields "
        "and safe playgrounds.",
        [("Section 7", "supports"), ("7.1", "supports"), ("7.3", "supports")],
    ),
    "health": (
        "Clinics close to home",
        "Residents need clinics and doctors they can reach without a car, who speak their language and "
        "see them after work.",
        [("Section 7", "supports"), ("7.2", "supports")],
    ),
    "jobs": (
        "Work that uses people's skills",
        "Newcomers' licenses and degrees do not count here, and residents asked for paid training, "
        "English classes and help for small businesses.",
        [("Section 8", "supports"), ("8.2", "supports"), ("8.1", "change")],
    ),
    "belonging": (
        "Knowing and welcoming neighbors",
        "Residents feel safest among neighbors they know; some have been harassed for their language or "
        "faith and asked the city to bring people together and to report back.",
        [("Section 9", "supports"), ("Resolved 2", "supports"), ("9.3", "supports")],
    ),
}
