"""plans people can monitor: goals, strategies, owners, measures, status history, reviews

Revision ID: a19b0c0de5a1
Revises: a15b0c0de5a1
Create Date: 2026-12-05 01:12:11

Plan -> goal -> strategy -> action item, each level optional. Existing action items keep their
goal text; each plan's distinct goal texts become its goals (numbered when every item under a
goal shares the first part of its number: items 1.1 and 1.2 make goal 1).

On SQLite the new columns of ``action_items`` are added with ALTER TABLE ... ADD COLUMN and their
foreign keys written into the stored CREATE TABLE (while every value is still NULL), never by
rebuilding the table: a rebuild drops ``action_items``, and with foreign keys on that drop
deletes every theme link to an action (ON DELETE CASCADE). SQLite documents this edit:
https://www.sqlite.org/lang_altertable.html#otheralter
"""
import re

import sqlalchemy as sa
from alembic import op

revision = 'a19b0c0de5a1'
down_revision = 'a15b0c0de5a1'
branch_labels = None
depends_on = None

# (column, the table it refers to, the constraint's name)
ITEM_FKS = (
    ('goal_id', 'plan_goals', 'fk_action_items_goal_id_plan_goals'),
    ('strategy_id', 'plan_strategies', 'fk_action_items_strategy_id_plan_strategies'),
)
ITEM_TEXTS = (('owner', 200), ('partners', 300), ('quarter', 7))


def _add_item_columns():
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for column, _target, _name in ITEM_FKS:
            op.execute(f'ALTER TABLE action_items ADD COLUMN {column} INTEGER')
        for column, length in ITEM_TEXTS:
            op.execute(f"ALTER TABLE action_items ADD COLUMN {column} VARCHAR({length}) DEFAULT '' NOT NULL")
        op.execute('ALTER TABLE action_items ADD COLUMN starts_on DATE')
        create = _stored_create(bind)
        end = create.rstrip().rindex(')')
        clauses = ''.join(f', \n\tCONSTRAINT {name} FOREIGN KEY({column}) REFERENCES {target} (id) ON DELETE SET NULL'
                          for column, target, name in ITEM_FKS)
        _store_create(bind, create[:end].rstrip() + clauses + '\n)')
        return
    for column, _target, _name in ITEM_FKS:
        op.add_column('action_items', sa.Column(column, sa.Integer(), nullable=True))
    for column, length in ITEM_TEXTS:
        op.add_column('action_items', sa.Column(column, sa.String(length=length), server_default='', nullable=False))
    op.add_column('action_items', sa.Column('starts_on', sa.Date(), nullable=True))
    for column, target, name in ITEM_FKS:
        op.create_foreign_key(name, 'action_items', target, [column], ['id'], ondelete='SET NULL')


def _stored_create(bind):
    return bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'action_items'").scalar()


def _store_create(bind, create):
    version = bind.exec_driver_sql('PRAGMA schema_version').scalar()
    bind.exec_driver_sql('PRAGMA writable_schema = ON')
    bind.exec_driver_sql("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'action_items'", (create,))
    bind.exec_driver_sql(f'PRAGMA schema_version = {int(version) + 1}')
    bind.exec_driver_sql('PRAGMA writable_schema = OFF')
    problems = bind.exec_driver_sql('PRAGMA quick_check').scalars().all()
    if problems != ['ok']:
        raise RuntimeError(f'action_items: quick_check after the change: {problems}')


def _goals_from_text():
    """One goal per distinct goal text of each plan, in the order the items first name them."""
    bind = op.get_bind()
    items = bind.execute(sa.text(
        "SELECT id, plan_id, goal, number FROM action_items ORDER BY plan_id, position, id")).all()
    goals = {}
    for item_id, plan_id, goal, number in items:
        if (goal or '').strip():
            goals.setdefault((plan_id, goal), []).append((item_id, number or ''))
    positions = {}
    for (plan_id, goal), members in goals.items():
        heads = {number.split('.')[0] for _id, number in members if '.' in number}
        whole = all('.' in number for _id, number in members)
        goal_number = heads.pop() if whole and len(heads) == 1 else ''
        positions[plan_id] = positions.get(plan_id, 0) + 1
        goal_id = bind.execute(sa.text(
            "INSERT INTO plan_goals (plan_id, position, number, title) VALUES (:plan, :position, :number, :title) "
            "RETURNING id"), {"plan": plan_id, "position": positions[plan_id], "number": goal_number[:40],
                              "title": goal}).scalar()
        bind.execute(sa.text("UPDATE action_items SET goal_id = :goal WHERE id = :item"),
                     [{"goal": goal_id, "item": item_id} for item_id, _n in members])


def _drop_item_columns():
    bind = op.get_bind()
    columns = [c for c, _t, _n in ITEM_FKS] + [c for c, _l in ITEM_TEXTS] + ['starts_on']
    if bind.dialect.name != 'sqlite':
        for _column, _target, name in ITEM_FKS:
            op.drop_constraint(name, 'action_items', type_='foreignkey')
        for column in columns:
            op.drop_column('action_items', column)
        return
    # SQLite drops a column only when no foreign key names it: take the foreign keys out of the
    # stored CREATE TABLE first (as 2a322705561d does for a CHECK), then drop.
    create = _stored_create(bind)
    for column, target, name in ITEM_FKS:
        pattern = re.compile(rf',\s*CONSTRAINT\s+"?{name}"?\s+FOREIGN KEY\s*\(\s*"?{column}"?\s*\)\s*REFERENCES\s+'
                             rf'"?{target}"?\s*\(id\)\s+ON DELETE SET NULL', re.IGNORECASE)
        create, found = pattern.subn('', create)
        if found != 1:
            raise RuntimeError(f'action_items: expected the foreign key {name} once')
    _store_create(bind, create)
    for column in columns:
        bind.exec_driver_sql(f'ALTER TABLE action_items DROP COLUMN {column}')


def upgrade():
    op.create_table('plan_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_plan_goals_plan_id_action_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_goals'))
    )
    with op.batch_alter_table('plan_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_goals_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('participants', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_plan_reviews_plan_id_action_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_plan_reviews_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_reviews'))
    )
    with op.batch_alter_table('plan_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_reviews_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_strategies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goals.id'], name=op.f('fk_plan_strategies_goal_id_plan_goals'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_plan_strategies_plan_id_action_plans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_strategies'))
    )
    with op.batch_alter_table('plan_strategies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_strategies_plan_id'), ['plan_id'], unique=False)

    op.create_table('action_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_item_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_action_status_changes_action_item_id_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['changed_by_id'], ['users.id'], name=op.f('fk_action_status_changes_changed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_status_changes'))
    )
    with op.batch_alter_table('action_status_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_status_changes_action_item_id'), ['action_item_id'], unique=False)

    op.create_table('plan_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=True),
    sa.Column('strategy_id', sa.Integer(), nullable=True),
    sa.Column('action_item_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('baseline_on', sa.Date(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.CheckConstraint("direction IN ('up','down')", name=op.f('ck_plan_measures_direction')),
    sa.CheckConstraint('(CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN strategy_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN action_item_id IS NULL THEN 0 ELSE 1 END) = 1', name=op.f('ck_plan_measures_one_target')),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_plan_measures_action_item_id_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['goal_id'], ['plan_goals.id'], name=op.f('fk_plan_measures_goal_id_plan_goals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plans.id'], name=op.f('fk_plan_measures_plan_id_action_plans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['strategy_id'], ['plan_strategies.id'], name=op.f('fk_plan_measures_strategy_id_plan_strategies'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_measures'))
    )
    with op.batch_alter_table('plan_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_measures_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_review_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('action_item_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('adjustment', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint("adjustment IN ('none','deadline','owner','split','dropped')", name=op.f('ck_plan_review_items_adjustment')),
    sa.ForeignKeyConstraint(['action_item_id'], ['action_items.id'], name=op.f('fk_plan_review_items_action_item_id_action_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['plan_reviews.id'], name=op.f('fk_plan_review_items_review_id_plan_reviews'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_review_items'))
    )
    with op.batch_alter_table('plan_review_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_review_items_action_item_id'), ['action_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_review_items_review_id'), ['review_id'], unique=False)

    op.create_table('measure_readings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=True),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['measure_id'], ['plan_measures.id'], name=op.f('fk_measure_readings_measure_id_plan_measures'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['plan_reviews.id'], name=op.f('fk_measure_readings_review_id_plan_reviews'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measure_readings'))
    )
    with op.batch_alter_table('measure_readings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_measure_readings_measure_id'), ['measure_id'], unique=False)

    _add_item_columns()
    _goals_from_text()


def downgrade():
    _drop_item_columns()

    with op.batch_alter_table('measure_readings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_measure_readings_measure_id'))

    op.drop_table('measure_readings')
    with op.batch_alter_table('plan_review_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_review_items_review_id'))
        batch_op.drop_index(batch_op.f('ix_plan_review_items_action_item_id'))

    op.drop_table('plan_review_items')
    with op.batch_alter_table('plan_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_measures_plan_id'))

    op.drop_table('plan_measures')
    with op.batch_alter_table('action_status_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_status_changes_action_item_id'))

    op.drop_table('action_status_changes')
    with op.batch_alter_table('plan_strategies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_strategies_plan_id'))

    op.drop_table('plan_strategies')
    with op.batch_alter_table('plan_reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_reviews_plan_id'))

    op.drop_table('plan_reviews')
    with op.batch_alter_table('plan_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_goals_plan_id'))

    op.drop_table('plan_goals')
