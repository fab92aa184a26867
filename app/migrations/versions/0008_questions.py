"""Authored questions: a prompt, choices with why each is right or wrong, the post's section and the concepts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 20:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('question',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('source_anchor', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('source_url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_slug'), ['slug'], unique=True)

    op.create_table('questionconcept',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('concept_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['concept_id'], ['concept.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'concept_id')
    )
    op.create_table('questiontext',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('prompt', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('explanation_markdown', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('explanation_html', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('source_title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'lang')
    )
    op.create_table('questionchoice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['question.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('question_id', 'key')
    )
    with op.batch_alter_table('questionchoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questionchoice_question_id'), ['question_id'], unique=False)

    op.create_table('questionchoicetext',
    sa.Column('choice_id', sa.Integer(), nullable=False),
    sa.Column('lang', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('why_markdown', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('why_html', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['choice_id'], ['questionchoice.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('choice_id', 'lang')
    )


def downgrade() -> None:
    op.drop_table('questionchoicetext')
    with op.batch_alter_table('questionchoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questionchoice_question_id'))
    op.drop_table('questionchoice')
    op.drop_table('questiontext')
    op.drop_table('questionconcept')
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_slug'))
    op.drop_table('question')
