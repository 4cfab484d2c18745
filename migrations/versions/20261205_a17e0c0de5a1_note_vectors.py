"""stored sentence-encoder vectors of notes

Revision ID: a17e0c0de5a1
Revises: da8ca0fa9149
Create Date: 2026-12-05 01:30:00

One row per distinct text the multilingual encoder reads (keyed by the analysis library's
vector_key), so a note is encoded once, when it arrives, and runs reuse the vector.
"""
import sqlalchemy as sa
from alembic import op

revision = 'a17e0c0de5a1'
down_revision = 'da8ca0fa9149'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('note_vectors',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('encoder', sa.String(length=100), nullable=False),
    sa.Column('dim', sa.Integer(), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_note_vectors'))
    )
    with op.batch_alter_table('note_vectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_vectors_encoder'), ['encoder'], unique=False)


def downgrade():
    with op.batch_alter_table('note_vectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_vectors_encoder'))

    op.drop_table('note_vectors')
