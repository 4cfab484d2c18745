"""seats beyond capacity: an organizer may seat someone at the door of a full session

``listening_sessions.seats_taken`` keeps counting every confirmed and attended registration,
so it may now pass ``capacity``: the check ``seats_taken <= capacity`` becomes
``seats_taken >= 0``. Residents still stop at capacity (the conditional UPDATE).

Revision ID: 2a322705561d
Revises: 0f37f488ff4a
Create Date: 2026-12-04 10:00:00.000000

"""
import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '2a322705561d'
down_revision = '0f37f488ff4a'
branch_labels = None
depends_on = None

TABLE = 'listening_sessions'
WITHIN = ('ck_listening_sessions_seats_within_capacity', 'seats_taken >= 0 AND seats_taken <= capacity')
NOT_NEGATIVE = ('ck_listening_sessions_seats_not_negative', 'seats_taken >= 0')


def _swap_on_sqlite(bind, old, new):
    """Replace one CHECK in the stored CREATE TABLE statement.

    Rebuilding the table (Alembic's batch mode) would DROP listening_sessions, and with
    foreign keys on (every Heard connection turns them on) that drop deletes each session's
    registrations, tables and notes through ON DELETE CASCADE. SQLite documents this edit for
    removing or changing CHECK constraints, which leaves the stored rows as they are:
    https://www.sqlite.org/lang_altertable.html#otheralter
    """
    create = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).scalar()
    condition = r'\s*'.join(map(re.escape, old[1].split()))
    pattern = re.compile(rf'CONSTRAINT\s+"?{re.escape(old[0])}"?\s+CHECK\s*\(\s*{condition}\s*\)', re.IGNORECASE)
    changed, found = pattern.subn(f'CONSTRAINT {new[0]} CHECK ({new[1]})', create)
    if found != 1:
        raise RuntimeError(f'{TABLE}: expected the constraint {old[0]} once in {create!r}')
    version = bind.exec_driver_sql('PRAGMA schema_version').scalar()
    bind.exec_driver_sql('PRAGMA writable_schema = ON')
    bind.exec_driver_sql(
        "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (changed, TABLE))
    bind.exec_driver_sql(f'PRAGMA schema_version = {int(version) + 1}')
    bind.exec_driver_sql('PRAGMA writable_schema = OFF')
    problems = bind.exec_driver_sql('PRAGMA quick_check').scalars().all()
    if problems != ['ok']:
        raise RuntimeError(f'{TABLE}: quick_check after the change: {problems}')


def _swap(old, new):
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        _swap_on_sqlite(bind, old, new)
    else:
        op.drop_constraint(op.f(old[0]), TABLE, type_='check')
        op.create_check_constraint(op.f(new[0]), TABLE, sa.text(new[1]))


def upgrade():
    _swap(WITHIN, NOT_NEGATIVE)


def downgrade():
    # People seated beyond capacity keep their seats: the capacity grows to hold them.
    op.execute(sa.text('UPDATE listening_sessions SET capacity = seats_taken WHERE seats_taken > capacity'))
    _swap(NOT_NEGATIVE, WITHIN)
