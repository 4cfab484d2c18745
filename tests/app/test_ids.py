"""Ids past what an id column holds (PostgreSQL's 32-bit integer; SQLite overflows past 64
bits) name no row: a 404 in a path, an ignored filter in a query string, a refused choice in a
form; never a 500. ``make test`` runs these on SQLite and on PostgreSQL."""
import pytest
from sqlalchemy import select
from support import empty_tables

from app.extensions import db
from app.ids import MAX_ID, parse_id
from app.models import (
    AnalysisRun,
    Codebook,
    Engagement,
    ListeningSession,
    Note,
    SessionTable,
    Theme,
)

HUGE = [str(MAX_ID + 1), "99999999999999999999", str(2**40), str(2**63), "9" * 400]


def _placeholder(converter):
    """A value for a rule's non-int part that the rule accepts."""
    choices = getattr(converter, "items", None)
    if choices:
        return sorted(choices)[0]
    return "x"


@pytest.fixture
def app(make_app):
    """Errors answer as in production (a 500 page) instead of reaching the test."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        empty_tables()
    yield app


def _urls_with_huge_ids(app, huge):
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if type(conv).__name__.endswith(("IdConverter", "IntegerConverter"))]
        if not ints:
            continue
        values = {name: (huge if name in ints else _placeholder(conv)) for name, conv in rule._converters.items()}
        path = rule.rule
        for name, value in values.items():
            path = _substitute(path, name, value)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, path, rule.endpoint


def _substitute(path, name, value):
    start = path.index("<")
    while True:
        end = path.index(">", start)
        part = path[start + 1:end]
        if part.split(":")[-1] == name:
            return path[:start] + str(value) + path[end + 1:]
        start = path.index("<", end)


def test_every_rule_with_an_id_uses_the_bounded_converter(app):
    rules = [rule for rule in app.url_map.iter_rules()
             if any(type(c).__name__ == "IntegerConverter" for c in rule._converters.values())]
    assert rules == []


# The largest possible id, naming no row.
ABSENT = [str(MAX_ID)]


@pytest.mark.parametrize("huge", HUGE + ABSENT)
def test_every_impossible_id_in_a_path_is_a_404(app, client, signed_in, huge):
    signed_in("admin")
    crawled = list(_urls_with_huge_ids(app, huge))
    assert len(crawled) > 60  # the crawl really covers the url map
    failures = []
    for method, path, endpoint in crawled:
        status = client.open(path, method=method).status_code
        # An impossible id does not match the rule (404); a possible id that names no row gets the
        # view's own answer (404, or 422 for a body the notes API checks first), never a 500.
        if status != 404 if huge in HUGE else status >= 500:
            failures.append((method, path, endpoint, status))
    assert not failures, "\n".join(map(str, failures))


@pytest.fixture
def rows(app, client, signed_in, demo):
    """Demo data, an analysis run of it and a signed-in admin; real ids for the paths."""
    user_id = signed_in("admin")
    with app.app_context():
        engagement_id = db.session.scalar(select(Engagement.id))
    assert client.post("/review/", data={"engagement": engagement_id, "themes": "3"}).status_code == 302
    with app.app_context():
        return {
            "user": user_id,
            "engagement": engagement_id,
            "run": db.session.scalar(select(AnalysisRun.id)),
            "theme": db.session.scalar(select(Theme.id)),
            "codebook": db.session.scalar(select(Codebook.id)),
            "session": db.session.scalar(select(ListeningSession.id)),
            "table": db.session.scalar(select(SessionTable.id)),
            "note": db.session.scalar(select(Note.id)),
        }


QUERIES = [
    "/progress?engagement={huge}",
    "/progress?engagement={huge}&department=x&status=late",
    "/review/codebook?engagement={huge}",
    "/review/codebook/{codebook}/tags?code={huge}",
    "/review/codebook/{codebook}/tags?page={huge}",
    "/review/codebook/{codebook}/tags?show=all&code={huge}&page={huge}",
    "/review/runs/{run}/compare?against={huge}",
    "/review/?session={huge}&table={huge}&prompt={huge}",
    "/review/runs/{run}?session={huge}&table={huge}&prompt={huge}",
    "/admin/sessions/{session}/roster?status={huge}&need={huge}",
    "/admin/sessions/{session}/notes?q={huge}",
    "/admin/policy?engagement={huge}",
    "/review/translations/es?engagement={huge}&status=missing",
]


@pytest.mark.parametrize("huge", HUGE[:3] + ["²", "-1", "0", "1e3", " 7 x"] + ABSENT)
def test_an_impossible_id_in_a_query_string_is_ignored(app, client, rows, huge):
    failures = []
    for template in QUERIES:
        url = template.format(huge=huge, **rows)
        status = client.get(url).status_code
        # An impossible id is ignored; a possible one that names nothing may be a 404
        # (comparing a run with an analysis that does not exist).
        if status != 200 and not (huge in ABSENT and status == 404):
            failures.append((url, status))
    assert not failures, "\n".join(map(str, failures))


# Every form post that carries ids, with each id field set to an impossible number.
POSTS = [
    ("/review/", {"engagement": "{huge}", "themes": "3"}),
    ("/review/", {"engagement": "{engagement}", "themes": "3", "sessions": "{huge}"}),
    ("/review/runs/{run}/merge", {"themes": ["{theme}", "{huge}"], "label": "x"}),
    ("/review/themes/{theme}/move", {"note_id": "{huge}", "theme": "{huge}"}),
    ("/review/themes/{theme}/move", {"note_id": "{note}", "theme": "{huge}"}),
    ("/review/themes/{theme}/notes", {"note_id": "{huge}", "change": "quote"}),
    ("/review/themes/{theme}/add-note", {"note_id": "{huge}"}),
    ("/review/themes/{theme}/merge", {"into": "{huge}"}),
    ("/review/themes/{theme}/split", {"note_ids": ["{huge}"], "label": "x"}),
    ("/review/themes/{theme}/links", {"link_id": "{huge}", "decision": "confirm"}),
    ("/review/themes/{theme}/links/add", {"target": "clause:{huge}", "stance": "supports"}),
    ("/review/themes/{theme}/links/add", {"target": "action:{huge}", "stance": "supports"}),
    ("/review/codebook/{codebook}/tags/decide", {"tag_id": "{huge}", "decision": "confirm"}),
    ("/review/codebook/{codebook}/tags/add", {"note_id": "{huge}", "code": "{huge}"}),
    ("/review/runs/{run}/report/quotes", {"theme_id": "{huge}", "note_id": "{huge}", "excluded": "1"}),
    ("/admin/sessions/{session}/notetakers", {"user_id": "{huge}", "table_id": "{huge}"}),
    ("/admin/sessions/new", {"engagement_id": "{huge}"}),
    ("/admin/policy/resolutions", {"engagement": "{huge}", "number": "1", "title": "x"}),
    ("/admin/policy/actions", {"engagement": "{huge}", "goal": "x", "action_step": "y"}),
    ("/capture/api/notes", None),
]


def _api_bodies(rows, huge):
    """Notes API bodies (JSON) with one impossible id each, as text and as a JSON number."""
    base = {"client_id": "00000000-0000-4000-8000-000000000000", "user_id": rows["user"],
            "table_id": rows["table"], "prompt_id": None, "text": "x"}
    for field in ("table_id", "prompt_id", "user_id"):
        yield {**base, field: huge}
        if huge.isascii() and huge.isdigit():
            yield {**base, field: int(huge)}
        yield {**base, field: float("inf")}
        yield {**base, field: 1e300}


@pytest.mark.parametrize("huge", HUGE[:3] + ["²"] + ABSENT)
def test_an_impossible_id_in_a_form_is_refused_not_a_500(app, client, rows, huge):
    failures = []
    for template, data in POSTS:
        url = template.format(huge=huge, **rows)
        if data is None:
            status = max(client.post(url, json=body).status_code for body in _api_bodies(rows, huge))
        else:
            filled = {key: ([v.format(huge=huge, **rows) for v in value] if isinstance(value, list)
                            else value.format(huge=huge, **rows)) for key, value in data.items()}
            status = client.post(url, data=filled).status_code
        if status >= 500:
            failures.append((url, data, status))
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize("value, expected", [
    ("12", 12), (" 12 ", 12), (str(MAX_ID), MAX_ID), (str(MAX_ID + 1), None), (str(2**63), None),
    ("0", None), ("-3", None),
    ("", None), (None, None), ("abc", None), ("²", None), ("١٢", None), ("1_000", None), ("9" * 5000, None),
])
def test_parse_id(value, expected):
    assert parse_id(value) == expected
