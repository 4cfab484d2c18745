"""The public plan tracker: the plan as written, measures as SVG charts with their tables,
the status history, the last review and the log of reviews; in every language."""

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ActionPlan


@pytest.fixture
def plan_id(app, demo):
    with app.app_context():
        return db.session.scalar(select(ActionPlan.id))


def test_the_progress_page_links_each_plan_tracker(client, plan_id):
    html = client.get("/progress").get_data(as_text=True)
    assert f'href="/progress/plans/{plan_id}"' in html


def test_the_tracker_shows_the_plan_without_javascript(client, plan_id):
    response = client.get(f"/progress/plans/{plan_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<script" not in html.split("<main", 1)[1]
    assert "Belonging and safety action plan" in html
    assert "Survey lighting on the ten busiest walking routes" in html


def test_an_unknown_plan_is_not_found(client, app):
    assert client.get("/progress/plans/999999").status_code == 404




def _page(client, plan_id, language="en"):
    response = client.get(f"/progress/plans/{plan_id}", headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_demo_plan_shows_goals_strategies_owners_and_measures(client, plan_id):
    html = _page(client, plan_id)
    assert 'id="goal-' in html and "Goal 1" in html
    assert "Light and repair the walking routes" in html  # a strategy
    assert "Street Lighting Manager" in html and "Neighborhood associations" in html
    assert html.count('<svg class="measure-svg"') == 4
    assert html.count('class="measure-table"') == 4
    assert "Readings of this measure" in html
    # the working days to repair a light: 16 on the latest reading, the path is near 14 there
    assert "progress-off_track" in html and "progress-on_track" in html and "progress-no_recent_reading" in html


def test_each_chart_has_its_data_as_a_table_and_is_hidden_from_screen_readers(client, plan_id):
    html = _page(client, plan_id)
    for svg in re.findall(r"<svg class=\"measure-svg\"[^>]*>", html):
        assert 'aria-hidden="true"' in svg
    figure = html[html.index("Working days to repair a reported street light"):]
    figure = figure[:figure.index("</figure>")]
    rows = re.findall(r"<tr class=\"measure-row-(\w+)\">", figure)
    assert rows == ["baseline", "reading", "reading", "reading", "target"]
    assert figure.count('class="measure-dot"') == 3


def test_the_chart_runs_right_to_left_in_arabic(client, plan_id):
    def first_path(html):
        return [float(v) for v in re.search(r'class="measure-path" x1="([\d.]+)" y1="[\d.]+" x2="([\d.]+)"',
                                            html).groups()]

    english, arabic = first_path(_page(client, plan_id)), first_path(_page(client, plan_id, "ar"))
    assert english[0] < english[1]  # the baseline on the left
    assert arabic[0] > arabic[1]  # on the right in Arabic
    assert arabic == [320 - english[0], 320 - english[1]]
    assert '<html lang="ar" dir="rtl">' in _page(client, plan_id, "ar")


def test_status_history_and_reviews_are_public(client, plan_id):
    html = _page(client, plan_id)
    assert "Status history (2 changes)" in html
    assert "from Planning to In progress" in html and "The repair crew now works a second shift." in html
    assert html.count('class="plan-review"') == 2
    assert "Last reviewed" in html and "Deadline moved" in html and "Dropped" in html
    assert "Not reviewed for more than a quarter" in html  # the actions no review looked at


def test_the_tracker_reads_in_every_language(client, plan_id):
    for language in ("es", "zh-Hans", "vi", "tl", "ru", "ar", "hmn", "so"):
        html = _page(client, plan_id, language)
        assert f'<html lang="{language}"' in html
        assert 'class="untranslated"' not in html, language
        assert "Light and repair the walking routes" not in html  # the strategy, translated
        assert "Street Lighting Manager" not in html


def test_text_without_a_translation_is_marked(app, client, plan_id):
    from app.models import PlanStrategy

    with app.app_context():
        strategy = db.session.scalar(select(PlanStrategy))
        strategy.title = "A new strategy nobody translated"
        db.session.commit()
    html = _page(client, plan_id, "es")
    assert "A new strategy nobody translated" in html
    assert html.count('class="untranslated"') == 1
