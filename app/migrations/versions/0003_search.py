"""Search: the indexed text of every item, with FTS5 (trigram) on SQLite and a GIN full-text index on PostgreSQL.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('searchdocument',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_searchdocument_lang_kind', 'searchdocument', ['lang', 'kind'], unique=False)
    dialect = op.get_bind().dialect.name
    if dialect == 'sqlite':
        # Trigram: substrings of three or more characters match, which suits Korean (no spaces inside
        # compounds, particles glued to words) as well as English. https://sqlite.org/fts5.html#the_trigram_tokenizer
        op.execute("CREATE VIRTUAL TABLE searchindex USING fts5(title, body, content='searchdocument', "
                   "content_rowid='id', tokenize='trigram')")
    elif dialect == 'postgresql':
        op.execute("CREATE INDEX ix_searchdocument_fts ON searchdocument "
                   "USING gin (to_tsvector('simple'::regconfig, title || ' ' || body))")
    # The rows are written by app.search_index.ensure_index when the app starts.


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("DROP TABLE IF EXISTS searchindex")
    op.drop_index('ix_searchdocument_lang_kind', table_name='searchdocument')
    op.drop_table('searchdocument')
