"""Helpers shared by the tests (fixtures live in conftest.py)."""
import re

from app.extensions import db

PASSWORDS = {"admin": "admin-password-1", "organizer": "organizer-pass-1",
             "notetaker": "notetaker-pass-1", "analyst": "analyst-password-1"}



def empty_tables():
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())



def csrf_token(html):
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html) or re.search(
        r'name="csrf_token" value="([^"]+)"', html
    )
    assert match, "no CSRF token in the page"
    return match.group(1)


def publish_report(client, run_id, data):
    """Publish the next version of a run's report as an analyst does: save the text with
    "publish", read the preview, type the engagement's name and confirm. Returns the response to
    the first post when it did not lead to the preview (a refusal), else to the confirmation."""
    from app.models import AnalysisRun
    from app.services.reports import publishing

    response = client.post(f"/review/runs/{run_id}/report", data={**data, "publish": "y"})
    if response.status_code != 302 or not response.headers["Location"].endswith("/report/publish"):
        return response
    page = client.get(f"/review/runs/{run_id}/report/publish").get_data(as_text=True)
    seen = re.search(r'name="seen" type="hidden" value="([^"]+)"', page)
    assert seen, "no preview fingerprint on the publish page"
    with client.application.app_context():
        name = publishing.engagement_names(db.session.get(AnalysisRun, run_id).engagement_id)[0]
    return client.post(f"/review/runs/{run_id}/report/publish",
                       data={"confirmation": name, "seen": seen.group(1), "publish": "y"})
