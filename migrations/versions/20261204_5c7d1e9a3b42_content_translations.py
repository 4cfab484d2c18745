"""content translations: what organizers and analysts write, per language, in one table

Revision ID: 5c7d1e9a3b42
Revises: 290c35e16af1
Create Date: 2026-12-04 14:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5c7d1e9a3b42'
down_revision = '290c35e16af1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('content_translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('source_hash', sa.String(length=64), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('translated_by_id', sa.Integer(), nullable=True),
    sa.Column('translated_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['translated_by_id'], ['users.id'], name=op.f('fk_content_translations_translated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_content_translations')),
    sa.UniqueConstraint('kind', 'object_id', 'language', name=op.f('uq_content_translations_kind_object_id_language'))
    )
    op.create_index('ix_content_translations_language_kind', 'content_translations', ['language', 'kind'], unique=False)


def downgrade():
    op.drop_index('ix_content_translations_language_kind', table_name='content_translations')
    op.drop_table('content_translations')
