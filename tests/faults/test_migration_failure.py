"""A migration that fails half-way leaves the schema as it was before it: each migration is one transaction."""

import shutil
import textwrap

import pytest
from sqlalchemy import inspect, text

from app import db

FAILING = '''
"""A migration that makes a table and a column, writes a row, then fails."""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer(), primary_key=True))
    op.add_column("concept", sa.Column("half_column", sa.Integer(), nullable=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    raise RuntimeError("this migration fails half-way")


def downgrade() -> None:
    pass
'''

WORKING = '''
"""A migration that works: one table."""
import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("kept_table", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("kept_table")
'''


@pytest.fixture
def migrations(tmp_path, monkeypatch):
    """A copy of the app's migrations that the app's migrate() runs; returns a function adding a revision."""
    copy = tmp_path / "migrations"
    shutil.copytree(db.MIGRATIONS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(db, "MIGRATIONS", copy)

    def add(name: str, source: str, down: str) -> None:
        (copy / "versions" / f"{name}.py").write_text(textwrap.dedent(source.format(revision=name, down=down)))

    return add


def version(engine) -> set[str]:
    with engine.connect() as connection:
        return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}


def test_a_failing_migration_leaves_no_table_column_or_row_and_the_version_unchanged(engine, migrations):
    (head,) = db._head_revisions()
    migrations("zz_fails", FAILING, head)
    with pytest.raises(RuntimeError, match="fails half-way"):
        db.migrate(engine)
    schema = inspect(engine)
    assert not schema.has_table("half_done")
    assert "half_column" not in {column["name"] for column in schema.get_columns("concept")}
    assert version(engine) == {head}
    assert not db.schema_is_current(engine)  # the next start tries it again


def test_the_migrations_before_the_failing_one_are_kept_each_whole(engine, migrations):
    (head,) = db._head_revisions()
    migrations("zy_works", WORKING, head)
    migrations("zz_fails", FAILING, "zy_works")
    with pytest.raises(RuntimeError, match="fails half-way"):
        db.migrate(engine)
    schema = inspect(engine)
    assert schema.has_table("kept_table") and not schema.has_table("half_done")
    assert version(engine) == {"zy_works"}


def test_the_app_still_reads_and_writes_after_a_failed_migration(engine, migrations):
    (head,) = db._head_revisions()
    migrations("zz_fails", FAILING, head)
    with pytest.raises(RuntimeError):
        db.migrate(engine)
    with engine.begin() as connection:  # no transaction was left open, no lock kept
        connection.execute(text("UPDATE contentstate SET revision = 1"))
    with engine.connect() as connection:  # the pooled connection is transactional again: a rollback undoes
        connection.execute(text("UPDATE contentstate SET revision = 2"))
        connection.rollback()
        assert connection.execute(text("SELECT revision FROM contentstate")).scalar_one() == 1
