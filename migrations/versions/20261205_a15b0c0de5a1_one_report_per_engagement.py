"""one report per engagement, and the engagement's time zone

An engagement had one report per analysis run; it now has one report whose versions come from
whichever run was published. Existing data is folded: for each engagement, the oldest report
is kept (its address stays), every version of the others moves into it, and all versions are
numbered again in the order they were published. A moved version remembers where it was
(``legacy_report_id``, ``legacy_number``) so its old address still leads to it. The newest
report's title and introduction (and their translations) become the kept report's text.

``engagements.timezone`` is new and empty: empty means the HEARD_DEFAULT_TIMEZONE setting.

Columns are added with plain ALTER TABLE (no batch rebuild of ``engagements``: on SQLite, with
foreign keys on, dropping it would cascade to every session and note).

Revision ID: a15b0c0de5a1
Revises: a17e0c0de5a1
Create Date: 2026-12-05 01:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'a15b0c0de5a1'
down_revision = 'a17e0c0de5a1'
branch_labels = None
depends_on = None


def _fold(bind):
    """Fold every engagement's reports into its oldest one (see the module docstring)."""
    engagements = bind.execute(sa.text(
        'SELECT engagement_id FROM reports GROUP BY engagement_id HAVING count(*) > 1')).scalars().all()
    for engagement_id in engagements:
        reports = bind.execute(sa.text(
            'SELECT id, status, published_at FROM reports WHERE engagement_id = :e ORDER BY created_at, id'),
            {'e': engagement_id}).all()
        keeper, others = reports[0][0], [row[0] for row in reports[1:]]
        newest = reports[-1][0]
        versions = bind.execute(sa.text(
            'SELECT v.id, v.report_id, v.number FROM report_versions v JOIN reports r ON r.id = v.report_id '
            'WHERE r.engagement_id = :e ORDER BY v.published_at, v.report_id, v.number'),
            {'e': engagement_id}).all()
        # Out of the way of the (report_id, number) unique constraint first, then 1, 2, ...
        for version_id, _report_id, _number in versions:
            bind.execute(sa.text('UPDATE report_versions SET number = -id WHERE id = :v'), {'v': version_id})
        for number, (version_id, report_id, old_number) in enumerate(versions, start=1):
            moved = report_id != keeper
            bind.execute(sa.text(
                'UPDATE report_versions SET report_id = :k, number = :n, legacy_report_id = :lr, '
                'legacy_number = :ln WHERE id = :v'),
                {'k': keeper, 'n': number, 'v': version_id, 'lr': report_id if moved else None,
                 'ln': old_number if moved else None})
        published = [row for row in reports if row[1] == 'published']
        if published:
            dates = [row[2] for row in published if row[2] is not None]
            last = max(dates) if dates else None
            bind.execute(sa.text("UPDATE reports SET status = 'published', published_at = :p WHERE id = :k"),
                         {'p': last, 'k': keeper})
        if newest != keeper:
            bind.execute(sa.text(
                'UPDATE reports SET title = (SELECT title FROM reports WHERE id = :n), '
                'introduction = (SELECT introduction FROM reports WHERE id = :n), '
                'run_id = (SELECT run_id FROM reports WHERE id = :n) WHERE id = :k'), {'n': newest, 'k': keeper})
            bind.execute(sa.text(
                "DELETE FROM content_translations WHERE kind IN ('report.title', 'report.introduction') "
                'AND object_id = :k'), {'k': keeper})
            bind.execute(sa.text(
                "UPDATE content_translations SET object_id = :k WHERE kind IN ('report.title', "
                "'report.introduction') AND object_id = :n"), {'k': keeper, 'n': newest})
        for other in others:
            bind.execute(sa.text(
                "DELETE FROM content_translations WHERE kind IN ('report.title', 'report.introduction') "
                'AND object_id = :o'), {'o': other})
            bind.execute(sa.text('DELETE FROM reports WHERE id = :o'), {'o': other})


def upgrade():
    op.add_column('engagements', sa.Column('timezone', sa.String(length=64), nullable=True))
    op.add_column('report_versions', sa.Column('legacy_report_id', sa.Integer(), nullable=True))
    op.add_column('report_versions', sa.Column('legacy_number', sa.Integer(), nullable=True))
    op.create_index(op.f('ix_report_versions_legacy_report_id'), 'report_versions', ['legacy_report_id'],
                    unique=False)
    _fold(op.get_bind())
    op.drop_index(op.f('ix_reports_engagement_id'), table_name='reports')
    op.create_index(op.f('ix_reports_engagement_id'), 'reports', ['engagement_id'], unique=True)


def _drop_column(table, column):
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(sa.text(f'ALTER TABLE {table} DROP COLUMN {column}'))  # SQLite >= 3.35, no rebuild
    else:
        op.drop_column(table, column)


def downgrade():
    # The folded reports stay folded: one report per engagement fits the old schema too.
    op.drop_index(op.f('ix_reports_engagement_id'), table_name='reports')
    op.create_index(op.f('ix_reports_engagement_id'), 'reports', ['engagement_id'], unique=False)
    op.drop_index(op.f('ix_report_versions_legacy_report_id'), table_name='report_versions')
    _drop_column('report_versions', 'legacy_number')
    _drop_column('report_versions', 'legacy_report_id')
    _drop_column('engagements', 'timezone')
