"""Logging in and out, and changing the password."""

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.admin import auth
from app.admin.deps import (
    AdminDep,
    FormDep,
    admin_page,
    refuse_write,
    safe_next,
    same_origin,
    set_session_cookie,
)
from app.http.cookies import ADMIN_PATH, LOGIN_COOKIE, SESSION_COOKIE
from app.http.deps import SessionDep

# The login form: no session yet, so its CSRF token is a random value also sent as a cookie (double submit).
public = APIRouter(prefix="/admin", default_response_class=HTMLResponse, include_in_schema=False)
router = APIRouter(prefix="/admin", default_response_class=HTMLResponse, include_in_schema=False)


def _login_form(request: Request, next_url: str, *, error: str | None = None, username: str = "",
                status_code: int = 200, headers: dict | None = None):
    token = secrets.token_urlsafe(32)
    response = admin_page(request, "admin/login.html", {
        "next": next_url, "error": error, "username": username, "login_token": token,
    }, status_code=status_code)
    response.set_cookie(LOGIN_COOKIE, token, path=f"{ADMIN_PATH}/login", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    response.headers.update(headers or {})
    return response


@public.get("/login")
def show_login(request: Request, next: str | None = None):
    """The login form."""
    return _login_form(request, safe_next(next))


@public.post("/login")
def log_in(request: Request, db: SessionDep, form: FormDep):
    """Log in: check the form came from here, slow down guessing, then start a fresh session."""
    username, password = str(form.get("username") or ""), str(form.get("password") or "")
    next_url = safe_next(str(form.get("next") or ""))
    if not same_origin(request) or not auth.csrf_matches(request.cookies.get(LOGIN_COOKIE, ""),
                                                         str(form.get("csrf_token") or "")):
        raise refuse_write(request, "the login form's Origin or CSRF token is not right",
                           "The login form has expired or was not sent from this site. Please try again.")
    if auth.too_long_to_check(username, password):
        # Cutting the input short (as this did) still hashed it, and let a longer password stand for its prefix;
        # refuse it unhashed instead: no account has a username or password this long.
        return _login_form(request, next_url, error="login_too_long", username=username[:auth.MAX_USERNAME_LENGTH],
                           status_code=422)
    if auth.has_control_characters(username):
        # No account has such a username (create_admin refuses them), and PostgreSQL cannot even look up a NUL:
        # a failed login, answered without a query or a hash.
        return _login_form(request, next_url, error="login_failed", status_code=401)
    client = request.client.host if request.client else "unknown"
    wait = auth.login_delay(db, username, client)
    if wait:
        return _login_form(request, next_url, error="login_throttled", username=username, status_code=429,
                           headers={"Retry-After": str(wait)})
    user = auth.authenticate(db, username, password)
    if user is None:
        auth.record_failure(db, username, client)
        return _login_form(request, next_url, error="login_failed", username=username, status_code=401)
    auth.clear_failures(db, username)
    secret = request.app.state.settings.session_secret
    # A new session on every login: a session id planted before logging in is never reused.
    auth.end_session(db, request.cookies.get(SESSION_COOKIE), secret)
    cookie = auth.start_session(db, user, secret)
    response = RedirectResponse(next_url, status_code=303)
    set_session_cookie(request, response, cookie)
    response.delete_cookie(LOGIN_COOKIE, path=f"{ADMIN_PATH}/login")
    return response


@router.post("/logout")
def log_out(request: Request, db: SessionDep, admin: AdminDep):
    """End this session on the server, so the cookie stops working even where it was copied."""
    auth.end_session(db, request.cookies.get(SESSION_COOKIE), request.app.state.settings.session_secret)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path=ADMIN_PATH)
    return response


@router.get("/password")
def show_password_form(request: Request, admin: AdminDep, saved: bool = False):
    """The form to change one's password."""
    return admin_page(request, "admin/password.html", {"errors": {}, "saved": saved})


@router.post("/password")
def change_password(request: Request, db: SessionDep, admin: AdminDep, form: FormDep):
    """Change the password; every other session of this admin ends."""
    old, new, again = (str(form.get(name) or "") for name in ("current", "new", "again"))
    errors = {}
    if new != again:
        errors["again"] = "password_mismatch"
    else:
        try:
            auth.change_password(db, admin, old, new)
        except auth.AccountError as exc:
            errors["current" if exc.code == "password_wrong" else "new"] = exc.code
    if errors:
        return admin_page(request, "admin/password.html", {"errors": errors, "saved": False}, status_code=422)
    return RedirectResponse("/admin/password?saved=1", status_code=303)

