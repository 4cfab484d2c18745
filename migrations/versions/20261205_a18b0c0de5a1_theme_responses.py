"""the city's response to each reviewed theme

Revision ID: a18b0c0de5a1
Revises: a20b0c0de5a1
Create Date: 2026-12-05 02:20:00

One row per answered theme: adopted, partly adopted, not adopted or under consideration, the
reason, who answers for it and, while under consideration, when a decision is due.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a18b0c0de5a1'
down_revision = 'a20b0c0de5a1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('theme_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('answered_by', sa.String(length=200), nullable=False),
    sa.Column('decision_due', sa.Date(), nullable=True),
    sa.Column('first_answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("state IN ('adopted','partly_adopted','not_adopted','under_consideration')",
                       name=op.f('ck_theme_responses_state')),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_theme_responses_theme_id_themes'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_theme_responses_updated_by_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_responses')),
    sa.UniqueConstraint('theme_id', name=op.f('uq_theme_responses_theme_id'))
    )


def downgrade():
    op.drop_table('theme_responses')
