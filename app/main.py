"""The ASGI application: create_app(settings) wires settings, database, routers, errors and static files."""

import gc
import logging
import re
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from sqlmodel import Session

from app import admin
from app.api import calculators as api_calculators
from app.api import content as api
from app.api import examples as api_examples
from app.api import scenarios as api_scenarios
from app.api import search as api_search
from app.content import search_index
from app.content.files.transfer import prepare_database
from app.db import has_table, make_engine, schema_lock
from app.http import db_answers, health, problems
from app.http.caching import CachePolicyMiddleware
from app.http.compression import CompressMiddleware
from app.http.content_revision import ContentRevision
from app.http.cors import PublicReadCorsMiddleware
from app.http.render_cache import RenderCacheMiddleware
from app.http.request_log import RequestLogMiddleware
from app.http.security import AllowedHostsMiddleware, SecurityMiddleware, parse_allowed_hosts, script_hash_policy
from app.http.static_assets import AssetFiles
from app.settings import PROJECT_ROOT, Settings
from app.web import calculators as web_calculators
from app.web import compare, concepts, errors, home
from app.web import problems as web_problems
from app.web import scenarios as web_scenarios
from app.web import search as web_search
from app.web import stacks as web_stacks

log = logging.getLogger(__name__)
SWAGGER_UI = "swagger-ui-5.35.0"


def create_app(settings: Settings | None = None, *, freeze_gc: bool = False) -> FastAPI:
    """Build the app; on start-up it migrates the database and imports content/ into an empty one.

    freeze_gc: for the served app only (one per process); apps made and dropped one after another, as tests do,
    would keep what each froze."""
    settings = settings or Settings()
    engine = make_engine(settings.database_url)
    revision = ContentRevision(engine)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        try:
            # Replicas starting together take turns: one migrates and imports, the others find it done.
            with schema_lock(engine):
                if settings.migrate_on_start:
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

    app = FastAPI(
        title="Docker ↔ Kubernetes concept explorer",
        version="1",
        description="Concepts, comparisons and stacks from the post “k8s와 docker 관계” (2022-07-04), "
        "in Korean and English.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine
    problems.install(app, error_page=errors.error_page)
    db_answers.install(app)  # PostgreSQL refuses some values SQLite takes: a 400, not a 500
    app.include_router(health.router)
    app.include_router(api.router)
    app.include_router(home.router)
    app.include_router(concepts.router)
    app.include_router(compare.router)
    app.include_router(web_stacks.router)
    admin.install(app)
    app.add_middleware(SecurityMiddleware)
    app.add_middleware(CachePolicyMiddleware)
    app.add_middleware(problems.ApiProblemMiddleware)
    # Outside the problem documents (which replace error bodies); kept pages are compressed once, below.
    app.add_middleware(CompressMiddleware)
    # A kept page skips everything inside: it holds the headers those layers added (they depend on nothing
    # the cache key leaves out); CORS (by Origin) and the request log (an id per request) still run.
    app.add_middleware(RenderCacheMiddleware, revision=revision)
    app.add_middleware(PublicReadCorsMiddleware)
    app.include_router(api_calculators.router)
    app.include_router(web_calculators.router)
    app.include_router(api_scenarios.router)
    app.include_router(web_scenarios.router)
    app.include_router(api_search.router)
    app.include_router(web_search.router)
    app.include_router(web_problems.router)
    api_examples.install(app)

    @app.get("/docs", include_in_schema=False)
    def show_api_docs():
        """The API reference, rendered by Swagger UI from our own static files."""
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url, title=f"{app.title} · API",
            swagger_js_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui-bundle.js",
            swagger_css_url=f"/static/vendor/{SWAGGER_UI}/swagger-ui.css",
            swagger_favicon_url="/static/img/favicon.svg",
        )
        # Swagger UI starts from an inline script: allow exactly that script by its hash.
        inline = re.findall(r"<script>(.*?)</script>", page.body.decode(), re.S)
        page.headers["Content-Security-Policy"] = script_hash_policy(*inline)
        return page

    # Content-hashed names (static_url in templates) are cached for a year; plain names still work.
    app.mount("/static", AssetFiles(directory=PROJECT_ROOT / "static"), name="static")
    # Outside the render cache, so a kept page is not handed out for a host the app does not answer for.
    app.add_middleware(AllowedHostsMiddleware, allowed=parse_allowed_hosts(settings.allowed_hosts))
    app.add_middleware(RequestLogMiddleware)  # outermost: it sees every request and its final status
    return app


app = create_app(freeze_gc=True)  # what `explorer serve` runs
