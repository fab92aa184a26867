"""The admin area under /admin: accounts, content forms, revisions. It is imported on its first request (see
app.http.lazy_routes): `routers()` imports it, `install(app)` adds at start-up what must be there from the start."""

import logging

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.routing import APIRouter
from sqlalchemy.engine import Engine

from app.admin.errors import LoginRequired, SessionEnded
from app.settings import Settings

log = logging.getLogger(__name__)
PATHS = ("/admin",)  # every admin route's path is this or below it


def routers() -> list[APIRouter]:
    """Import the admin, give its templates their helpers, and return its routers in the order they are matched."""
    from app.admin import accounts, forms, history, items
    from app.content.kinds import EDITABLE
    from app.web.templating import templates

    templates.env.globals["pick"] = forms.pick
    templates.env.globals["admin_kinds"] = [kind.plural for kind in EDITABLE]
    templates.env.filters["markdown"] = items.preview_html
    templates.env.filters["markdown_inline"] = lambda text: items.preview_html(text, inline=True)
    # Login first, so that /admin/{kind} does not shadow it.
    return [accounts.public, accounts.router, history.router, items.router]


async def _login_required(request: Request, exc: LoginRequired):
    from app.admin.deps import login_redirect  # imported already: only an admin route raises this

    return login_redirect(exc.next_url, htmx=exc.htmx)


async def _session_ended(request: Request, exc: SessionEnded):
    from app.admin.items import session_ended_page  # imported already: only an admin route raises this

    # In a worker thread: it reads the database to draw the form (see deps.require_admin).
    return await run_in_threadpool(session_ended_page, request, exc)


def install(app: FastAPI) -> None:
    """Send anonymous visitors to the login form (the handlers must be there before the first request)."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(SessionEnded, _session_ended)


def create_configured_admin(engine: Engine, settings: Settings) -> None:
    """Create the admin named by EXPLORER_ADMIN_USER / EXPLORER_ADMIN_PASSWORD when there is none yet."""
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    if not settings.admin_user or not password:
        return  # nothing configured: no need to import the accounts (and argon2) at all
    from sqlmodel import Session

    from app.admin import auth

    with Session(engine) as db:
        try:
            user = auth.ensure_first_admin(db, settings.admin_user, password)
        except auth.AccountError as exc:
            log.error("EXPLORER_ADMIN_USER / EXPLORER_ADMIN_PASSWORD not used: %s", exc)
            return
    if user is not None:
        log.info("created the admin %r", user.username)
