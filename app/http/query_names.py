"""Which query parameters a response depends on: the ones its route declares or reads by name; any other is noise
the render cache must not key on (a flood of unique unknown parameters would otherwise fill it)."""

from starlette.requests import Request

# Read by name on every page, not declared by any route: the theme (templating.page_theme) and, outside the pages,
# the language (deps.page_language).
READ_EVERYWHERE = frozenset({"theme", "lang"})
_STATE_KEY = "query_names_read"
# Kept on the route itself (routes are not hashable), worked out on its first answer.
_ATTRIBUTE = "_explorer_query_names"


def note_read(request: Request, names) -> None:
    """Record that the route read these query parameters by name (forms whose fields a definition lists)."""
    read = request.scope.setdefault("state", {}).setdefault(_STATE_KEY, set())
    read.update(names)


def declared(route) -> frozenset[str]:
    """The query parameters a route declares, with those of its dependencies."""
    if route is None:
        return frozenset()
    names = getattr(route, _ATTRIBUTE, None)
    if names is None:
        names = _query_names(getattr(route, "dependant", None))
        setattr(route, _ATTRIBUTE, names)
    return names


def all_known(scope, names) -> bool:
    """Whether the route that answered this request declares or read every one of these query parameters."""
    extra = set(names) - READ_EVERYWHERE
    if not extra:
        return True
    extra -= declared(scope.get("route"))
    return not extra or extra <= scope.get("state", {}).get(_STATE_KEY, set())


def _query_names(dependant) -> frozenset[str]:
    """A FastAPI dependant's query parameters and those of the dependencies under it."""
    if dependant is None:
        return frozenset()
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)
