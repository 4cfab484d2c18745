"""One error contract in the analyst and notetaker areas: services raise ``NotFound`` and
``Forbidden`` (kinds of ``ServiceError``), the app's error handlers answer with the 404 and 403
pages, and the views neither catch ``LookupError`` nor write service errors on forms by hand."""
import re

import pytest

from app.platform.errors import Forbidden, NotFound, ServiceError
from app.services.capture import notes
from tests.app.test_architecture import APP

VIEWS = ["capture/views.py", "review/runs.py", "review/theme_page.py", "review/codebook.py", "review/views.py"]


def test_note_refusals_are_kinds_of_the_contracts_errors():
    assert issubclass(notes.NoteNotFound, NotFound) and issubclass(notes.NoteForbidden, Forbidden)
    assert issubclass(notes.NoteClosed, ServiceError) and not issubclass(notes.NoteClosed, Forbidden)
    assert (notes.NoteNotFound.status, notes.NoteForbidden.status) == (404, 403)  # the JSON API's statuses


@pytest.mark.parametrize("module", VIEWS)
def test_views_leave_not_found_to_the_error_handlers(module):
    source = (APP / module).read_text(encoding="utf-8")
    assert "except LookupError" not in source
    assert not re.search(r"\.errors\.append\(error\.message\)", source), "use forms.show_error"


def test_the_theme_page_asks_scopes_for_its_engagement():
    from app.services.insights import theme_review

    assert not hasattr(theme_review, "engagement_of")


def test_unknown_run_theme_and_codebook_are_not_found(app):
    from app.services.insights import codebook, runs, theme_review

    with app.app_context():
        for getter in (runs.get_run, theme_review.get_theme, codebook.get_codebook, codebook.get_code):
            with pytest.raises(NotFound):
                getter(987654)
