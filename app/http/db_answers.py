"""Database errors as answers: values it cannot hold → 400; locked, full or unreachable → 503 or 507, never 500."""

import logging

from fastapi import FastAPI, Request
from sqlalchemy.exc import DatabaseError, DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from app.db_errors import BUSY, FULL, UNAVAILABLE, FileReplaced, classify
from app.http.problems import error_page, is_api, problem_response

log = logging.getLogger(__name__)
DETAIL = "The request holds a value that cannot be stored or looked up (a NUL character, or a number too large)."

# How long a client should wait before trying again after a 503. A writer holding SQLite's lock is done within
# seconds; a PostgreSQL restart takes a few seconds more. Clients retry on their own, so keep it short.
RETRY_AFTER_SECONDS = 5

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


def answer(request: Request, kind: str):
    """The problem document (API) or error page for a database that is busy, full or unreachable."""
    status = STATUSES[kind]
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else {}
    if is_api(request):
        return problem_response(request, status, DETAILS[kind], headers=headers)
    return error_page(request, status, DETAILS[kind], headers={**headers, "Cache-Control": "no-store"})


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
    # A file damaged while serving: 503, never "unhandled error" (other database errors still are 500s).
    app.add_exception_handler(DatabaseError, _database_trouble)
    app.add_exception_handler(FileReplaced, _database_trouble)
