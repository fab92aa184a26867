"""The HTML pages for learners: one router per area, listed in `routers` in the order they are matched; each is
included under the language prefix, so every page lives at /ko/… and /en/…."""

# Before the routers below are made: their routes are checked against pydantic.v1 models.
from app.http import pydantic_v1_check  # noqa: F401, I001
from app.web import (
    calculators,
    compare,
    concept_map,
    concepts,
    glossary,
    home,
    learning_path,
    preferences,
    problems,
    questions,
    scenarios,
    search,
    sitemap,
    stacks,
)
from app.web.languages import PREFIX

routers = [home.router, concepts.router, compare.router, stacks.router, calculators.router, scenarios.router,
           glossary.router, questions.router, learning_path.router, concept_map.router, search.router,
           problems.router]
# The first path segment of every page ("" for the home page), for the redirects of addresses without a language.
sections = frozenset(route.path.lstrip("/").partition("/")[0] for router in routers for route in router.routes)
# Outside the languages: the address that remembers the reader's language, the sitemap and robots.txt.
site_routers = [preferences.router, sitemap.router]
__all__ = ["PREFIX", "routers", "sections", "site_routers"]
