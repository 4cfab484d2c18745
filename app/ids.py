"""Row ids that arrive in addresses, query strings and forms.

Id columns are ``Integer``: 32-bit signed on PostgreSQL (``integer``), 64-bit on SQLite. A
number past 2**31 - 1 can name no row on either, so it is a 404 in a path and is ignored in
a query string or refused in a form: it never reaches the database, where it is a 500
(PostgreSQL: "integer out of range"; SQLite past 64 bits: OverflowError).
"""
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField

MAX_ID = 2**31 - 1  # the largest PostgreSQL ``integer``


class IdConverter(IntegerConverter):
    """Werkzeug's ``int`` converter, bounded to what an id column holds: ``/reports/<int:report_id>``
    with 99999999999999999999 does not match (a 404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        bounded = MAX_ID if max is None or max > MAX_ID else max
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=bounded, signed=signed)


def parse_id(value, maximum=MAX_ID):
    """``value`` (a string from a query string or a form) as a positive int the database can
    hold, else None: ``"12"`` -> 12; ``""``, ``"abc"``, ``"-1"``, ``"0"``, ``"²"``, ``"99999999999999999999"``
    -> None. Only ASCII digits count (``str.isdigit`` also says yes to ``"²"``, which ``int``
    refuses)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 < value <= maximum else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > len(str(maximum)) or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if 0 < number <= maximum else None


def arg_id(name, maximum=MAX_ID):
    """A query-string id (``?engagement=3``) or None when it is missing or names no possible row."""
    from flask import request

    return parse_id(request.args.get(name), maximum)


def coerce_id(value):
    """A WTForms ``coerce`` for id choices, in place of ``int``: ValueError (the field's "not a
    valid choice") for what no row can have; an empty value is None (no choice made) and 0 stays
    0 (the "Choose..." placeholder some lists start with)."""
    if value is None or value == "":
        return None
    if value == 0 or value == "0":
        return 0
    number = parse_id(value)
    if number is None:
        raise ValueError("not an id")
    return number


class IdField(IntegerField):
    """An id in a form or a JSON body (the notes API): a whole number a row can have, else the
    field's "Not a valid integer value." (never a number the database cannot hold, never the
    OverflowError of a JSON ``Infinity``)."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        value = valuelist[0]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        self.data = None if isinstance(value, bool) else parse_id(value)
        if self.data is None:
            raise ValueError(self.invalid_value_message or self.gettext("Not a valid integer value."))


def init_app(app):
    """Make ``<int:...>`` in every rule the bounded converter: call before blueprints register."""
    app.url_map.converters["int"] = IdConverter
