"""The JSON API under /api/v1 and its description. It is imported on its first request (see app.http.lazy_routes):
`routers()` imports it and returns its routers in the order they are matched; `install` adds the examples to the
OpenAPI description."""

from fastapi import FastAPI
from fastapi.routing import APIRouter

PATHS = ("/api/v1", "/docs")  # every path of the API's routes is one of these or below one of them


def routers() -> list[APIRouter]:
    """Import the API and return its routers."""
    from app.api import calculators, content, docs, guides, scenarios, search

    return [content.router, guides.router, calculators.router, scenarios.router, search.router, docs.router]


def install(app: FastAPI) -> None:
    """Have the app's OpenAPI description carry the examples (computed, with the simulator, when first asked for)."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            from app.api.examples import add_examples

            app.openapi_schema = add_examples(build())
        return app.openapi_schema

    app.openapi = openapi
