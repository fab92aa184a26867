"""Database errors by cause: busy, full or unreachable (they pass, or need an operator), read from SQLite's and
PostgreSQL's own codes, so that the domain can say why a write was not stored without knowing about HTTP."""

import logging
import sqlite3

from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

log = logging.getLogger(__name__)

BUSY, FULL, UNAVAILABLE = "busy", "full", "unavailable"

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 6, 10, 13, 14
# The file was damaged while serving (garbage written over it): not a bug of ours, and nothing to retry either.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
# PostgreSQL: class 53 is "insufficient resources"; 53100 disk_full; 08 connection exceptions; 57P01-57P03 the
# server shutting down, crashed or starting up.
_PG_FULL = {"53100"}
# 55P03 lock_not_available (a save's lock_timeout, app/content/editing.py), 40P01 deadlock, 40001 serialization failure.
_PG_BUSY = {"55P03", "40P01", "40001"}
_PG_UNAVAILABLE_PREFIXES = ("08", "57P")


class FileReplaced(Exception):
    """The SQLite file at the database's path is not the one the app opened (deleted, or replaced)."""


def classify(exc: BaseException) -> str | None:
    """BUSY, FULL or UNAVAILABLE for a database error that passes (or needs an operator), else None."""
    if isinstance(exc, (PoolTimeout, FileReplaced)):
        return UNAVAILABLE  # every pooled connection is taken, or the file written to would be lost
    if (isinstance(exc, DatabaseError) and isinstance(exc.orig, sqlite3.DatabaseError)
            and (getattr(exc.orig, "sqlite_errorcode", 0) or 0) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)):
        return UNAVAILABLE
    if not isinstance(exc, OperationalError):
        return None
    orig = exc.orig
    if isinstance(orig, sqlite3.Error):
        code = (getattr(orig, "sqlite_errorcode", 0) or 0) & 0xFF
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return BUSY
        if code == _SQLITE_FULL:
            return FULL
        if code in (_SQLITE_IOERR, _SQLITE_CANTOPEN):
            return UNAVAILABLE
        return None  # "no such table" and other mistakes of ours stay 500s
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in _PG_BUSY:
        return BUSY
    if sqlstate in _PG_FULL:
        return FULL
    if sqlstate is None or exc.connection_invalidated or sqlstate.startswith(_PG_UNAVAILABLE_PREFIXES):
        # psycopg gives no SQLSTATE when it cannot connect at all or the server went away mid-query.
        return UNAVAILABLE
    return None



def close(session) -> None:
    """Close a request's session, even when the database has gone away since it was used.

    Closing rolls back the session's open transaction. When PostgreSQL has ended the connection meanwhile (a
    restart), that rollback fails after the response has started, and the client got a broken 500 instead of the
    answer it had already been sent. There is nothing to roll back on a connection that is gone."""
    try:
        session.close()
    except (OperationalError, PoolTimeout) as exc:
        if classify(exc) is None:
            raise
        log.warning("the database went away before a session was closed (%s)", type(exc.orig).__name__)
