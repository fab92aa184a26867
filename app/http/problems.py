"""Errors as RFC 9457 problem documents on the API, and as friendly pages everywhere else."""

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.http.security import security_headers

log = logging.getLogger(__name__)
PROBLEM_TYPES = {
    400: "bad-request", 404: "not-found", 405: "method-not-allowed", 406: "not-acceptable",
    413: "content-too-large", 422: "invalid-parameters", 429: "too-many-requests", 500: "internal-error",
    503: "unavailable", 507: "insufficient-storage",
}
TITLES = {
    400: "Bad request", 404: "Not found", 405: "Method not allowed", 406: "Not acceptable",
    413: "Content too large", 422: "Invalid parameters", 429: "Too many requests", 500: "Internal error",
    503: "Service unavailable", 507: "Insufficient storage",
}


class InvalidParam(BaseModel):
    name: str
    reason: str


class Problem(BaseModel):
    """An error, as RFC 9457 describes (application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    invalid_params: list[InvalidParam] | None = None


PROBLEM_RESPONSES = {
    status: {"model": Problem, "content": {"application/problem+json": {}}, "description": TITLES[status]}
    for status in (400, 404, 413, 422)
}


def problem_type(status: int) -> str:
    """The stable type URI of a kind of problem."""
    return f"/problems/{PROBLEM_TYPES.get(status, 'error')}"


def problem_response(request: Request, status: int, detail: str | None,
                     invalid: list[InvalidParam] | None = None, headers: dict | None = None) -> JSONResponse:
    """A problem+json response for this status."""
    body = Problem(type=problem_type(status), title=TITLES.get(status, "Error"), status=status, detail=detail,
                   instance=request.url.path, invalid_params=invalid)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status,
                        media_type="application/problem+json", headers={"Cache-Control": "no-store", **(headers or {})})


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_page(request: Request, status: int, message: str | None = None, headers: dict | None = None):
    """A friendly error page in the reader's language, drawn by the page renderer the app was built with."""
    return request.app.state.error_page(request, status, message, headers)


def _invalid_params(exc: RequestValidationError) -> list[InvalidParam]:
    params = []
    for error in exc.errors():
        location = [str(part) for part in error["loc"] if part not in ("query", "path", "body", "header")]
        params.append(InvalidParam(name=".".join(location) or "request", reason=error["msg"]))
    return params


async def _http_error(request: Request, exc: StarletteHTTPException):
    detail = exc.detail if isinstance(exc.detail, str) else None
    if exc.status_code == 405 and exc.headers and "GET" in exc.headers.get("Allow", "").split(", "):
        # HEAD is answered wherever GET is (CachePolicyMiddleware), so say so.
        exc.headers["Allow"] += ", HEAD"
    if is_api(request):
        return problem_response(request, exc.status_code, detail, headers=exc.headers)
    return error_page(request, exc.status_code, detail, headers=exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError):
    invalid = _invalid_params(exc)
    detail = "; ".join(f"{p.name}: {p.reason}" for p in invalid)
    if is_api(request):
        return problem_response(request, 422, detail, invalid)
    return error_page(request, 400, detail)


async def _unexpected_error(request: Request, exc: Exception):
    log.exception("unhandled error on %s", request.url.path, exc_info=exc)
    # Starlette answers this from ServerErrorMiddleware, outside every layer of the app's own: the headers those
    # layers add (security, request id, cache policy) are added here.
    headers = {**security_headers(request.scope), "Cache-Control": "no-store"}
    request_id = request.scope.get("state", {}).get("request_id")
    if request_id:
        headers["X-Request-ID"] = request_id
    if is_api(request):
        return problem_response(request, 500, "Something went wrong on our side; it has been logged.",
                                headers=headers)
    return error_page(request, 500, headers=headers)


class ApiProblemMiddleware:
    """On /api/, turn any error answered outside the routes (such as 413 before the body is read) into a
    problem document, so an API client never gets HTML or plain text."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_problems(message: Message) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                status = message["status"]
                content_type = MutableHeaders(scope=message).get("content-type", "")
                if status >= 400 and not content_type.startswith("application/problem+json"):
                    replaced = True
                    response = problem_response(Request(scope), status, TITLES.get(status))
                    kept = [(k, v) for k, v in message["headers"] if k.lower() not in _BODY_HEADERS]
                    await send({**message, "headers": kept + response.raw_headers})
                    await send({"type": "http.response.body", "body": response.body})
                    return
            elif replaced:
                return
            await send(message)

        await self.app(scope, receive, send_problems)


_BODY_HEADERS = {b"content-type", b"content-length", b"cache-control"}


ErrorPage = Callable[[Request, int, str | None, dict | None], Response]


def install(app: FastAPI, error_page: ErrorPage) -> None:
    """Answer every error with a problem document on the API and a page elsewhere; never a stack trace.

    The pages are drawn by error_page (app/web/errors.py), given here so that this plumbing needs no templates."""
    app.state.error_page = error_page
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
