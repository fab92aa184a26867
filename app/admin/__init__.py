"""The admin area under /admin: accounts, content forms, revisions; `routers` and install(app) wire it in."""

import logging

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.admin import accounts, auth, forms, history, items
from app.admin.deps import LoginRequired, SessionEnded, login_redirect
from app.content.kinds import EDITABLE
from app.settings import Settings
from app.web.templating import templates

log = logging.getLogger(__name__)


async def _login_required(request: Request, exc: LoginRequired):
    return login_redirect(exc.next_url, htmx=exc.htmx)


async def _session_ended(request: Request, exc: SessionEnded):
    # In a worker thread: it reads the database to draw the form (see deps.require_admin).
    return await run_in_threadpool(items.session_ended_page, request, exc)


# Login first, so that /admin/{kind} does not shadow it.
routers = [accounts.public, accounts.router, history.router, items.router]


def install(app: FastAPI) -> None:
    """Send anonymous visitors to the login form, and give the admin's templates their helpers."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(SessionEnded, _session_ended)
    templates.env.globals["pick"] = forms.pick
    templates.env.globals["admin_kinds"] = [kind.plural for kind in EDITABLE]
    templates.env.filters["markdown"] = items.preview_html
    templates.env.filters["markdown_inline"] = lambda text: items.preview_html(text, inline=True)


def create_configured_admin(engine: Engine, settings: Settings) -> None:
    """Create the admin named by EXPLORER_ADMIN_USER / EXPLORER_ADMIN_PASSWORD when there is none yet."""
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    with Session(engine) as db:
        try:
            user = auth.ensure_first_admin(db, settings.admin_user, password)
        except auth.AccountError as exc:
            log.error("EXPLORER_ADMIN_USER / EXPLORER_ADMIN_PASSWORD not used: %s", exc)
            return
    if user is not None:
        log.info("created the admin %r", user.username)
