"""The HTML pages for learners: one router per area, each included under the language prefix, so every page lives
at /ko/… and /en/…. The areas most readers arrive at are loaded with the app (`routers`, in the order they are
matched); the others (`LATER`: the interactive areas, with the simulator and the explorer's code only they use) are
imported on their first request, as app.http.lazy_routes does it, and so is the sitemap."""

from collections.abc import Callable
from importlib import import_module

from fastapi import APIRouter

# Before the routers below are made: their routes are checked against pydantic.v1 models.
from app.http import pydantic_v1_check  # noqa: F401, I001
from app.i18n.languages import LANGUAGES
from app.web import compare, concepts, glossary, home, preferences
from app.web.languages import PREFIX

routers = [home.router, concepts.router, compare.router, glossary.router]
# Each area loaded on its first request, by the first segment of its paths: the module of app.web with its routes.
LATER = {"stacks": "stacks", "calculators": "calculators", "scenarios": "scenarios", "questions": "questions",
         "path": "learning_path", "map": "concept_map", "search": "search", "problems": "problems"}
# The first path segment of every page ("" for the home page), for the redirects of addresses without a language.
sections = frozenset(route.path.lstrip("/").partition("/")[0] for router in routers for route in router.routes) | set(LATER)
# Outside the languages: the address that remembers the reader's language; and, loaded later, the sitemap and
# robots.txt (SITEMAP_PATHS).
site_routers = [preferences.router]
SITEMAP_PATHS = ("/sitemap.xml", "/robots.txt")


def section_paths(section: str) -> tuple[str, ...]:
    """The addresses an area's pages are at or under, in every language."""
    return tuple(f"/{code}/{section}" for code in LANGUAGES)


def later_router(section: str) -> APIRouter:
    """Import an area that is loaded on its first request, and return its router."""
    return import_module(f"app.web.{LATER[section]}").router


def section_routers(section: str) -> Callable[[], list[APIRouter]]:
    """The group's loader for app.http.lazy_routes: imports the area and returns its router."""
    return lambda: [later_router(section)]


def sitemap_routers() -> list[APIRouter]:
    """Import the sitemap and return its router."""
    return [import_module("app.web.sitemap").router]


def every_page_router() -> list[APIRouter]:
    """Every area's router, the later ones imported now: for what must see every page."""
    return routers + [later_router(section) for section in LATER]


__all__ = ["LATER", "PREFIX", "SITEMAP_PATHS", "every_page_router", "later_router", "routers", "section_paths",
           "section_routers", "sections", "site_routers", "sitemap_routers"]
