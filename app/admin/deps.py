"""Who may use the admin: the session cookie, the CSRF and Origin checks, and rendering admin pages."""

import logging
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.responses import Response

from app.admin import auth
from app.admin.errors import LoginRequired, SessionEnded
from app.http.cookies import ADMIN_PATH, RELOGIN_COOKIE, SESSION_COOKIE
from app.http.deps import SessionDep
from app.http.htmx import HX_CURRENT_URL, HtmxDetails
from app.web.templating import render

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


# Refused writes are security events: each is logged with its reason, beside the access line that has only a 403.
security_log = logging.getLogger("app.security")


# The routes that save an item's form: what they post is kept when the session has ended.
ITEM_FORMS = ("/admin/{kinds}/{key}", "/admin/{kinds}/new")


def refuse_write(request: Request, reason: str, message: str) -> HTTPException:
    """Log a refused write with its reason and the request's id, and return the 403 to raise."""
    client = request.client.host if request.client else None
    security_log.warning("refused %s %s: %s", request.method, request.url.path, reason,
                         extra={"method": request.method, "path": request.url.path, "client": client,
                                "request_id": request.scope.get("state", {}).get("request_id")})
    return HTTPException(403, message)


DEFAULT_PORTS = {"http": "80", "https": "443"}


def _origin(scheme: str, netloc: str) -> tuple[str, str]:
    """An origin as the browser compares it: scheme and host:port, the default port written out."""
    scheme, netloc = scheme.lower(), netloc.lower()
    if not netloc.rpartition("]")[2].count(":") and scheme in DEFAULT_PORTS:
        netloc += ":" + DEFAULT_PORTS[scheme]
    return scheme, netloc


def same_origin(request: Request) -> bool:
    """Whether the request says it comes from a page of this site (Origin, else Referer): the same scheme, host
    and port, as https://html.spec.whatwg.org/multipage/browsers.html#same-origin compares them."""
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        origin = request.headers.get("referer")
    if not origin:
        return False
    try:
        parts = urlsplit(origin)
    except ValueError:  # "https://[" and the like: no origin at all, so not this site
        return False
    # The request's scheme is the one uvicorn saw, or the trusted proxy's X-Forwarded-Proto.
    here = _origin(request.url.scheme, request.headers.get("host", request.url.netloc))
    return bool(parts.netloc) and _origin(parts.scheme, parts.netloc) == here


async def check_csrf(request: Request, expected: str) -> None:
    """Refuse a write whose CSRF token or Origin is not right (403); nothing has been written yet."""
    if not same_origin(request):
        raise refuse_write(request, "the Origin (or Referer) is not this site",
                           "The request did not come from this site.")
    given = request.headers.get("x-csrf-token")
    if given is None:
        form = await request.form()
        value = form.get("csrf_token")
        given = value if isinstance(value, str) else None
    if not auth.csrf_matches(expected, given):
        raise refuse_write(request, "the CSRF token is missing or wrong",
                           "The form has expired or was not sent from this site. Please try again.")


async def require_admin(request: Request, db: SessionDep) -> auth.LoggedIn:
    """The logged-in admin; anonymous visitors are sent to log in, and every write must pass the CSRF check."""
    # In a worker thread like a sync route: waiting for a pooled connection on the event loop would stop the
    # requests that hold the connections from finishing, and the whole worker would hang until the pool timeout.
    current = await run_in_threadpool(auth.load_session, db, request.cookies.get(SESSION_COOKIE),
                                      request.app.state.settings.session_secret)
    if current is None:
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if HtmxDetails.from_request(request).request:
            # A redirect would be followed by htmx and the login form swapped into a fragment's place.
            raise LoginRequired(_page_behind(request) or here, htmx=True)
        if request.method in SAFE_METHODS:
            raise LoginRequired(here)
        route = request.scope.get("route")
        if getattr(route, "path", None) not in ITEM_FORMS:
            raise HTTPException(403, "Log in to make changes.")
        # The admin typed for longer than a session lasts: keep the text, and let them log in where it is.
        form = await request.form()
        if form.get("relogin_username") is None:
            raise SessionEnded(form)
        current = await _log_in_again(request, db, form)
        request.state.admin = current
        return current
    if request.method not in SAFE_METHODS:
        await check_csrf(request, current.session.csrf_token)
    request.state.admin = current
    return current


async def _log_in_again(request: Request, db, form: FormData) -> auth.LoggedIn:
    """Log in from the login inside a kept form, with the login form's checks; the new session's cookie is left in
    request.state.new_session for the answer. Failing, SessionEnded shows the form again with why."""
    username, password = str(form.get("relogin_username") or ""), str(form.get("relogin_password") or "")
    if not same_origin(request):
        raise refuse_write(request, "a login inside a form came from another site",
                           "The request did not come from this site.")
    if not auth.csrf_matches(request.cookies.get(RELOGIN_COOKIE, ""), str(form.get("relogin_token") or "")):
        raise SessionEnded(form, "login_expired", username[:auth.MAX_USERNAME_LENGTH])
    if auth.too_long_to_check(username, password) or auth.has_control_characters(username):
        raise SessionEnded(form, "login_failed")
    client = request.client.host if request.client else "unknown"
    secret = request.app.state.settings.session_secret

    def log_in() -> tuple[str | None, auth.LoggedIn | None, str]:
        if auth.login_delay(db, username, client):
            return "login_throttled", None, ""
        user = auth.authenticate(db, username, password)
        if user is None:
            auth.record_failure(db, username, client)
            return "login_failed", None, ""
        auth.clear_failures(db, username)
        cookie = auth.start_session(db, user, secret)
        return None, auth.load_session(db, cookie, secret), cookie

    error, current, cookie = await run_in_threadpool(log_in)
    if error:
        raise SessionEnded(form, error, username)
    request.state.new_session = cookie
    return current


def with_new_session(request: Request, response: Response) -> Response:
    """Send the cookie of a session started by a login inside a kept form, if this request started one."""
    cookie = getattr(request.state, "new_session", None)
    if cookie:
        set_session_cookie(request, response, cookie)
        response.delete_cookie(RELOGIN_COOKIE, path=ADMIN_PATH)
    return response


AdminDep = Annotated[auth.LoggedIn, Depends(require_admin)]


async def posted_form(request: Request) -> FormData:
    """The posted form, read on the event loop, so that the route using it can be a plain `def`: a route
    that queries the database must run in a worker thread (see require_admin)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(posted_form)]


def set_session_cookie(request: Request, response: Response, value: str) -> None:
    """Send the session cookie: HttpOnly, SameSite=Lax, Secure when the site is served over HTTPS."""
    response.set_cookie(SESSION_COOKIE, value, max_age=int(auth.SESSION_LIFETIME.total_seconds()),
                        path=ADMIN_PATH, httponly=True, samesite="lax", secure=request.url.scheme == "https")


def _page_behind(request: Request) -> str | None:
    """The admin page an htmx request was made from (HX-Current-URL), to come back to after logging in."""
    try:
        parts = urlsplit(request.headers.get(HX_CURRENT_URL, ""))
    except ValueError:
        return None
    page = parts.path + (f"?{parts.query}" if parts.query else "")
    return page if safe_next(page) == page else None


def login_redirect(next_url: str, htmx: bool = False) -> Response:
    """A redirect to the login form that comes back to next_url afterwards; for htmx, a 401 that sends the whole
    window there (https://htmx.org/reference/#response_headers)."""
    location = f"/admin/login?next={quote(next_url, safe='/')}"
    if htmx:
        return Response(status_code=401, headers={"HX-Redirect": location, "Cache-Control": "no-store",
                                                  "Vary": "HX-Request"})
    return Response(status_code=303, headers={"Location": location})


def safe_next(next_url: str | None) -> str:
    """Only an admin path on this site is a place to go back to after logging in."""
    if next_url and next_url.startswith("/admin") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/admin"


def admin_page(request: Request, page: str, context: dict, *, status_code: int = 200,
               fragment: str | None = None) -> Response:
    """Render an admin page with the admin and their CSRF token; never cached."""
    current = getattr(request.state, "admin", None)
    context = {"admin": current.user if current else None,
               "csrf_token": current.session.csrf_token if current else "", **context}
    response = render(request, page, context, status_code=status_code, fragment=fragment)
    response.headers["Cache-Control"] = "no-store"
    return response
