"""Links from themes to policy with a stance, and the coverage matrix of themes by clauses
and actions, with the gaps both ways."""
import html as htmllib
import re

import pytest
import theme_board_data
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEntry, Theme, ThemeLink


@pytest.fixture
def data(app, client, signed_in):
    ids = theme_board_data.build(app)
    ids["user"] = signed_in("analyst")
    return ids


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return htmllib.unescape(response.get_data(as_text=True))


def flashes(client, url):
    return " ".join(re.findall(r'<p class="flash[^"]*">(.*?)</p>', page(client, url), re.S))


def link(app, link_id):
    with app.app_context():
        found = db.session.get(ThemeLink, link_id)
        return found.status, found.stance, found.decided_by_id


# --- Links with a stance ---------------------------------------------------------------

def test_theme_page_lists_suggested_links_with_scores_and_stances(client, data):
    html = page(client, f"/review/themes/{data['a']}")
    links = html[html.index('id="links"'):]
    assert "The city shall repair street lighting." in links
    assert "match score 0.40" in links
    assert "How does this theme bear on it?" in links
    for text in ("Supports", "Raises a concern", "Suggests a change"):
        assert text in links
    assert f'id="stance-{data["link_a"]}-concern" name="stance" value="concern"' in links


def test_confirming_a_link_takes_a_stance(app, client, data):
    url = f"/review/themes/{data['a']}"
    client.post(f"{url}/links", data={"link_id": data["link_a"], "decision": "confirmed"})
    assert "Choose how the theme bears on it" in flashes(client, url)
    assert link(app, data["link_a"])[:2] == ("suggested", None)

    client.post(f"{url}/links", data={"link_id": data["link_a"], "decision": "confirmed", "stance": "concern"})
    assert link(app, data["link_a"]) == ("confirmed", "concern", data["user"])
    html = page(client, url)
    assert "Confirmed · Raises a concern" in html
    assert f'id="stance-{data["link_a"]}-concern" name="stance" value="concern" checked' in html
    assert "Save the stance" in html
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "link.confirmed"))
        assert entry.user_id == data["user"] and entry.details == {"stance": "concern"}


def test_rejecting_a_link(app, client, data):
    client.post(f"/review/themes/{data['a']}/links", data={"link_id": data["link_a"], "decision": "rejected"})
    assert link(app, data["link_a"]) == ("rejected", None, data["user"])
    assert "Link rejected." in flashes(client, f"/review/themes/{data['a']}")


def test_a_link_of_another_theme_cannot_be_decided_here(app, client, data):
    client.post(f"/review/themes/{data['a']}/links",
                data={"link_id": data["link_b"], "decision": "confirmed", "stance": "supports"})
    assert link(app, data["link_b"])[0] == "suggested"


def test_adding_a_link_by_hand_takes_a_stance(app, client, data):
    html = page(client, f"/review/themes/{data['c']}")
    assert "Link to a clause or an action" in html and f'value="clause:{data["c2"]}"' in html
    client.post(f"/review/themes/{data['c']}/links/add", data={"target": f"clause:{data['c2']}"})
    assert "Choose how the theme bears on it" in flashes(client, f"/review/themes/{data['c']}")
    client.post(f"/review/themes/{data['c']}/links/add", data={"target": f"clause:{data['c2']}", "stance": "supports"})
    client.post(f"/review/themes/{data['c']}/links/add", data={"target": f"action:{data['a2']}", "stance": "change"})
    with app.app_context():
        made = {(row.clause_id, row.action_item_id): (row.status, row.stance, row.decided_by_id)
                for row in db.session.scalars(select(ThemeLink).where(ThemeLink.theme_id == data["c"]))}
    assert made == {(data["c2"], None): ("confirmed", "supports", data["user"]),
                    (None, data["a2"]): ("confirmed", "change", data["user"])}
    html = page(client, f"/review/themes/{data['c']}")
    assert "added by a person" in html


# --- The coverage matrix ---------------------------------------------------------------

def cell(html, row_text, column):
    """The text of the cell in the row whose header contains ``row_text``, ``column`` cells in."""
    row = re.search(rf'<tr><th scope="row">[^\n]*?{re.escape(row_text)}.*?</tr>', html, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return re.sub(r"<[^>]+>", "", cells[column]).strip()


def test_coverage_matrix_shows_stances_as_text_and_the_gaps(app, client, data):
    client.post(f"/review/themes/{data['a']}/links",
                data={"link_id": data["link_a"], "decision": "confirmed", "stance": "supports"})
    client.post(f"/review/themes/{data['b']}/links",
                data={"link_id": data["link_b"], "decision": "confirmed", "stance": "concern"})
    html = page(client, f"/review/runs/{data['run']}/coverage")
    assert html.count("<h1>") == 1
    assert "<caption>Resolution clauses (rows) and the themes that speak to them (columns)</caption>" in html
    assert "<caption>Action items (rows) and the themes that speak to them (columns)</caption>" in html
    for label in ("lights / street / dark", "bus / route", "park / bench"):
        assert re.search(rf'<th scope="col"><a [^>]*>{re.escape(label)}</a></th>', html)
    # Columns are the themes in order: a, b, c.
    assert cell(html, "The city shall repair street lighting.", 0) == "Supports"
    assert cell(html, "The city shall repair street lighting.", 1) == "No link"
    assert cell(html, "Extend evening bus service.", 1) == "Raises a concern"
    gaps = html[html.index('id="gaps"'):]
    unanswered = gaps[gaps.index("Themes no clause answers"):gaps.index("Clauses no theme spoke to")]
    assert "bus / route" in unanswered and "park / bench" in unanswered and "lights / street" not in unanswered
    unspoken = gaps[gaps.index("Clauses no theme spoke to"):gaps.index("Actions no theme spoke to")]
    assert "Residents value the riverside parks." in unspoken and "repair street lighting" not in unspoken
    assert "Add benches along the river." in gaps[gaps.index("Actions no theme spoke to"):]


def test_suggested_links_do_not_count_as_coverage(client, data):
    html = page(client, f"/review/runs/{data['run']}/coverage")
    assert cell(html, "The city shall repair street lighting.", 0) == "No link"
    gaps = html[html.index('id="gaps"'):]
    assert "lights / street / dark" in gaps[:gaps.index("Clauses no theme spoke to")]


def test_merged_and_rejected_themes_are_left_out(app, client, data):
    client.post(f"/review/themes/{data['b']}/merge", data={"into": data["a"]})
    client.post(f"/review/themes/{data['c']}", data={"label": "park / bench", "summary": "", "status": "rejected"})
    html = page(client, f"/review/runs/{data['run']}/coverage")
    assert html.count('<th scope="col"><a') == 2  # one theme column in each table
    assert "bus / route" not in html and "park / bench" not in html
    with app.app_context():
        assert db.session.get(Theme, data["b"]).status == "merged"


def test_board_links_to_the_coverage_matrix(client, data):
    html = page(client, f"/review/runs/{data['run']}")
    assert f'href="/review/runs/{data["run"]}/coverage"' in html


def test_coverage_without_a_resolution_or_plan_says_so(app, client, data):
    from app.models import ActionPlan, Resolution

    with app.app_context():
        for model in (Resolution, ActionPlan):
            for row in db.session.scalars(select(model)):
                db.session.delete(row)
        db.session.commit()
    html = page(client, f"/review/runs/{data['run']}/coverage")
    assert "This engagement has no resolution yet." in html and "This engagement has no action plan yet." in html


# --- The matrix at size: filters, sticky headers, the phone's lists ----------------------

def _second_resolution_and_plan(app, data):
    from app.models import ActionItem, ActionPlan, Resolution, ResolutionClause

    with app.app_context():
        engagement_id = db.session.get(Theme, data["a"]).run.engagement_id
        resolution = Resolution(engagement_id=engagement_id, number="2026-9", title="Housing")
        resolution.clauses.append(ResolutionClause(position=1, label="Section 1", text="Build more homes."))
        plan = ActionPlan(engagement_id=engagement_id, title="Housing plan")
        plan.items.append(ActionItem(position=1, number="9.1", goal="Homes", action_step="Zone for duplexes."))
        db.session.add_all([resolution, plan])
        db.session.commit()
        return resolution.id, plan.id


def test_coverage_filters_one_resolution_one_plan_and_the_gaps(app, client, data):
    resolution_id, plan_id = _second_resolution_and_plan(app, data)
    client.post(f"/review/themes/{data['a']}/links",
                data={"link_id": data["link_a"], "decision": "confirmed", "stance": "supports"})
    url = f"/review/runs/{data['run']}/coverage"
    html = page(client, url)
    matrices = html[:html.index('class="coverage-phone"')]
    assert "Build more homes." in matrices and "The city shall repair street lighting." in matrices
    html = page(client, f"{url}?resolution={resolution_id}&plan={plan_id}")
    matrices = html[html.index('class="coverage-matrices"'):html.index('class="coverage-phone"')]
    assert "Build more homes." in matrices and "Zone for duplexes." in matrices
    assert "repair street lighting" not in matrices and "Extend evening bus service." not in matrices
    # Gaps only: the clause theme a answers and theme a's column leave the clause matrix.
    html = page(client, f"{url}?gaps=y")
    clause_matrix = html[html.index('id="clauses"'):html.index('id="actions"')]
    assert "repair street lighting" not in clause_matrix and "Residents value the riverside parks." in clause_matrix
    assert "lights / street / dark" not in clause_matrix and "bus / route" in clause_matrix
    # Unknown or foreign values show everything.
    html = page(client, f"{url}?resolution=999999&plan=abc")
    assert "Build more homes." in html and "repair street lighting" in html


def test_coverage_keeps_its_headers_in_view_and_has_a_phone_layout(client, data):
    client.post(f"/review/themes/{data['a']}/links",
                data={"link_id": data["link_a"], "decision": "confirmed", "stance": "supports"})
    html = page(client, f"/review/runs/{data['run']}/coverage")
    assert html.count('class="table-scroll coverage-scroll"') == 2
    phone = html[html.index('class="coverage-phone"'):html.index('id="gaps"')]
    theme_a = phone[phone.index("lights / street / dark"):phone.index("bus / route")]
    assert "The city shall repair street lighting." in theme_a and "Supports" in theme_a
    assert "Nothing is linked to this theme yet." in phone[phone.index("park / bench"):]
    with client.application.open_resource("static/heard.css") as stylesheet:
        css = stylesheet.read().decode()
    assert ".coverage thead th { position: sticky; inset-block-start: 0;" in css
    assert "inset-inline-start: 0" in css and ".coverage-matrices { display: none; }" in css
