"""Liveness and readiness probes."""

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.db import check_same_file
from app.db_errors import FileReplaced

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict:
    """The process is up and answering."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "The database cannot be reached"}})
def readyz(request: Request):
    """The database answers and its schema has been migrated, so requests can be served."""
    try:
        with request.app.state.engine.connect() as connection:
            # One query checks both: a database that is reachable but not migrated yet is not ready either.
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as exc:  # any driver error means "not ready"; the reason names its kind, never details
        return JSONResponse({"status": "unavailable", "reason": type(exc).__name__}, status_code=503)
    if revision is None:
        return JSONResponse({"status": "unavailable", "reason": "NotMigrated"}, status_code=503)
    try:
        check_same_file(request.app.state.engine)
    except FileReplaced as exc:
        return JSONResponse({"status": "unavailable", "reason": type(exc).__name__}, status_code=503)
    return {"status": "ok"}
