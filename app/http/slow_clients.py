"""Clients that send their request slowly are cut off: headers by the server's protocol, bodies by a middleware.

uvicorn (0.55) bounds neither. Its timeout_keep_alive counts only the idle time after a response: a connection
that sends nothing, or its headers one byte a second, cancels no timer and is kept for as long as it lasts, and
so is a body sent one byte a second while a route waits for it. h11_max_incomplete_event_size bounds the size of
the headers, not their time. A few hundred such connections hold a worker's every socket and file descriptor."""

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


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
