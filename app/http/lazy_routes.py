"""Route groups imported on first use, so that a worker starts without what serving its pages does not need."""

import threading
from collections.abc import Callable, Sequence

import anyio
from fastapi import APIRouter, FastAPI
from starlette._utils import get_route_path
from starlette.datastructures import URLPath
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send


class LazyRoutes(BaseRoute):
    """Stands where a group's routers belong in the app's routes. The first request under one of its paths (or
    load(): the OpenAPI description needs every route) imports the group and includes its routers in this one's
    place; the request is then routed again, as if they had been there from the start: same order, same answers."""

    def __init__(self, app: FastAPI, paths: Sequence[str], routers: Callable[[], Sequence[APIRouter]],
                 prefix: str = ""):
        self.app = app
        self.paths = tuple(paths)  # every path of the group is one of these or below one of them
        self.routers = routers  # imports the group and returns its routers, in the order they are matched
        self.prefix = prefix  # what the routers are included under (the pages: their language)
        self.loaded = False
        self._imported: Sequence[APIRouter] | None = None
        self._lock = threading.Lock()

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http":
            return Match.NONE, {}
        asked = get_route_path(scope)  # as the routes match it: without the root path a proxy may add
        if any(asked == path or asked.startswith(path + "/") for path in self.paths):
            return Match.FULL, {}
        return Match.NONE, {}

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.loaded:
            # The import is CPU work (a tenth of a second or so): in a thread, the event loop keeps answering. The
            # routes are put in place back here, in the loop's thread, the one that reads them.
            routers = await anyio.to_thread.run_sync(self._import)
            self._include(routers)
        await self.app.router.app(scope, receive, send)

    def load(self) -> None:
        """Import and include the group now (once)."""
        if not self.loaded:
            self._include(self._import())

    def _import(self) -> Sequence[APIRouter]:
        # Once: requests that arrive while the first one imports wait for it (in their threads) and share its result.
        with self._lock:
            if self._imported is None:
                self._imported = self.routers()
            return self._imported

    def _include(self, routers: Sequence[APIRouter]) -> None:
        with self._lock:
            if self.loaded:
                return
            routes = self.app.router.routes
            before = len(routes)
            for router in routers:
                self.app.include_router(router, prefix=self.prefix)  # appended at the end: moved to this one's place
            added = routes[before:]
            del routes[before:]
            at = routes.index(self)
            routes[at:at + 1] = added
            self.loaded = True

    def url_path_for(self, name: str, /, **path_params) -> URLPath:
        # Names are unique: one that a route always present has is that route's, and the group is loaded only to
        # find a name no other route has.
        for route in self.app.router.routes:
            if not isinstance(route, LazyRoutes):
                try:
                    route.url_path_for(name, **path_params)
                except NoMatchFound:
                    continue
                raise NoMatchFound(name, path_params)
        self.load()
        return self.app.router.url_path_for(name, **path_params)


def load_all(app: FastAPI) -> None:
    """Load every group still waiting."""
    for route in list(app.router.routes):
        if isinstance(route, LazyRoutes):
            route.load()


def include_later(app: FastAPI, paths: Sequence[str], routers: Callable[[], Sequence[APIRouter]],
                  prefix: str = "") -> LazyRoutes:
    """Add a group whose routers are imported and included (under prefix) on first use; the OpenAPI description
    loads it first, so that it lists every route as if the group had been included from the start."""
    group = LazyRoutes(app, paths, routers, prefix)
    app.router.routes.append(group)
    build = app.openapi

    def openapi() -> dict:
        group.load()
        return build()

    app.openapi = openapi
    return group
