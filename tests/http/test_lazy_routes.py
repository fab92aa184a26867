"""A group of routes imported on first use answers exactly as if it had been included from the start."""

import asyncio

import httpx
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from app.http.lazy_routes import LazyRoutes, include_later, load_all


def _routers() -> tuple[APIRouter, APIRouter, APIRouter]:
    """Three routers whose order decides who answers: an earlier catch-all, the group, a later catch-all."""
    first, group, last = APIRouter(), APIRouter(), APIRouter()

    @first.get("/a/{x}")
    def by_first(x: str) -> dict:
        return {"by": "first", "x": x}

    @group.get("/a/b")
    def group_b() -> dict:
        return {"by": "group"}

    @group.get("/a/b/c")
    def group_c() -> dict:
        return {"by": "group"}

    @group.post("/a/b/d")
    def group_d() -> dict:
        return {"by": "group"}

    @last.get("/a/{x}/c")
    def by_last(x: str) -> dict:
        return {"by": "last", "x": x}

    return first, group, last


def _apps() -> tuple[FastAPI, FastAPI, list[int]]:
    """The same routes, included at once in one app and on first use in the other; and how often the group was
    imported."""
    first, group, last = _routers()
    eager = FastAPI()
    for router in (first, group, last):
        eager.include_router(router)
    imports = []

    def load_group() -> list[APIRouter]:
        imports.append(1)
        return [group]

    lazy = FastAPI()
    lazy.include_router(first)
    include_later(lazy, ("/a",), load_group)
    lazy.include_router(last)
    return eager, lazy, imports


ASKED = [("GET", "/a/b"), ("GET", "/a/b/c"), ("GET", "/a/z/c"), ("GET", "/a/b/c/"), ("GET", "/a/b/d"),
         ("POST", "/a/b/d"), ("GET", "/a"), ("GET", "/a/b/x/y"), ("GET", "/elsewhere")]


def _answers(app: FastAPI) -> list[tuple[int, str, str | None]]:
    with TestClient(app) as client:
        return [(response.status_code, response.text, response.headers.get("location"))
                for response in (client.request(method, path, follow_redirects=False) for method, path in ASKED)]


def test_a_group_loaded_on_first_use_answers_as_if_included_from_the_start():
    eager, lazy, imports = _apps()
    expected = _answers(eager)
    assert [status for status, _, _ in expected] == [200, 200, 200, 307, 405, 200, 404, 404, 404]
    assert expected[0][1] == '{"by":"first","x":"b"}'  # the earlier route still wins
    assert expected[1][1] == '{"by":"group"}' and expected[2][1] == '{"by":"last","x":"z"}'
    assert _answers(lazy) == expected
    assert imports == [1]


def test_a_request_elsewhere_does_not_load_the_group():
    _, lazy, imports = _apps()
    with TestClient(lazy) as client:
        assert client.get("/elsewhere").status_code == 404
        assert client.get("/ab").status_code == 404
    assert imports == []
    assert any(isinstance(route, LazyRoutes) for route in lazy.router.routes)


def test_the_openapi_description_lists_the_group_as_if_included_from_the_start():
    eager, lazy, imports = _apps()
    assert imports == []
    assert lazy.openapi() == eager.openapi()
    assert imports == [1]
    with TestClient(lazy) as client:
        assert client.get("/a/b/c").json() == {"by": "group"}
    assert imports == [1]


def test_requests_arriving_together_load_the_group_once():
    _, lazy, imports = _apps()

    async def ask_together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=lazy)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get("/a/b/c") for _ in range(8)))

    responses = asyncio.run(ask_together())
    assert [response.json() for response in responses] == [{"by": "group"}] * 8
    assert imports == [1]
    assert not any(isinstance(route, LazyRoutes) for route in lazy.router.routes)


def test_load_all_puts_every_group_in_place():
    eager, lazy, imports = _apps()
    load_all(lazy)
    assert imports == [1]
    assert [type(route) for route in lazy.router.routes] == [type(route) for route in eager.router.routes]


def test_route_names_resolve_before_the_group_is_loaded_and_only_theirs_load_it():
    _, lazy, imports = _apps()
    assert lazy.url_path_for("by_last", x="q") == "/a/q/c"
    assert imports == []
    assert lazy.url_path_for("group_c") == "/a/b/c"
    assert imports == [1]


def test_a_root_path_is_left_out_as_the_routes_leave_it_out():
    _, lazy, imports = _apps()
    with TestClient(lazy, root_path="/behind") as client:
        assert client.get("/behind/a/b/c").json() == {"by": "group"}
    assert imports == [1]
