"""app.forms: every form cleans what it is sent, once, before any field reads it."""
import importlib
import pkgutil

import pytest
from wtforms import (
    BooleanField,
    DateField,
    Form,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)

import app as app_package
from app.forms import BaseForm, FilterForm, KeyField, NumberField

ODD = "a\x00b\x01c\x0bd\x0ce\x7ff\x85g\ud800h\udfffi\ufffej\uffffk\r\nl\rm e\u0301"
CLEAN = "abcdefghijk\nl\nm \u00e9"


def _all_form_classes():
    for module in pkgutil.walk_packages(app_package.__path__, "app."):
        importlib.import_module(module.name)
    found, todo = [], [Form]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("app."):
                found.append(sub)
    return found


def test_every_form_of_the_app_cleans_its_input():
    forms = _all_form_classes()
    assert len(forms) > 40  # the walk found the app's forms
    missing = [f"{f.__module__}.{f.__qualname__}" for f in forms if not issubclass(f, (BaseForm, FilterForm))]
    assert missing == [], "derive these from app.forms.BaseForm (posted) or FilterForm (query string)"


class Everything(BaseForm):
    class Meta:
        csrf = False

    text = StringField()
    area = TextAreaField()
    hidden = HiddenField()
    choice = SelectField(choices=[("x", "x")], validate_choice=False)
    many = SelectMultipleField(choices=[("x", "x")], validate_choice=False)
    number = IntegerField()
    day = DateField()
    flag = BooleanField()
    password = PasswordField()
    key = KeyField(message="bad key")


class Filters(FilterForm):
    q = StringField()


@pytest.mark.parametrize("name", ["text", "area", "hidden", "choice"])
def test_every_kind_of_text_field_gets_clean_text(app, name):
    with app.test_request_context("/", method="POST", json={name: ODD}):  # JSON: it can carry surrogates
        form = Everything()
        assert form[name].data == CLEAN


def test_values_that_are_not_text_fields_are_cleaned_before_they_are_read_or_shown(app):
    with app.test_request_context("/", method="POST", json={
            "many": ["x\x00", "y\ud800"], "number": "1\x002\ud800", "day": "2026-12-04\x0b"}):
        form = Everything()
        assert form.many.data == ["x", "y"]
        assert (form.number.data, form.number.raw_data) == (12, ["12"])
        assert str(form.day.data) == "2026-12-04"


def test_query_string_filters_are_cleaned(app):
    with app.test_request_context("/?q=%00bus%0B%ED%A0%80"):
        from flask import request

        assert Filters(request.args).q.data == "bus%ED%A0%80"  # werkzeug keeps bytes that are not UTF-8 escaped


def test_password_is_kept_as_typed_except_what_cannot_be_encoded(app):
    with app.test_request_context("/", method="POST", json={"password": " pa\x00ss e\u0301\ud800 "}):
        assert Everything().password.data == " pa\x00ss e\u0301 "


def test_key_is_kept_as_sent_and_refused_if_not_printable(app):
    with app.test_request_context("/", method="POST", json={"key": "e\u0301-1 "}):
        form = Everything()
        form.validate()
        assert form.key.data == "e\u0301-1 " and not form.key.errors
    with app.test_request_context("/", method="POST", json={"key": "a\x00b"}):
        form = Everything()
        form.validate()
        assert form.key.data == "a\x00b" and form.key.errors == ["bad key"]


def test_json_values_are_read_as_a_browser_would_send_them(app):
    with app.test_request_context("/", method="POST", json={
            "text": 5, "flag": False, "number": 7, "many": ["x", "y\x00"], "area": None, "hidden": True}):
        form = Everything()
        assert (form.text.data, form.flag.data, form.number.data, form.many.data) == ("5", False, 7, ["x", "y"])
        assert form.hidden.data == "y" and form.area.data is None


@pytest.mark.parametrize(("typed", "number"), [
    ("12", 12), (" 12 ", 12), ("+3", 3), ("-3", -3), ("\u22123", -3), ("０１２", 12), ("١٢", 12), ("۱۲", 12),
    ("१२", 12), ("\u200f12\u200e", 12), ("1\u200b2", 12), ("\u2066" "7" "\u2069", 7), ("999999999", 999999999),
])
def test_number_field_reads_whole_numbers_in_any_script(app, typed, number):
    with app.test_request_context("/", method="POST", data={"n": typed}):
        form = _numbers()
        assert form.validate(), form.errors
        assert form.n.data == number


@pytest.mark.parametrize("typed", [
    "abc", "1.5", "1,000", "1_000", "1e3", "²", "①", "½", "9" * 10, "9" * 5000, "--1", "+", "-", "1 2", "١ ٢",
    "👍", "3\u0301", "%FF", "0x10",
])
def test_number_field_refuses_what_is_not_a_whole_number_with_its_message(app, typed):
    with app.test_request_context("/", method="POST", data={"n": typed}):
        form = _numbers()
        assert not form.validate()
        assert form.n.errors == ["Please enter a number."]
        assert form.n._value() == typed  # shown again as typed


def _numbers():
    class Numbers(BaseForm):
        class Meta:
            csrf = False

        n = NumberField()

    return Numbers()


def test_check_in_search_read_from_the_query_string_is_cleaned(app, client, signed_in):
    """The one text a staff page reads from the query string without a form (PostgreSQL
    refuses a NUL in a query: that was a 500)."""
    from factories import make_session

    ids = make_session(app)
    signed_in("organizer")
    response = client.get(f"/admin/sessions/{ids['session']}/checkin?q=Ro%00sa%0B%ED%A0%80")
    assert response.status_code == 200
    assert 'id="q" name="q" value="Rosa%ED%A0%80"' in response.get_data(as_text=True)
