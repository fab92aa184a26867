"""Addresses without a language, and the older ?lang= links, redirect to the page under its language (/ko/…, /en/…).

A page's language is in its path, so its response depends on the URL alone and any shared cache may keep it. What
a reader asks for without one (`/`, `/concepts/docker`) is answered with a 302 to their language: the language
switch's cookie, else Accept-Language, else Korean; that answer varies by both and no shared cache keeps it. Links
shared before the language moved into the path (`?lang=en`) keep working with a permanent 301.
"""

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Match
from starlette.types import ASGIApp, Receive, Scope, Send

from app.http.deps import path_language, preferred_language
from app.http.lazy_routes import LazyRoutes
from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES

NEGOTIATED_HEADERS = {"Vary": "Accept-Language, Cookie", "Cache-Control": "private, no-cache"}


def _is_page(app, path: str) -> bool:
    """Whether a page answers this path under a language prefix: the routes themselves say, so no list of pages
    is kept here."""
    # With or without a trailing slash: /concepts/ goes to /ko/concepts/, which the router then sends on to
    # /ko/concepts as it did before the language moved into the path.
    for candidate in {path, path.rstrip("/") or "/"}:
        probe = {"type": "http", "method": "GET", "path": f"/{DEFAULT_LANGUAGE}{candidate}", "root_path": ""}
        for route in app.router.routes:
            if route.matches(probe)[0] == Match.FULL:
                if not isinstance(route, LazyRoutes):
                    return True
                # An area not loaded yet answers for every path under it: loaded (once, a few milliseconds), its
                # own routes say whether this one is a page.
                route.load()
                return _is_page(app, path)
    return False


def _target(code: str, rest: str, params: list[tuple[str, str]]) -> str:
    query = urlencode([(k, v) for k, v in params if k != "lang"])
    return f"/{code}{rest}" + (f"?{query}" if query else "")


class LanguageRedirectMiddleware:
    """302 from an address without a language to the reader's; 301 from ?lang= to the language's own path."""

    def __init__(self, app: ASGIApp, sections: frozenset[str]):
        self.app = app
        # The first path segment of every page ("" for the home page): the API, the admin and static files are
        # ruled out by one set lookup before any route is matched.
        self.sections = sections

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        response = self._redirect(scope)
        await (response or self.app)(scope, receive, send)

    def _redirect(self, scope: Scope) -> RedirectResponse | None:
        path = scope["path"]
        query = scope.get("query_string", b"")
        params = parse_qsl(query.decode("latin-1"), keep_blank_values=True) if query else []
        asked = next((v for k, v in reversed(params) if k == "lang" and v in LANGUAGES), None)
        code = path_language(path)
        if code is not None:
            rest = path[len(code) + 1:]
            if rest == "":  # /en → /en/, the home page's own address
                return RedirectResponse(_target(code, "/", params), status_code=301)
            if any(k == "lang" for k, _ in params):
                return RedirectResponse(_target(asked or code, rest, params), status_code=301)
            return None
        if not self._may_be_page(scope["app"], path):
            return None
        if asked is not None:
            return RedirectResponse(_target(asked, path, params), status_code=301)
        return RedirectResponse(_target(preferred_language(Request(scope)), path, params), status_code=302,
                                headers=NEGOTIATED_HEADERS)

    def _may_be_page(self, app, path: str) -> bool:
        return path[1:].partition("/")[0] in self.sections and _is_page(app, path)
