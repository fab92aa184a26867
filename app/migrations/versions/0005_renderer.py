"""The content state records which Markdown renderer made the stored HTML, so a changed renderer re-renders it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 20:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # "" names no renderer: HTML stored before this migration is rendered again at the next start.
    with op.batch_alter_table('contentstate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('renderer', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('contentstate', schema=None) as batch_op:
        batch_op.drop_column('renderer')
