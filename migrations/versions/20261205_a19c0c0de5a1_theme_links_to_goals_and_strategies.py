"""theme links to any level of a plan: a goal or a strategy as well as a clause or an action

Revision ID: a19c0c0de5a1
Revises: a18b0c0de5a1
Create Date: 2026-12-05 02:40:00

``theme_links`` gains ``goal_id`` and ``strategy_id``, and its one-target CHECK counts four
targets instead of two. Every existing link keeps its clause or action.

On SQLite the columns are added with ALTER TABLE ... ADD COLUMN, and the foreign keys and the new
CHECK written into the stored CREATE TABLE (as a19b0c0de5a1 does for ``action_items``), never
by rebuilding the table. Every existing row satisfies the new CHECK (the new columns are NULL).
"""
import sqlalchemy as sa
from alembic import op

revision = 'a19c0c0de5a1'
down_revision = 'a18b0c0de5a1'
branch_labels = None
depends_on = None

TABLE = 'theme_links'
CHECK = 'ck_theme_links_one_target'
OLD_RULE = ('(clause_id IS NOT NULL AND action_item_id IS NULL) OR '
            '(clause_id IS NULL AND action_item_id IS NOT NULL)')
NEW_RULE = ('(CASE WHEN clause_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN action_item_id IS NULL THEN 0 ELSE 1 END)'
            ' + (CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN strategy_id IS NULL THEN 0 ELSE 1 END) = 1')
# (column, the table it refers to, the constraint's name)
LINK_FKS = (
    ('goal_id', 'plan_goals', 'fk_theme_links_goal_id_plan_goals'),
    ('strategy_id', 'plan_strategies', 'fk_theme_links_strategy_id_plan_strategies'),
)


def _stored_create(bind):
    return bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'theme_links'").scalar()


def _store_create(bind, create):
    version = bind.exec_driver_sql('PRAGMA schema_version').scalar()
    bind.exec_driver_sql('PRAGMA writable_schema = ON')
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'theme_links'", (create,))
    bind.exec_driver_sql(f'PRAGMA schema_version = {int(version) + 1}')
    bind.exec_driver_sql('PRAGMA writable_schema = OFF')
    problems = bind.exec_driver_sql('PRAGMA quick_check').scalars().all()
    if problems != ['ok']:
        raise RuntimeError(f'{TABLE}: quick_check after the change: {problems}')


def _swap_check(create, old, new):
    before = f'CONSTRAINT {CHECK} CHECK ({old})'
    if create.count(before) != 1:
        raise RuntimeError(f'{TABLE}: expected the CHECK {CHECK} once')
    return create.replace(before, f'CONSTRAINT {CHECK} CHECK ({new})')


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for column, _target, _name in LINK_FKS:
            op.execute(f'ALTER TABLE {TABLE} ADD COLUMN {column} INTEGER')
        create = _swap_check(_stored_create(bind), OLD_RULE, NEW_RULE)
        end = create.rstrip().rindex(')')
        clauses = ''.join(f', \n\tCONSTRAINT {name} FOREIGN KEY({column}) REFERENCES {target} (id) ON DELETE CASCADE'
                          for column, target, name in LINK_FKS)
        _store_create(bind, create[:end].rstrip() + clauses + '\n)')
        return
    for column, _target, _name in LINK_FKS:
        op.add_column(TABLE, sa.Column(column, sa.Integer(), nullable=True))
    for column, target, name in LINK_FKS:
        op.create_foreign_key(op.f(name), TABLE, target, [column], ['id'], ondelete='CASCADE')
    op.drop_constraint(op.f(CHECK), TABLE, type_='check')
    op.create_check_constraint(op.f(CHECK), TABLE, sa.text(NEW_RULE))


def downgrade():
    bind = op.get_bind()
    # A link to a goal or a strategy has no place in the older schema.
    bind.execute(sa.text('DELETE FROM theme_links WHERE goal_id IS NOT NULL OR strategy_id IS NOT NULL'))
    if bind.dialect.name != 'sqlite':
        op.drop_constraint(op.f(CHECK), TABLE, type_='check')
        op.create_check_constraint(op.f(CHECK), TABLE, sa.text(OLD_RULE))
        for _column, _target, name in LINK_FKS:
            op.drop_constraint(op.f(name), TABLE, type_='foreignkey')
        for column, _target, _name in LINK_FKS:
            op.drop_column(TABLE, column)
        return
    create = _swap_check(_stored_create(bind), NEW_RULE, OLD_RULE)
    for column, target, name in LINK_FKS:
        clause = f', \n\tCONSTRAINT {name} FOREIGN KEY({column}) REFERENCES {target} (id) ON DELETE CASCADE'
        if create.count(clause) != 1:
            raise RuntimeError(f'{TABLE}: expected the foreign key {name} once')
        create = create.replace(clause, '')
    _store_create(bind, create)
    for column, _target, _name in LINK_FKS:
        bind.exec_driver_sql(f'ALTER TABLE {TABLE} DROP COLUMN {column}')
