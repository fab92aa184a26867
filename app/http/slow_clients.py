"""Clients that send their request slowly are cut off: headers by the server's protocol, bodies by a middleware.

uvicorn (0.55) bounds neither. Its timeout_keep_alive counts only the idle time after a response: a connection
that sends nothing, or its headers one byte a second, cancels no timer and is kept for as long as it lasts, and
so is a body sent one byte a second while a route waits for it. h11_max_incomplete_event_size bounds the size of
the headers, not their time. A few hundred such connections hold a worker's every socket and file descriptor."""

import asyncio
from functools import cache

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send
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
    requests stays with timeout_keep_alive."""

    _header_clock: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_header_clock()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._start_header_clock()  # the next request on a kept-alive connection, from its first byte

    def on_headers_complete(self) -> None:
        self._stop_header_clock()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_clock()
        super().connection_lost(exc)

    def _start_header_clock(self) -> None:
        if self._header_clock is None:
            self._header_clock = self.loop.call_later(header_seconds(), self._headers_too_slow)

    def _stop_header_clock(self) -> None:
        if self._header_clock is not None:
            self._header_clock.cancel()
            self._header_clock = None

    def _headers_too_slow(self) -> None:
        self._header_clock = None
        if not self.transport.is_closing():
            self.logger.info("closed a connection whose request headers took longer than %g s", header_seconds())
            self.transport.write(REQUEST_TIMEOUT)
            self.transport.close()


class BodyTooSlow(HTTPException):
    """The request's body did not arrive within the time given for it."""

    def __init__(self, seconds: float) -> None:
        # Connection: close, or the rest of the slow body would keep the connection busy after the answer.
        super().__init__(408, f"The request's body did not arrive within {seconds:g} seconds.",
                         headers={"Connection": "close"})


class BodyDeadlineMiddleware:
    """Give a request's body `seconds` from the start of the request to arrive whole; a route still waiting for
    it then gets BodyTooSlow (408, through the app's error answers). A route that never reads the body is not
    timed, and nothing is timed once the body is in."""

    def __init__(self, app: ASGIApp, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        body_in = False

        async def receive_in_time() -> Message:
            nonlocal body_in
            if body_in:
                return await receive()  # after the body only the disconnect is left to wait for
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise BodyTooSlow(self.seconds) from None
            body_in = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, receive_in_time, send)
