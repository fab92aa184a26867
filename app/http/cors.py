"""Cross-origin reads: any site may GET the public API and its description, without credentials; nothing else."""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

READ_METHODS = ("GET", "HEAD")
# Headers a script may send beyond the CORS-safelisted ones, and the response headers it may read.
ALLOWED_REQUEST_HEADERS = ("accept", "accept-language", "content-language", "if-none-match")
EXPOSED_HEADERS = "ETag, Content-Language, Link, Cache-Control, Vary"
PREFLIGHT_MAX_AGE = "86400"


def is_public(path: str) -> bool:
    """The paths open to other origins: the JSON API and its OpenAPI description."""
    return path.startswith("/api/") or path == "/openapi.json"


class PublicReadCorsMiddleware:
    """CORS for reads of the public API (https://fetch.spec.whatwg.org/#http-cors-protocol).

    A GET or HEAD from another origin gets `Access-Control-Allow-Origin: *` (never with credentials); a
    preflight for GET or HEAD is answered here; a preflight for anything else, and every other path, gets
    no CORS headers at all, so browsers refuse it."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_public(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if "origin" not in headers:
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "OPTIONS" and "access-control-request-method" in headers:
            if headers["access-control-request-method"].upper() in READ_METHODS and _headers_allowed(headers):
                await _preflight(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        if method not in READ_METHODS:
            await self.app(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                response_headers["Access-Control-Allow-Origin"] = "*"
                response_headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_cors)


def _headers_allowed(headers: Headers) -> bool:
    requested = headers.get("access-control-request-headers", "")
    names = [name.strip().lower() for name in requested.split(",") if name.strip()]
    return all(name in ALLOWED_REQUEST_HEADERS for name in names)


async def _preflight(scope: Scope, receive: Receive, send: Send) -> None:
    response = Response(status_code=204, headers={
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": ", ".join(READ_METHODS),
        "Access-Control-Allow-Headers": ", ".join(ALLOWED_REQUEST_HEADERS),
        "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
        "Vary": "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
    })
    await response(scope, receive, send)
