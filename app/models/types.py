"""Column types shared by the models."""
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.types import TypeDecorator

# ``info`` of a column that holds a resident's personal data. Erasure on request and the
# retention purge clear exactly the columns marked so (``erased_values``): one declaration.
PERSONAL = {"personal": True}


def erased_values(model):
    """``{column: value}`` that clears every column of ``model`` marked :data:`PERSONAL`: NULL
    where allowed, else an empty string, else the column's default (``[]``, ``0``, ``False``)."""
    values = {}
    for column in model.__table__.columns:
        if not column.info.get("personal"):
            continue
        if column.nullable:
            values[column.key] = None
        elif isinstance(column.type, String):
            values[column.key] = ""
        elif column.default is not None and column.default.is_callable:
            values[column.key] = column.default.arg(None)
        elif column.default is not None:
            values[column.key] = column.default.arg
        else:
            raise TypeError(f"{model.__name__}.{column.key}: no empty value to erase it with")
    return values


def one_of(column, values, *, name=None, nullable=False):
    """The check constraint that keeps ``column`` to one of ``values`` (the model module's one
    list of them): ``status IN ('draft','published')``, named after the column unless
    ``name`` says otherwise. ``nullable`` also lets NULL through."""
    if not values or any("'" in value for value in values):
        raise ValueError(f"{column}: stored values must be plain words: {values!r}")
    allowed = "{} IN ({})".format(column, ",".join(f"'{value}'" for value in values))
    sql = f"{column} IS NULL OR {allowed}" if nullable else allowed
    return CheckConstraint(sql, name=name or column)


def utcnow():
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned time-zone aware.

    SQLite keeps no offset, PostgreSQL keeps ``timestamptz``; both come back aware.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
