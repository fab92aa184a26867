"""Structured logs: one JSON line per record, and one access line per request with its request id."""

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("app.access")
# A request id from the client (or a proxy in front) is kept only when it is short and plain.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# The fields a record may carry besides its message; anything else passed in `extra` is left out.
FIELDS = ("method", "path", "status", "duration_ms", "request_id", "client")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def log_config(level: str = "INFO") -> dict:
    """A logging.config.dictConfig for the server: every logger as JSON on stderr (each worker applies it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "app.logging_setup.JsonFormatter"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                                "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},  # replaced by app.access
        },
    }


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's X-Request-ID when it is well formed, else a new random one."""
    for name, value in headers:
        if name == b"x-request-id":
            candidate = value.decode("latin-1").strip()
            if REQUEST_ID.fullmatch(candidate):
                return candidate
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """Give every HTTP request an id (echoed as X-Request-ID) and log one line when it ends.

    The line has the method, the path without its query string (queries may carry tokens), the status,
    the duration and the request id; never headers, cookies or bodies.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope["headers"])
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            client = scope.get("client")
            access_log.info(
                "%s %s %d %.1fms", scope["method"], scope["path"], status, duration_ms,
                extra={"method": scope["method"], "path": scope["path"], "status": status,
                       "duration_ms": duration_ms, "request_id": request_id,
                       "client": client[0] if client else None},
            )
