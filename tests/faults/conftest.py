"""Fault fixtures: the admin app and a logged-in admin (from tests/admin), and ways to break the database."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from app.models import ContentState, Revision
from tests.admin.conftest import _quick_password_hashing, admin, admin_settings, anon, app  # noqa: F401


def needs_postgresql(postgres) -> None:
    """Skip unless the tests run on PostgreSQL."""
    if postgres is None:
        pytest.skip("needs PostgreSQL: run with --database=postgresql")


def needs_sqlite(postgres) -> None:
    if postgres is not None:
        pytest.skip("a SQLite fault; the PostgreSQL pass covers its own case")


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database)


@contextmanager
def writer_holding_the_lock(url: str, seconds: float, postgres=None) -> Iterator[threading.Event]:
    """Another writer: a second connection takes the write lock, keeps it `seconds`, then lets it go.

    SQLite: BEGIN IMMEDIATE on its own sqlite3 connection. PostgreSQL: an EXCLUSIVE lock on the table every save
    updates first (contentstate). Yields an event that is set once the lock is let go."""
    taken, released = threading.Event(), threading.Event()

    def hold() -> None:
        if postgres is None:
            import sqlite3

            connection = sqlite3.connect(sqlite_path(url), isolation_level=None)
            connection.execute("BEGIN IMMEDIATE")
        else:
            import psycopg

            connection = psycopg.connect(host="127.0.0.1", port=postgres.port, user="postgres",
                                         dbname=make_url(url).database)
            connection.execute("LOCK TABLE contentstate IN EXCLUSIVE MODE")
        taken.set()
        time.sleep(seconds)
        connection.rollback()
        connection.close()
        released.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert taken.wait(10), "the other writer could not take the lock"
    try:
        yield released
    finally:
        thread.join(seconds + 10)


def stored_state(engine) -> tuple[int, int]:
    """(the content revision, the number of revisions): both move with every save, or neither."""
    with Session(engine) as db:
        state = db.get(ContentState, 1)
        return (state.revision if state else 0), db.exec(select(func.count()).select_from(Revision)).one()
