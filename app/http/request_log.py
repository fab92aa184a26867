"""Logs: one JSON line per record (or a short line a person reads, in development), one access line per request.

The access line is the one log write every request makes, so its path is kept short: when the server's own
handler (BackgroundStreamHandler) is the only one the line would reach, the request appends its fields to that
handler's queue, and the event loop formats and writes what is queued a batch at a time, in one write; otherwise
(tests capturing logs, another handler configured) it is an ordinary record.
"""

import asyncio
import collections
import itertools
import json
import logging
import os
import re
import threading
import time
from datetime import UTC, datetime
from json.encoder import encode_basestring

from starlette.types import ASGIApp, Message, Receive, Scope, Send

access_log = logging.getLogger("app.access")
# A request id from the client (or a proxy in front) is kept only when it is short and plain.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# The fields a record may carry besides its message; anything else passed in `extra` is left out.
FIELDS = ("method", "path", "status", "duration_ms", "request_id", "client")
ACCESS_MESSAGE = "%s %s %d %.1fms"
# json.dumps with a non-default option builds a new encoder on every call; this one is built once.
_encode = json.JSONEncoder(ensure_ascii=False).encode


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    _second: int | None = None
    _stamp = ""

    def _time(self, created: float) -> str:
        """ISO 8601 in UTC to the millisecond; the part up to the second is formatted once a second."""
        second = int(created)
        if second != self._second:
            self._stamp = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
            self._second = second
        return f"{self._stamp}.{int((created - second) * 1000):03d}+00:00"

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self._time(record.created),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        values = record.__dict__
        for name in FIELDS:
            if name in values:
                entry[name] = values[name]
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return _encode(entry)

    def format_access(self, fields: tuple) -> str:
        """The line format() writes for an access record with these fields (see AccessFields), without the record."""
        created, method, path, status, duration_ms, request_id, client = fields
        message = ACCESS_MESSAGE % (method, path, status, duration_ms)
        return (f'{{"time": "{self._time(created)}", "level": "info", "logger": "app.access", '
                f'"message": {encode_basestring(message)}, "method": {encode_basestring(method)}, '
                f'"path": {encode_basestring(path)}, "status": {status!r}, "duration_ms": {duration_ms!r}, '
                f'"request_id": {encode_basestring(request_id)}, '
                f'"client": {"null" if client is None else encode_basestring(client)}}}')


class ReadableFormatter(logging.Formatter):
    """Format a record as a short line for a person at a terminal: `12:03:04 GET /concepts/docker 200 3.1 ms`."""

    def format(self, record: logging.LogRecord) -> str:
        clock = time.strftime("%H:%M:%S", time.localtime(record.created))
        values = record.__dict__
        if record.name == access_log.name and "status" in values:
            line = f"{clock} {values['method']} {values['path']} {values['status']} {values['duration_ms']:.1f} ms"
        elif record.levelno >= logging.WARNING:
            line = f"{clock} {record.levelname} {record.name}: {record.getMessage()}"
        else:
            line = f"{clock} {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line

    def format_access(self, fields: tuple) -> str:
        """The line format() writes for an access record with these fields (see AccessFields)."""
        created, method, path, status, duration_ms, _, _ = fields
        clock = time.strftime("%H:%M:%S", time.localtime(created))
        return f"{clock} {method} {path} {status} {duration_ms:.1f} ms"


def access_record(fields: tuple) -> logging.LogRecord:
    """The `app.access` record for an access line's fields: (created, method, path, status, duration_ms,
    request_id, client)."""
    created, method, path, status, duration_ms, request_id, client = fields
    # makeRecord + handle: Logger.info would also walk the stack to find the caller, unused here.
    record = access_log.makeRecord(access_log.name, logging.INFO, __file__, 0, ACCESS_MESSAGE,
                                   (method, path, status, duration_ms), None)
    record.created = created
    record.method, record.path, record.status = method, path, status
    record.duration_ms, record.request_id, record.client = duration_ms, request_id, client
    return record


class BackgroundStreamHandler(logging.StreamHandler):
    """A StreamHandler that writes access lines (the `app.access` logger) a batch at a time.

    An access line is only queued: `delay` seconds after the first one, everything queued is formatted and
    written in one write, so a busy server writes once per batch, not once per line. Under a running event loop
    (a served worker) the loop does it, with a timer; elsewhere a thread of the handler's own. A request that
    has the handler to itself queues only its fields (queue_access), without a LogRecord. Any other record (the
    server's own lines, warnings, errors) is written at once, after what is queued, so the order holds and
    nothing but access lines of the last `delay` seconds can be lost if the process dies (uvicorn ends itself
    with the SIGTERM it received, which skips exit handlers)."""

    def __init__(self, stream=None, delay: float = 0.05):
        super().__init__(stream)
        self.delay = delay
        self._queue: collections.deque[logging.LogRecord | tuple] = collections.deque()
        self._wake = threading.Event()
        self._writer_pid: int | None = None
        self._start_lock = threading.Lock()
        self._timer_set = False
        os.register_at_fork(after_in_child=self._forget_timer)

    def _forget_timer(self) -> None:
        self._timer_set = False  # a timer of the parent's loop never fires in the child

    def handle(self, record: logging.LogRecord):
        # No handler lock here: appending to a deque is atomic, and only the writer formats and writes.
        checked = self.filter(record)
        if checked:
            self.emit(checked if isinstance(checked, logging.LogRecord) else record)
        return checked

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != access_log.name:
            self._write_queued(record)
            return
        self._queue.append(record)
        self._schedule()

    def queue_access(self, fields: tuple) -> None:
        """Queue an access line by its fields (see access_record); formatted when the batch is written."""
        self._queue.append(fields)
        if not self._timer_set:
            self._schedule()

    def _schedule(self) -> None:
        if self._timer_set:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is not None:
            self._timer_set = True
            loop.call_later(self.delay, self._write_batch)
            return
        if self._writer_pid != os.getpid():  # the first record, or the first in a forked child
            self._start_writer()
        if not self._wake.is_set():
            self._wake.set()

    def _write_batch(self) -> None:
        self._timer_set = False
        self._write_queued()

    def _start_writer(self) -> None:
        with self._start_lock:
            if self._writer_pid == os.getpid():
                return
            self._wake = threading.Event()
            threading.Thread(target=self._write_forever, name="log-writer", daemon=True).start()
            self._writer_pid = os.getpid()

    def _write_forever(self) -> None:
        while True:
            self._wake.wait()
            time.sleep(self.delay)
            self._wake.clear()
            self._write_queued()

    def _format_queued(self, item: logging.LogRecord | tuple) -> str:
        if isinstance(item, tuple):
            format_access = getattr(self.formatter, "format_access", None)
            return format_access(item) if format_access else self.format(access_record(item))
        return self.format(item)

    def _write_queued(self, last: logging.LogRecord | None = None) -> None:
        with self.lock:
            lines = []
            while self._queue or last is not None:
                if self._queue:
                    item = self._queue.popleft()
                else:
                    item, last = last, None
                try:
                    lines.append(self._format_queued(item))
                except Exception:
                    self.handleError(item if isinstance(item, logging.LogRecord) else access_record(item))
            if lines:
                try:
                    self.stream.write("\n".join(lines) + self.terminator)
                    self.stream.flush()
                except Exception:
                    self.handleError(logging.makeLogRecord({"msg": "writing queued log lines"}))

    def flush(self) -> None:
        self._write_queued()

    def close(self) -> None:
        self._write_queued()
        super().close()


def _only_handler() -> BackgroundStreamHandler | None:
    """The handler an access line reaches, when it is the only one and nothing filters on the way."""
    found = None
    logger = access_log
    while logger is not None:
        if logger.filters or logger.handlers and (found is not None or len(logger.handlers) > 1):
            return None
        if logger.handlers:
            found = logger.handlers[0]
        if not logger.propagate:
            break
        logger = logger.parent
    if type(found) is BackgroundStreamHandler and not found.filters and found.level <= logging.INFO:
        return found
    return None


def log_access(method: str, path: str, status: int, duration_ms: float, request_id: str,
               client: str | None) -> None:
    """Write the access line of one request (or queue it, see BackgroundStreamHandler)."""
    if not access_log.isEnabledFor(logging.INFO):
        return
    fields = (time.time(), method, path, status, duration_ms, request_id, client)
    handler = _only_handler()
    if handler is not None:
        handler.queue_access(fields)
    else:
        access_log.handle(access_record(fields))


def log_config(level: str = "INFO", readable: bool = False) -> dict:
    """A logging.config.dictConfig for the server: every logger on stderr, as JSON lines for the machines that
    collect them, or as readable lines (development); each worker applies it."""
    formatter = "ReadableFormatter" if readable else "JsonFormatter"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"lines": {"()": f"app.http.request_log.{formatter}"}},
        "handlers": {"stderr": {"class": "app.http.request_log.BackgroundStreamHandler", "formatter": "lines",
                                "stream": "ext://sys.stderr"}},
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": False},  # replaced by app.access
        },
    }


class _RequestIds:
    """32 hex digits unique to each request: a random half chosen per process, then a counter (no system call
    per request, unlike uuid4)."""

    def __init__(self) -> None:
        self.reseed()
        os.register_at_fork(after_in_child=self.reseed)

    def reseed(self) -> None:
        self.prefix = os.urandom(8).hex()
        self.counter = itertools.count(int.from_bytes(os.urandom(4)))

    def __call__(self) -> str:
        return f"{self.prefix}{next(self.counter) & 0xFFFFFFFFFFFFFFFF:016x}"


new_request_id = _RequestIds()


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The request's X-Request-ID when it is well formed, else a new one."""
    for name, value in headers:
        if name == b"x-request-id":
            candidate = value.decode("latin-1").strip()
            if REQUEST_ID.fullmatch(candidate):
                return candidate
    return new_request_id()


class RequestLogMiddleware:
    """Give every HTTP request an id (echoed as X-Request-ID) and a Server-Timing, and log one line when it ends.

    The line has the method, the path without its query string (queries may carry tokens), the status,
    the duration and the request id; never headers, cookies or bodies.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        request_id = request_id_from(scope["headers"])
        scope.setdefault("state", {})["request_id"] = request_id
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message = {**message, "headers": [*message.get("headers", ()),
                                                  *response_headers(request_id, started)]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log_request(scope, status, started, request_id)


def response_headers(request_id: str, started: float) -> tuple[tuple[bytes, bytes], tuple[bytes, bytes]]:
    """X-Request-ID, and Server-Timing: the time the server took until the response started (for DevTools and
    bench/load_bench.py, which times renders with it)."""
    return ((b"x-request-id", request_id.encode()),
            (b"server-timing", b"app;dur=%.2f" % ((time.perf_counter() - started) * 1000)))


def log_request(scope: Scope, status: int, started: float, request_id: str) -> None:
    """The access line of a request that began at `started` (time.perf_counter) and was answered `status`."""
    client = scope.get("client")
    log_access(scope["method"], scope["path"], status, round((time.perf_counter() - started) * 1000, 1),
               request_id, client[0] if client else None)
