"""Strong ETags, conditional requests (If-None-Match → 304) and JSON bodies encoded once."""

import hashlib

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response


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
    headers = {**headers, "ETag": etag, "Cache-Control": "no-cache"}
    if matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def json_response(request: Request, document: BaseModel, lang: str) -> Response:
    """A JSON document in one language, with Content-Language, Vary and an ETag."""
    body = document.model_dump_json().encode()
    headers = {"Content-Language": lang, "Vary": "Accept-Language"}
    return conditional(request, body, "application/json", headers)
