"""Learning paths: ordered stops on the pages of other items, each saying why it comes now.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 20:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('learningpath',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('learningpath', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_learningpath_slug'), ['slug'], unique=True)

    op.create_table('learningpathtext',
    sa.Column('path_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('intro_markdown', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('intro_html', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['path_id'], ['learningpath.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('path_id', 'lang')
    )
    op.create_table('pathstop',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('path_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.ForeignKeyConstraint(['path_id'], ['learningpath.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('pathstop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pathstop_path_id'), ['path_id'], unique=False)

    op.create_table('pathstoptext',
    sa.Column('stop_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('why', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['stop_id'], ['pathstop.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stop_id', 'lang')
    )


def downgrade() -> None:
    op.drop_table('pathstoptext')
    with op.batch_alter_table('pathstop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pathstop_path_id'))
    op.drop_table('pathstop')
    op.drop_table('learningpathtext')
    with op.batch_alter_table('learningpath', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_learningpath_slug'))
    op.drop_table('learningpath')
