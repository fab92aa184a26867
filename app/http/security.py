"""Security headers on every response (HSTS over HTTPS), 413 for request bodies that are too large, relative self-redirects and
the allowed Host names."""

import base64
import hashlib
import json
import re
from collections.abc import Collection
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 1024 * 1024
# No inline scripts anywhere; pages may only be framed by nobody.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Sent only over HTTPS (as the server sees it: uvicorn believes X-Forwarded-Proto from EXPLORER_FORWARDED_ALLOW_IPS
# only): a browser ignores it over plain HTTP, and a site reached only by http:// must not promise HTTPS.
# https://www.rfc-editor.org/rfc/rfc6797#section-7.2
STRICT_TRANSPORT_SECURITY = "max-age=31536000"


def security_headers(scope: Scope) -> dict[str, str]:
    """The headers every response to this request carries, error pages included."""
    headers = {**SECURITY_HEADERS, "Content-Security-Policy": CONTENT_SECURITY_POLICY}
    if scope.get("scheme") == "https":
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return headers


_HEADER_PAIRS = {
    https: tuple((name.lower().encode(), value.encode())
                 for name, value in security_headers({"scheme": "https" if https else "http"}).items())
    for https in (False, True)
}


def security_header_pairs(scope: Scope, present: Collection[bytes] = ()) -> list[tuple[bytes, bytes]]:
    """security_headers(scope) as raw ASGI header pairs, leaving out the names in `present` (lower-case)."""
    return [pair for pair in _HEADER_PAIRS[scope.get("scheme") == "https"] if pair[0] not in present]


def script_hash_policy(*scripts: str) -> str:
    """A policy that also lets these exact inline scripts run (for pages we do not write, like Swagger UI)."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'" for script in scripts
    )
    return CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}").replace(
        "style-src 'self'", "style-src 'self' 'unsafe-inline'")


class BodyTooLarge(HTTPException):
    """The request body went past the limit while it was being read."""

    def __init__(self) -> None:
        super().__init__(413, "The request body is too large.")


class SecurityHeadersMiddleware:
    """Add the security headers to every HTTP response: pages, kept pages, CORS preflights and refusals alike."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", ())
                # A response that names one of them itself (a page we do not write, say) keeps its own.
                added = security_header_pairs(scope, {bytes(name).lower() for name, _ in headers})
                message = {**message, "headers": [*headers, *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class SecurityMiddleware:
    """Refuse oversized bodies with 413 and make redirects to this very host relative."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _too_large(send, scope)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                if 300 <= message["status"] < 400 and "location" in headers:
                    headers["location"] = relative_location(headers["location"], scope)
            await send(message)

        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(send, scope)

    def _limited(self, receive: Receive) -> Receive:
        """Count the bytes of a body sent without a length (chunked), and stop past the limit."""
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge()
            return message

        return counting_receive


async def _too_large(send: Send, scope: Scope) -> None:
    await _plain_error(send, scope, 413, b"Request body too large.\n")


async def _plain_error(send: Send, scope: Scope, status: int, body: bytes,
                       media_type: bytes = b"text/plain; charset=utf-8") -> None:
    headers = [(b"content-type", media_type), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(name.lower().encode(), value.encode()) for name, value in security_headers(scope).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def relative_location(location: str, scope: Scope) -> str:
    """A redirect to this very host as a path: Starlette builds the trailing-slash redirect (/concepts/ →
    /concepts) from the request's Host header, so a forged Host would otherwise be sent back as the target."""
    parts = urlsplit(location)
    request_host = Headers(scope=scope).get("host", "").lower()
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.netloc.lower() != request_host:
        return location
    # A path starting with // would be read as another host by the browser: keep one slash.
    path = "/" + parts.path.lstrip("/")
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


HOST_EXEMPT_PATHS = ("/healthz", "/readyz")  # the kubelet's probes name the Pod by its IP address
_HOST = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[^:\[\]]*)(:\d{1,5})?$")


def parse_allowed_hosts(value: str | None) -> tuple[str, ...]:
    """The allowed Host names from a comma-separated setting ("*": any; "*.example.com": its subdomains)."""
    hosts = tuple(host.strip().lower() for host in (value or "*").split(",") if host.strip())
    return hosts or ("*",)


def host_allowed(host_header: str, allowed: tuple[str, ...]) -> bool:
    """Whether a Host header names one of the allowed hosts (the port is not compared)."""
    if "*" in allowed:
        return True
    match = _HOST.match(host_header.strip().lower())
    if not match or not match[1]:
        return False
    host = match[1]
    return any(host == name or (name.startswith("*.") and host.endswith(name[1:])) for name in allowed)


def answers_for(path: str, host_header: str, allowed: tuple[str, ...]) -> bool:
    """Whether the app answers a request for this path with this Host (the probes whatever the Host)."""
    return "*" in allowed or path in HOST_EXEMPT_PATHS or host_allowed(host_header, allowed)


class AllowedHostsMiddleware:
    """Answer 400 to a request whose Host is not one of EXPLORER_ALLOWED_HOSTS, before any page is rendered
    or taken from the cache: with a list configured, nothing the app says can be about another host."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or answers_for(scope["path"], Headers(scope=scope).get("host", ""), self.allowed):
            await self.app(scope, receive, send)
            return
        detail = "Invalid host header: this server does not answer for that host name."
        if scope["path"].startswith("/api/"):  # the API's errors are always problem documents
            body = json.dumps({"type": "/problems/bad-request", "title": "Bad request", "status": 400,
                               "detail": detail}).encode()
            await _plain_error(send, scope, 400, body, b"application/problem+json")
            return
        await _plain_error(send, scope, 400, detail.encode() + b"\n")
