"""The content revision, read cheaply on every request: the number every import and admin save moves on."""

import contextlib
import logging
import sqlite3
import threading
import weakref

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
REVISION_SQL = "SELECT revision FROM contentstate WHERE id = 1"


def _close_quietly(connection) -> None:
    with contextlib.suppress(Exception):
        connection.close()


class ContentRevision:
    """Reads `ContentState.revision` cheaply: one plain DB-API connection per process, kept open."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._connection = None
        self._lock = threading.Lock()

    def _connect(self):
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                return None  # a private in-memory database: no second connection can see it
            connection = sqlite3.connect(url.database, isolation_level=None, check_same_thread=False)
            connection.execute("PRAGMA busy_timeout=5000")
            return connection
        # PostgreSQL and others: a connection of its own from the engine's driver, outside the pool, in
        # autocommit, so every read sees the latest committed revision and no transaction stays open. Not from
        # the pool: this runs on the event loop, and waiting there for a pooled connection held by requests
        # that need the loop to finish would stop the worker until the pool's timeout.
        cargs, cparams = self.engine.dialect.create_connect_args(url)
        if url.get_backend_name() == "postgresql":
            cparams.setdefault("connect_timeout", 2)
        connection = self.engine.dialect.connect(*cargs, **cparams)
        try:
            connection.autocommit = True
        except BaseException:
            _close_quietly(connection)
            raise
        return connection

    def current(self) -> int | None:
        """The content revision now, or None when it cannot be read (then nothing is cached)."""
        with self._lock:
            try:
                if self._connection is None:
                    self._connection = self._connect()
                    if self._connection is None:
                        return None
                    # An app dropped without its shutdown (a test, a failed start) must not leak the connection.
                    weakref.finalize(self, _close_quietly, self._connection)
                cursor = self._connection.cursor()
                try:
                    cursor.execute(REVISION_SQL)
                    row = cursor.fetchone()
                finally:
                    cursor.close()
                return row[0] if row else None
            except Exception:  # a missing table before the first migration, a dropped connection
                log.debug("content revision unavailable", exc_info=True)
                self._close_locked()
                return None

    def _close_locked(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(Exception):
                self._connection.close()
            self._connection = None

    def close(self) -> None:
        with self._lock:
            self._close_locked()
