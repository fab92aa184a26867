"""The server's protocol: uvicorn's, with a time limit on request headers and a response written in one piece.

uvicorn (0.55) does not bound the time a request's headers take: its timeout_keep_alive counts only the idle time
after a response, so a connection that sends nothing, or its headers one byte a second, is kept for as long as it
lasts (h11_max_incomplete_event_size bounds their size, not their time); a few hundred hold a worker's every socket.
Bodies are timed by a layer of the app (slow_clients.py). This module is named only in the server's options
(`explorer serve`), so that importing the app does not import the server."""

import asyncio
from functools import cache

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.settings import Settings

REQUEST_TIMEOUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
                   b"content-length: 33\r\nconnection: close\r\n\r\nThe request's headers came late.\n")


@cache
def header_seconds() -> float:
    """EXPLORER_HEADER_TIMEOUT_SECONDS, read once per worker process (each imports this protocol)."""
    return Settings().header_timeout_seconds


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a clock from the connection's first byte (or its opening) to the end
    of a request's headers: past header_seconds(), a 408 and the connection is closed. The idle time between
    requests stays with timeout_keep_alive.

    A request only notes when its headers began; one sweep per server, a few times per limit while connections
    are open, closes those that went past it. A timer per request (set, then cancelled a moment later) cost
    every request a few microseconds and grew the event loop's timer heap with cancelled entries."""

    _header_started: float | None = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self.transport = OneWritePerStep(transport, self.loop)  # the response's cycles write through it
        self._header_started = self.loop.time()
        if not getattr(self.server_state, "header_sweep", False):
            self.server_state.header_sweep = True  # one sweep for all the connections of this server
            self.loop.call_later(_sweep_interval(), _sweep, self.loop, self.server_state)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._header_started is None:  # the next request on a kept-alive connection, from its first byte
            self._header_started = self.loop.time()

    def on_headers_complete(self) -> None:
        self._header_started = None
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._header_started = None
        super().connection_lost(exc)

    def _headers_too_slow(self) -> None:
        self._header_started = None
        if not self.transport.is_closing():
            self.logger.info("closed a connection whose request headers took longer than %g s", header_seconds())
            self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()


# Past this many bytes waiting, they are written at once: a response streamed in one step keeps the transport's
# back-pressure (uvicorn waits before its next write while the transport's buffer is full).
WRITE_THROUGH_BYTES = 64 * 1024


class OneWritePerStep:
    """A connection's transport whose writes made in one step of the event loop go out together.

    uvicorn writes a response's status line and headers, then its body, each at once: two system calls and two TCP
    segments for every response, which the client must read apart. Held until the end of the step, they leave as
    one (bench/RESULTS.md: a kept page cost the worker a sixth less CPU). Nothing else changes: close() sends what is
    held first, abort() drops it, and anything else is the transport's own."""

    __slots__ = ("_transport", "_loop", "_pending", "_size")

    def __init__(self, transport, loop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] | None = None
        self._size = 0

    def write(self, data: bytes) -> None:
        if self._pending is None:
            self._pending, self._size = [data], len(data)
            self._loop.call_soon(self.flush)
        else:
            self._pending.append(data)
            self._size += len(data)
        if self._size >= WRITE_THROUGH_BYTES:
            self.flush()

    def flush(self) -> None:
        pending, self._pending = self._pending, None
        if pending and not self._transport.is_closing():
            self._transport.write(pending[0] if len(pending) == 1 else b"".join(pending))

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def abort(self) -> None:
        self._pending = None
        self._transport.abort()

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


def _sweep_interval() -> float:
    """How often the sweep looks: an eighth of the limit, at most a second (a cut-off is at most that late)."""
    return min(1.0, header_seconds() / 8)


def _sweep(loop: asyncio.AbstractEventLoop, server_state) -> None:
    """Cut off the connections of one server whose request headers began longer ago than the limit; look again
    while any connection is open."""
    deadline = loop.time() - header_seconds()
    for protocol in list(server_state.connections):
        started = getattr(protocol, "_header_started", None)
        if started is not None and started <= deadline:
            protocol._headers_too_slow()
    if server_state.connections:
        loop.call_later(_sweep_interval(), _sweep, loop, server_state)
    else:
        server_state.header_sweep = False
