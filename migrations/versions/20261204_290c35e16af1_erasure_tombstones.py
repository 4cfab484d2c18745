"""erasure tombstones: registrations erased, re-applied by flask restore

Revision ID: 290c35e16af1
Revises: 2a322705561d
Create Date: 2026-12-04 12:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '290c35e16af1'
down_revision = '2a322705561d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('erasure_tombstones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_tombstones')),
    sa.UniqueConstraint('registration_id', 'fingerprint', name=op.f('uq_erasure_tombstones_registration_id_fingerprint'))
    )


def downgrade():
    op.drop_table('erasure_tombstones')
