"""The JSON API under /api/v1 and its description: `routers` in the order they are matched, `install` adds the
examples to the OpenAPI description."""

from app.api import calculators, content, docs, examples, guides, scenarios, search

routers = [content.router, guides.router, calculators.router, scenarios.router, search.router, docs.router]
install = examples.install
