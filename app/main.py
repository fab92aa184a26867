"""The ASGI application: create_app(settings) assembles the packages' routers under one middleware stack."""

import gc

# Importing and building the app makes a few hundred thousand objects that live as long as the process (modules,
# routes, models, schemas); the collector, run again and again while they are made, would only walk them each time
# (a tenth of a worker's start-up). It runs again once the app is built, with those objects frozen out of its reach:
# see served_app() at the end of this module.
gc.disable()

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware import Middleware
from sqlmodel import Session

from app import admin, api, web
from app.content import search_index
from app.db import has_table, make_engine, schema_lock
from app.http import db_answers, health, lazy_routes, problems
from app.http.caching import CachePolicyMiddleware
from app.http.compression import CompressMiddleware
from app.http.content_revision import ContentRevision
from app.http.cors import PublicReadCorsMiddleware
from app.http.front_door import FrontDoor
from app.http.language_redirects import LanguageRedirectMiddleware
from app.http.render_cache import RenderCache, RenderCacheMiddleware
from app.http.request_log import RequestLogMiddleware
from app.http.security import AllowedHostsMiddleware, SecurityHeadersMiddleware, SecurityMiddleware, parse_allowed_hosts
from app.http.slow_clients import BodyDeadlineMiddleware
from app.http.static_assets import AssetFiles
from app.settings import PROJECT_ROOT, Settings
from app.web import errors

log = logging.getLogger(__name__)


def middleware(settings: Settings, revision: ContentRevision, cache: RenderCache) -> list[Middleware]:
    """The layers every request passes through, outermost first; each says why it sits where it does."""
    return [
        # Sees every request and the final status of every answer, errors and kept pages included.
        Middleware(RequestLogMiddleware),
        # Outside everything that may answer on its own (host refusals, CORS preflights, kept pages, 413s), so
        # that every answer carries them; the 500 page, answered outside all of these, adds them itself.
        Middleware(SecurityHeadersMiddleware),
        # Outside the render cache, so that a kept page is never handed out for a host the app does not answer for.
        Middleware(AllowedHostsMiddleware, allowed=parse_allowed_hosts(settings.allowed_hosts)),
        # By Origin, which the cache key leaves out: it runs for kept pages too.
        Middleware(PublicReadCorsMiddleware),
        # A kept page skips everything inside: it holds the headers those layers added (they depend on nothing
        # the cache key leaves out).
        Middleware(RenderCacheMiddleware, revision=revision, cache=cache),
        # Outside the problem documents (which replace error bodies); kept pages were compressed once, above.
        Middleware(CompressMiddleware),
        Middleware(problems.ApiProblemMiddleware),
        Middleware(CachePolicyMiddleware),
        # Times the body as the route reads it; its 408 is answered by the app's error handlers, like any other.
        Middleware(BodyDeadlineMiddleware, seconds=settings.body_timeout_seconds),
        Middleware(SecurityMiddleware),
        # Innermost, so that its redirects carry the security headers and the cache policy like any answer; they
        # are private, so the render cache never keeps them.
        Middleware(LanguageRedirectMiddleware, sections=web.sections),
    ]


class ExplorerApp(FastAPI):
    """FastAPI, with a front door: a request for a kept page is answered before the middleware stack, as the
    stack would have answered it (app/http/front_door.py); every other request goes through the stack."""

    front_door: FrontDoor | None = None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and self.front_door is not None and await self.front_door.answer(scope, send):
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, freeze_gc: bool = False) -> ExplorerApp:
    """Build the app; on start-up it migrates the database and imports content/ into an empty one.

    freeze_gc: for the served app only (one per process); apps made and dropped one after another, as tests do,
    would keep what each froze."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    revision = ContentRevision(engine)
    cache = RenderCache()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:
            # Replicas starting together take turns: one migrates and imports, the others find it done.
            with schema_lock(engine):
                if settings.migrate_on_start:
                    # Imported here: a worker that `explorer serve` started finds the database ready, and skips this.
                    from app.content.files.transfer import prepare_database

                    summary = prepare_database(engine, settings.content_dir if settings.import_on_start else None)
                    if summary is not None:
                        log.info("imported content: %d items", len(summary.created))
                admin.create_configured_admin(engine, settings)
                if has_table(engine, "searchdocument"):
                    with Session(engine) as session:
                        search_index.ensure_index(session)
            if freeze_gc:
                # Everything made so far lives as long as the process (routes, models, schemas, the content
                # loaded at start): moved out of the collector's reach, a full collection no longer walks it, and
                # the pauses that made the slowest 1% of cached pages wait 80-150 ms instead of 7 ms are gone.
                # https://docs.python.org/3/library/gc.html#gc.freeze
                gc.collect()
                gc.freeze()
            yield
        finally:  # a start that failed half-way releases its connections too
            revision.close()
            engine.dispose()

    app = ExplorerApp(
        title="Docker ↔ Kubernetes concept explorer",
        version="1",
        description="Concepts, comparisons and stacks from the post “k8s와 docker 관계” (2022-07-04), "
        "in Korean and English.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        middleware=middleware(settings, revision, cache),
    )
    app.front_door = FrontDoor(cache, revision, parse_allowed_hosts(settings.allowed_hosts))
    app.state.settings = settings
    app.state.engine = engine
    problems.install(app, error_page=errors.error_page)
    db_answers.install(app)  # PostgreSQL refuses some values SQLite takes: a 400, not a 500
    app.include_router(health.router)
    # The API and the admin are imported on their first request (or when the OpenAPI description is asked for):
    # a worker starts without them. Each group stands where its routes are matched.
    lazy_routes.include_later(app, api.PATHS, api.routers)
    for router in web.routers:
        app.include_router(router, prefix=web.PREFIX)  # /ko/… and /en/…
    for section in web.LATER:  # each area imported on its first request, under its language too
        lazy_routes.include_later(app, web.section_paths(section), web.section_routers(section), prefix=web.PREFIX)
    for router in web.site_routers:
        app.include_router(router)
    lazy_routes.include_later(app, web.SITEMAP_PATHS, web.sitemap_routers)
    lazy_routes.include_later(app, admin.PATHS, admin.routers)
    admin.install(app)
    api.install(app)
    # Content-hashed names (static_url in templates) are cached for a year; plain names still work.
    app.mount("/static", AssetFiles(directory=PROJECT_ROOT / "static"), name="static")
    return app


def served_app() -> ExplorerApp:
    """The app `explorer serve` runs, one per worker process; the collector, paused while the modules above were
    imported, runs again with everything made so far frozen (and once more when the app has started)."""
    try:
        served = create_app(freeze_gc=True)
        gc.freeze()  # https://docs.python.org/3/library/gc.html#gc.freeze
        return served
    finally:
        gc.enable()


app = served_app()
