"""HTTP caching: strong ETags, If-None-Match → 304, Cache-Control for public and private responses, HEAD."""

import hashlib
from typing import Annotated

from fastapi import Header
from pydantic import BaseModel
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.cookies import ADMIN_PATH, SESSION_COOKIE
from app.schemas import PageLinks

# Browsers revalidate every time (a cheap 304), so an admin's change shows on the next load; a shared cache
# may keep a public response for a minute, and serve it a minute longer while it fetches a fresh one.
PUBLIC_CACHE = "public, max-age=0, s-maxage=60, stale-while-revalidate=60"
PRIVATE_NO_STORE = "private, no-store"


def etag_for(body: bytes) -> str:
    """A strong entity tag that changes exactly when the bytes change."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an If-None-Match header matches this tag (RFC 9110 §13.1.2: weak comparison)."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    candidates = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return etag in candidates


def conditional(request: Request, body: bytes, media_type: str, headers: dict[str, str]) -> Response:
    """The body with its ETag, or 304 Not Modified when the client already holds it."""
    etag = etag_for(body)
    headers = {**headers, "ETag": etag, "Cache-Control": PUBLIC_CACHE}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def link_header(links: PageLinks) -> str | None:
    """The same links as an HTTP Link header (RFC 8288)."""
    parts = [f'<{url}>; rel="{rel}"' for rel, url in links.model_dump().items() if url]
    return ", ".join(parts) or None


def json_response(request: Request, document: BaseModel, lang: str) -> Response:
    """A JSON document in one language, with Content-Language, Vary, Link for lists and an ETag."""
    body = document.model_dump_json().encode()
    headers = {"Content-Language": lang, "Vary": "Accept-Language"}
    links = getattr(document, "links", None)
    if links is not None and (link := link_header(links)):
        headers["Link"] = link
    if request.method not in ("GET", "HEAD"):
        # The answer to a POST is computed for this request only.
        return Response(body, media_type="application/json", headers={**headers, "Cache-Control": "no-store"})
    return conditional(request, body, "application/json", headers)


def conditional_page(request: Request, response: Response) -> Response:
    """A rendered page with its ETag and public Cache-Control, or 304 when the client holds this page."""
    etag = etag_for(response.body)
    response.headers["ETag"] = etag
    response.headers.setdefault("Cache-Control", PUBLIC_CACHE)
    if not matches(request.headers.get("if-none-match"), etag):
        return response
    kept = {"etag", "cache-control", "vary", "content-language", "set-cookie"}
    not_modified = Response(status_code=304)
    not_modified.raw_headers = [(k, v) for k, v in response.raw_headers if k.decode() in kept]
    return not_modified


AcceptLanguage = Annotated[str | None, Header(
    description="Used when ?lang= is not given: ko or en, else Korean", examples=["en-GB,en;q=0.9"])]


def read_language_header(accept_language: AcceptLanguage = None) -> None:
    """Document the Accept-Language header (deps.api_lang reads it from the request)."""


def read_request_headers(
    if_none_match: Annotated[str | None, Header(
        description="An ETag from an earlier response: if it still matches, the answer is 304 with no body",
        examples=['"3f2a9c0d1e4b5a6f7081928374655647"'])] = None,
    accept_language: AcceptLanguage = None,
) -> None:
    """Document the request headers every content route reads (the routes read them from the request)."""


_HEADER = {"schema": {"type": "string"}}
CONTENT_RESPONSES: dict = {
    200: {"headers": {
        "ETag": {**_HEADER, "description": "A strong tag of this exact response body"},
        "Cache-Control": {**_HEADER, "description": PUBLIC_CACHE},
        "Content-Language": {**_HEADER, "description": "ko or en"},
        "Vary": {**_HEADER, "description": "Accept-Language"},
    }},
    304: {"description": "Not modified: the client's copy (If-None-Match) is current", "headers": {
        "ETag": {**_HEADER, "description": "The tag the client already holds"},
    }},
}


class CachePolicyMiddleware:
    """Answer HEAD as GET without the body, and keep admin and session responses out of shared caches."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        private = scope["path"].startswith(ADMIN_PATH) or SESSION_COOKIE in Headers(scope=scope).get("cookie", "")

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if (private or "set-cookie" in headers) and "no-store" not in headers.get("cache-control", ""):
                    headers["Cache-Control"] = PRIVATE_NO_STORE if private else "private, no-cache"
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_policy)
