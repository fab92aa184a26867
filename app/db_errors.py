"""Values in a request that the database cannot hold (NUL characters, integers past its range) → 400, not 500."""

import logging

from fastapi import FastAPI, Request
from sqlalchemy.exc import DataError

from app.problems import error_page, is_api, problem_response

log = logging.getLogger(__name__)
DETAIL = "The request holds a value that cannot be stored or looked up (a NUL character, or a number too large)."


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
    """Answer values the database refuses (DataError; sqlite3's OverflowError) with 400 instead of 500."""
    app.add_exception_handler(DataError, _unstorable_value)
    app.add_exception_handler(OverflowError, _too_large_for_sqlite)
