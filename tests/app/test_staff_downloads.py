"""Every file staff download (notes, rosters, needs, draft reports) holds residents' words or
personal data: no browser or proxy may keep a copy."""
import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ActionPlan, AnalysisRun, Engagement, ListeningSession

STAFF = ("admin.", "review.", "capture.")


@pytest.fixture
def ids(app, client, signed_in, demo):
    signed_in("admin")
    with app.app_context():
        engagement_id = db.session.scalar(select(Engagement.id))
    assert client.post("/review/", data={"engagement": engagement_id, "themes": "3"}).status_code == 302
    with app.app_context():
        return {"session_id": db.session.scalar(select(ListeningSession.id)),
                "run_id": db.session.scalar(select(AnalysisRun.id)), "language": "es",
                "plan_id": db.session.scalar(select(ActionPlan.id)),
                "engagement_id": engagement_id}


def _downloads(app, ids):
    """Every staff GET rule that names a file (an extension, or a choice of them), once per
    extension it allows."""
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith(STAFF) or "GET" not in rule.methods or "." not in rule.rule:
            continue
        if rule.rule.endswith(".js"):
            continue  # the capture page's service worker: code, not data
        choices = [(name, sorted(c.items)) for name, c in rule._converters.items() if hasattr(c, "items")]
        kinds = choices[0][1] if choices else [None]
        for kind in kinds:
            values = {name: ids[name] for name in rule.arguments if name in ids}
            if choices:
                values[choices[0][0]] = kind
            yield rule.endpoint, values


def test_every_staff_download_says_no_store(app, client, ids):
    from flask import url_for

    with app.test_request_context():
        urls = [url_for(endpoint, **values) for endpoint, values in _downloads(app, ids)]
    expected = {"/admin/sessions/{session_id}/notes.csv", "/admin/sessions/{session_id}/notes.xlsx",
                "/admin/sessions/{session_id}/roster.csv", "/admin/sessions/{session_id}/roster.xlsx",
                "/admin/sessions/{session_id}/needs.csv", "/admin/sessions/{session_id}/needs.xlsx",
                "/review/runs/{run_id}/report.docx", "/review/runs/{run_id}/report.csv",
                "/review/runs/{run_id}/report-quotes.csv",
                "/review/translations/{language}.xlf", "/review/translations/{language}.po",
                "/admin/policy/plans/{plan_id}.xlsx"}
    assert {u.format(**ids) for u in expected} <= set(urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "attachment" in response.headers["Content-Disposition"], url
        assert response.headers.get("Cache-Control") == "no-store", url
