"""gzip for responses not answered from the render cache, and the rules both share (what to compress, for whom)."""

import gzip

from starlette.middleware.gzip import GZipMiddleware

GZIP_MINIMUM = 500
COMPRESSIBLE = (b"text/", b"application/json", b"application/problem+json", b"image/svg+xml")
# Where CompressMiddleware leaves the uncompressed send for the test client's template details.
RAW_SEND = "explorer.uncompressed_send"


def accepts_gzip(header: bytes) -> bool:
    """Whether Accept-Encoding allows gzip (named or *, with a quality above zero)."""
    for part in header.split(b","):
        coding, _, params = part.partition(b";")
        if coding.strip().lower() in (b"gzip", b"*"):
            params = params.strip().lower()
            if params.startswith(b"q="):
                try:
                    return float(params[2:]) > 0
                except ValueError:
                    return False
            return True
    return False


def compressed(scope, start: dict, body: bytes) -> tuple[dict, bytes]:
    """A response not kept, gzip-compressed when the client takes gzip and it is text of some size."""
    accept = next((value for name, value in scope["headers"] if name == b"accept-encoding"), None)
    headers = start.get("headers", [])
    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    if (accept is None or not accepts_gzip(accept) or len(body) < GZIP_MINIMUM
            or not content_type.startswith(COMPRESSIBLE) or any(k.lower() == b"content-encoding" for k, _ in headers)):
        return start, body
    body = gzip.compress(body, compresslevel=6, mtime=0)
    vary = next((v for k, v in headers if k.lower() == b"vary"), b"")
    headers = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"vary")]
    headers += [(b"vary", vary + b", Accept-Encoding" if vary else b"Accept-Encoding"),
                (b"content-encoding", b"gzip"), (b"content-length", str(len(body)).encode())]
    return {**start, "headers": headers}, body


class CompressMiddleware:
    """Starlette's GZipMiddleware for responses not answered from the cache, passing on the test client's
    template details (GZipMiddleware drops messages it does not know) and honouring "gzip;q=0"."""

    def __init__(self, app, minimum_size: int = GZIP_MINIMUM, compresslevel: int = 6):
        self.app = app
        self.gzip = GZipMiddleware(self._app_keeping_debug, minimum_size, compresslevel)

    async def _app_keeping_debug(self, scope, receive, compressing_send) -> None:
        send = scope["state"].get(RAW_SEND, compressing_send)

        async def route(message) -> None:
            await (send if message["type"] == "http.response.debug" else compressing_send)(message)

        await self.app(scope, receive, route)

    async def __call__(self, scope, receive, send) -> None:
        accept = next((value for name, value in scope.get("headers", ()) if name == b"accept-encoding"), None)
        if scope["type"] != "http" or accept is None or not accepts_gzip(accept):
            await self.app(scope, receive, send)  # GZipMiddleware would take "gzip;q=0" for a yes
            return
        if "http.response.debug" in scope.get("extensions", {}):
            scope.setdefault("state", {})[RAW_SEND] = send
        await self.gzip(scope, receive, send)
