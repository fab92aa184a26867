"""Alembic's entry point: runs migrations on the engine the app hands over, each migration in one transaction."""

from alembic import context
from sqlalchemy import event
from sqlmodel import SQLModel

from app import models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _begin(connection) -> None:
    connection.exec_driver_sql("BEGIN")


def run_migrations_online() -> None:
    """Run the migrations on the app's engine, each one with its version stamp in its own transaction.

    A migration that fails half-way then leaves the schema as the one before it left it, on SQLite as on
    PostgreSQL. SQLite's DDL is transactional, but Python's sqlite3 opens a transaction only before INSERT,
    UPDATE and DELETE, so CREATE TABLE and ALTER TABLE ran in autocommit and stayed after a failure. As
    SQLAlchemy's pysqlite notes advise ("Serializable isolation / Savepoints / Transactional DDL"), the driver's
    own handling is turned off on this connection and SQLAlchemy's begin emits BEGIN itself."""
    engine = config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            driver = connection.connection.driver_connection
            driver_default = driver.isolation_level
            connection.rollback()  # nothing may be open when the driver's transaction handling changes
            driver.isolation_level = None
            event.listen(connection, "begin", _begin)
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
                transaction_per_migration=True,
            )
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if sqlite:
                # The connection goes back to the pool for the app, which keeps the driver's default.
                connection.rollback()
                event.remove(connection, "begin", _begin)
                driver.isolation_level = driver_default


run_migrations_online()
