"""rate limits counted in the database

Revision ID: da8ca0fa9149
Revises: 5c7d1e9a3b42
Create Date: 2026-12-04 10:00:00

Counts for the residents' forms and staff sign-in, shared by every gunicorn worker (and
every server on the same database) when no Redis is configured.
"""
import sqlalchemy as sa
from alembic import op

revision = 'da8ca0fa9149'
down_revision = '5c7d1e9a3b42'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('rate_limits',
    sa.Column('bucket', sa.String(length=80), nullable=False),
    sa.Column('hits', sa.Integer(), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('bucket', name=op.f('pk_rate_limits'))
    )
    with op.batch_alter_table('rate_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rate_limits_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('rate_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rate_limits_expires_at'))

    op.drop_table('rate_limits')
