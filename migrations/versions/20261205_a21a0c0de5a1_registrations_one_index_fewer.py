"""registrations: no index of its own on session_id

Revision ID: a21a0c0de5a1
Revises: a19c0c0de5a1
Create Date: 2026-12-05 11:10:00

``ix_registrations_session_id`` repeated the leading column of the unique index on
(session_id, email_key), which serves every look-up by session (and the cascade from a deleted
session) on SQLite and PostgreSQL alike. Every registration wrote both (issue 22).
"""
from alembic import op

revision = 'a21a0c0de5a1'
down_revision = 'a19c0c0de5a1'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_registrations_session_id', table_name='registrations')


def downgrade():
    op.create_index('ix_registrations_session_id', 'registrations', ['session_id'], unique=False)
