"""The app's input surface, read from the app itself: its routes with their parameters, and the fields of the
forms its pages render, so that a new parameter or field is fuzzed without anyone listing it here."""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fastapi.routing import iter_route_contexts

from app.http.lazy_routes import load_all

TRACEBACK_MARKERS = ("Traceback (most recent call last)", 'File "/', "sqlalchemy.exc", "pydantic_core")
_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_FIELD = re.compile(r"<(?:input|select|textarea|button)\b[^>]*\bname=\"([^\"]+)\"", re.S)


@dataclass
class Route:
    """One route: its methods, path template, and the parameters FastAPI reads (its dependencies' included)."""

    path: str
    methods: frozenset[str]
    path_params: list = field(default_factory=list)
    query_params: list = field(default_factory=list)

    @property
    def query_names(self) -> set[str]:
        return {param.alias for param in self.query_params}

    def query_field(self, name: str):
        return next(param for param in self.query_params if param.alias == name)


def routes(app) -> list[Route]:
    """Every route of the app with a dependency tree (the docs and openapi.json routes have none)."""
    load_all(app)  # the API and the admin too, which a served app imports on their first request
    found = []
    for context in iter_route_contexts(app.router.routes):
        dependant = getattr(context.route, "dependant", None)
        if dependant is None:
            continue
        query, path, stack = [], [], [dependant]
        while stack:
            current = stack.pop()
            query += current.query_params
            path += current.path_params
            stack += current.dependencies
        unique = {param.alias: param for param in query}
        found.append(Route(context.path, frozenset(context.methods or ()), list({p.alias: p for p in path}.values()),
                           list(unique.values())))
    return found


def form_fields(page: str, action_path: str | None = None, method: str = "get") -> dict[str, set[str]]:
    """The field names of the forms on a page, by the path they submit to (only forms with this method)."""
    forms: dict[str, set[str]] = {}
    for attributes, body in _FORM.findall(page):
        form_method = re.search(r'method="([^"]+)"', attributes)
        if (form_method.group(1) if form_method else "get").lower() != method:
            continue
        action = re.search(r'action="([^"]*)"', attributes)
        path = urlsplit(html.unescape(action.group(1))).path if action else action_path
        forms.setdefault(path or action_path or "", set()).update(html.unescape(name) for name in _FIELD.findall(body))
    return forms


def no_traceback(text: str) -> bool:
    return not any(marker in text for marker in TRACEBACK_MARKERS)


def field_errors(page: str) -> dict[str, str]:
    """The non-empty error messages printed beside the fields of a public GET form (id="err-<name>")."""
    return {name: re.sub(r"<[^>]+>", "", text).strip()
            for name, text in re.findall(r'<p id="err-([^"]+)"[^>]*>(.*?)</p>', page, re.S)
            if re.sub(r"<[^>]+>", "", text).strip()}
