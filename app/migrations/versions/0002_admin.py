"""Admin tables: users, server-side sessions, failed logins and content revisions.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 09:18:58.895276
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('adminuser',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('adminuser', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adminuser_username'), ['username'], unique=True)

    op.create_table('loginattempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('client', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('loginattempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_loginattempt_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_loginattempt_client'), ['client'], unique=False)
        batch_op.create_index(batch_op.f('ix_loginattempt_username'), ['username'], unique=False)

    op.create_table('adminsession',
    sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('csrf_token', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['adminuser.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('adminsession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_adminsession_user_id'), ['user_id'], unique=False)

    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed', sa.JSON(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['adminuser.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_created_at'), ['created_at'], unique=False)
        batch_op.create_index('ix_revision_item', ['kind', 'key'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_index('ix_revision_item')
        batch_op.drop_index(batch_op.f('ix_revision_created_at'))

    op.drop_table('revision')
    with op.batch_alter_table('adminsession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adminsession_user_id'))

    op.drop_table('adminsession')
    with op.batch_alter_table('loginattempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_loginattempt_username'))
        batch_op.drop_index(batch_op.f('ix_loginattempt_client'))
        batch_op.drop_index(batch_op.f('ix_loginattempt_at'))

    op.drop_table('loginattempt')
    with op.batch_alter_table('adminuser', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_adminuser_username'))

    op.drop_table('adminuser')
