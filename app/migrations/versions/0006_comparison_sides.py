"""Comparisons of more than two sides: a comparison's third side and after, and each row's text for them.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-05 20:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0006'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('comparisonextraside',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comparison_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['comparison_id'], ['comparison.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['concept_id'], ['concept.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('comparisonextraside', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comparisonextraside_comparison_id'), ['comparison_id'], unique=False)

    op.create_table('comparisonextrasidetext',
    sa.Column('side_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('label', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['side_id'], ['comparisonextraside.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('side_id', 'lang')
    )
    op.create_table('comparisoncell',
    sa.Column('row_id', sa.Integer(), nullable=False),
    sa.Column('side', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('html', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['row_id'], ['comparisonrow.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('row_id', 'side', 'lang')
    )


def downgrade() -> None:
    op.drop_table('comparisoncell')
    op.drop_table('comparisonextrasidetext')
    with op.batch_alter_table('comparisonextraside', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comparisonextraside_comparison_id'))
    op.drop_table('comparisonextraside')
