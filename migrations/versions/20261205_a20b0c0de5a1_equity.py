"""equity: optional registration questions, their answers, counts and baselines

Revision ID: a20b0c0de5a1
Revises: a19b0c0de5a1
Create Date: 2026-12-05 01:13:15

Answers live apart from contact details; erasure folds them into equity_counts.
A registration may carry the table it was seated at.

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a20b0c0de5a1'
down_revision = 'a19b0c0de5a1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('equity_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('district','age','ethnicity','first_meeting','language')", name=op.f('ck_equity_questions_kind')),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], name=op.f('fk_equity_questions_engagement_id_engagements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_questions')),
    sa.UniqueConstraint('engagement_id', 'kind', name=op.f('uq_equity_questions_engagement_id_kind'))
    )
    with op.batch_alter_table('equity_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equity_questions_engagement_id'), ['engagement_id'], unique=False)

    op.create_table('equity_baselines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('share', sa.Float(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.CheckConstraint('share >= 0 AND share <= 1', name=op.f('ck_equity_baselines_share_range')),
    sa.ForeignKeyConstraint(['question_id'], ['equity_questions.id'], name=op.f('fk_equity_baselines_question_id_equity_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_baselines')),
    sa.UniqueConstraint('question_id', 'value', name=op.f('uq_equity_baselines_question_id_value'))
    )
    with op.batch_alter_table('equity_baselines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equity_baselines_question_id'), ['question_id'], unique=False)

    op.create_table('equity_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['equity_questions.id'], name=op.f('fk_equity_options_question_id_equity_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_options')),
    sa.UniqueConstraint('question_id', 'code', name=op.f('uq_equity_options_question_id_code'))
    )
    with op.batch_alter_table('equity_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equity_options_question_id'), ['question_id'], unique=False)

    op.create_table('equity_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('engagement_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('table_id', sa.Integer(), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.CheckConstraint('people >= 0', name=op.f('ck_equity_counts_people_not_negative')),
    sa.ForeignKeyConstraint(['engagement_id'], ['engagements.id'], name=op.f('fk_equity_counts_engagement_id_engagements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['equity_questions.id'], name=op.f('fk_equity_counts_question_id_equity_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['table_id'], ['session_tables.id'], name=op.f('fk_equity_counts_table_id_session_tables'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_counts'))
    )
    with op.batch_alter_table('equity_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equity_counts_engagement_id'), ['engagement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_equity_counts_question_id'), ['question_id'], unique=False)

    op.create_table('equity_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=40), nullable=False),
    sa.Column('described', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['equity_questions.id'], name=op.f('fk_equity_answers_question_id_equity_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registrations.id'], name=op.f('fk_equity_answers_registration_id_registrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_equity_answers')),
    sa.UniqueConstraint('registration_id', 'question_id', 'value', name=op.f('uq_equity_answers_registration_id_question_id_value'))
    )
    with op.batch_alter_table('equity_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_equity_answers_question_id'), ['question_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_equity_answers_registration_id'), ['registration_id'], unique=False)

    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('table_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_registrations_table_id_session_tables'), 'session_tables', ['table_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('registrations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_registrations_table_id_session_tables'), type_='foreignkey')
        batch_op.drop_column('table_id')

    with op.batch_alter_table('equity_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equity_answers_registration_id'))
        batch_op.drop_index(batch_op.f('ix_equity_answers_question_id'))

    op.drop_table('equity_answers')
    with op.batch_alter_table('equity_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equity_counts_question_id'))
        batch_op.drop_index(batch_op.f('ix_equity_counts_engagement_id'))

    op.drop_table('equity_counts')
    with op.batch_alter_table('equity_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equity_options_question_id'))

    op.drop_table('equity_options')
    with op.batch_alter_table('equity_baselines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equity_baselines_question_id'))

    op.drop_table('equity_baselines')
    with op.batch_alter_table('equity_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_equity_questions_engagement_id'))

    op.drop_table('equity_questions')
