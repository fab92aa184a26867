"""Database errors as answers: values it cannot hold → 400; locked, full or unreachable → 503 or 507, never 500."""

import logging
import sqlite3

from fastapi import FastAPI, Request
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.http.problems import error_page, is_api, problem_response

log = logging.getLogger(__name__)
DETAIL = "The request holds a value that cannot be stored or looked up (a NUL character, or a number too large)."

# How long a client should wait before trying again after a 503. A writer holding SQLite's lock is done within
# seconds; a PostgreSQL restart takes a few seconds more. Clients retry on their own, so keep it short.
RETRY_AFTER_SECONDS = 5

BUSY, FULL, UNAVAILABLE = "busy", "full", "unavailable"
DETAILS = {
    BUSY: "The database is busy with another change. Nothing was changed; please try again in a few seconds.",
    FULL: "The database has no room left to store this change. Nothing was changed; an operator has to free "
          "space before changes can be saved again. Reading still works.",
    UNAVAILABLE: "The database cannot be reached right now. Please try again in a few seconds.",
}
# A full database is 507 Insufficient Storage (RFC 4918 §11.5): the server cannot store what the request
# needs. It is not 503 because waiting does not help: it lasts until an operator frees space, so there is no
# Retry-After either. Busy and unreachable are 503 with Retry-After: they pass on their own.
STATUSES = {BUSY: 503, FULL: 507, UNAVAILABLE: 503}

# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 5, 6, 10, 13, 14
# PostgreSQL: class 53 is "insufficient resources"; 53100 disk_full; 08 connection exceptions; 57P01-57P03 the
# server shutting down, crashed or starting up.
_PG_FULL = {"53100"}
# 55P03 lock_not_available (a save's lock_timeout, app/editing.py), 40P01 deadlock, 40001 serialization failure.
_PG_BUSY = {"55P03", "40P01", "40001"}
_PG_UNAVAILABLE_PREFIXES = ("08", "57P")


def classify(exc: BaseException) -> str | None:
    """BUSY, FULL or UNAVAILABLE for a database error that passes (or needs an operator), else None."""
    if isinstance(exc, PoolTimeout):
        return UNAVAILABLE  # every pooled connection is taken: the database is overloaded or gone
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


def answer(request: Request, kind: str):
    """The problem document (API) or error page for a database that is busy, full or unreachable."""
    status = STATUSES[kind]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}
    if is_api(request):
        return problem_response(request, status, DETAILS[kind], headers=headers)
    return error_page(request, status, DETAILS[kind], headers={**headers, "Cache-Control": "no-store"})


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


async def _database_trouble(request: Request, exc: Exception):
    kind = classify(exc)
    if kind is None:
        raise exc  # not a passing condition: the generic handler logs it and answers 500
    # The driver's message may quote SQL parameters, so only its kind is logged.
    log.warning("database %s on %s %s (%s)", kind, request.method, request.url.path,
                type(getattr(exc, "orig", exc)).__name__)
    return answer(request, kind)


async def _unstorable_value(request: Request, exc: Exception):
    # SQLite accepts such values and simply finds nothing; PostgreSQL refuses them. Either way the request
    # is at fault, not the server. The driver's message names the SQL parameters, so it is not logged.
    kind = type(getattr(exc, "orig", exc)).__name__
    log.warning("rejected a value the database cannot hold on %s (%s)", request.url.path, kind)
    if is_api(request):
        return problem_response(request, 400, DETAIL)
    return error_page(request, 400, DETAIL)


async def _too_large_for_sqlite(request: Request, exc: OverflowError):
    # sqlite3 refuses Python ints beyond 64 bits before the query runs; any other overflow is our own bug.
    if "SQLite INTEGER" not in str(exc):
        raise exc
    return await _unstorable_value(request, exc)


def install(app: FastAPI) -> None:
    """Answer values the database refuses with 400, and a locked, full or unreachable database with 503/507."""
    app.add_exception_handler(DataError, _unstorable_value)
    app.add_exception_handler(OverflowError, _too_large_for_sqlite)
    app.add_exception_handler(OperationalError, _database_trouble)
    app.add_exception_handler(PoolTimeout, _database_trouble)
