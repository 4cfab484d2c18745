import pytest

from app.public.forms import parse_ages


@pytest.mark.parametrize(("typed", "ages"), [
    ("2, 5, 11", [2, 5, 11]),
    ("2 and 5", [2, 5]),
    ("3 y 7", [3, 7]),
    ("4，6", [4, 6]),          # Chinese comma
    ("2، 5", [2, 5]),          # Arabic comma
    ("٢ و ٥", [2, 5]),         # Arabic-Indic digits and "and"
    ("", []),
])
def test_children_ages_in_many_scripts(typed, ages):
    assert parse_ages(typed) == ages


def test_children_ages_refuse_words():
    assert parse_ages("toddler") is None
