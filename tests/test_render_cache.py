"""The render cache: kept pages and JSON are served again unchanged, and an edit is seen on the very next request
by every app (worker or replica) on the database; private requests are never kept."""

import shutil

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.caching import SESSION_COOKIE
from app.content.service import import_content
from app.main import create_app
from app.models import ContentState
from app.render_cache import RenderCacheMiddleware, request_key
from tests.conftest import TEST_CONTENT

PAGE = "/concepts/docker"  # with ?lang= a page sets the language cookie, and is not kept
EN = {"Accept-Language": "en"}
JSON = "/api/v1/concepts/docker?lang=en"


def render_cache(client: TestClient) -> RenderCacheMiddleware:
    layer = client.app.middleware_stack
    while not isinstance(layer, RenderCacheMiddleware):
        layer = layer.app
    return layer


def edited_content(tmp_path, sentence: str):
    content = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, content, dirs_exist_ok=True)
    page = content / "concepts" / "docker.en.md"
    text = page.read_text()
    page.write_text(text.replace("\n---\n", f"\n---\n{sentence}\n", 1) if sentence not in text else text)
    return content


@pytest.mark.parametrize("path", [PAGE, JSON, "/stacks", "/", "/concepts?tag=docker"])
def test_a_second_request_is_served_from_the_cache_unchanged(client, path):
    cache = render_cache(client).cache
    first = client.get(path)
    hits = cache.hits
    second = client.get(path)
    assert first.status_code == second.status_code == 200
    assert cache.hits == hits + 1
    assert second.content == first.content and second.headers["etag"] == first.headers["etag"]
    assert second.headers["content-type"] == first.headers["content-type"]
    assert second.headers["x-content-type-options"] == "nosniff"  # the layers outside still run


def test_the_first_request_after_an_edit_shows_it_on_every_app_on_the_database(settings, tmp_path):
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        one.headers.update(EN)
        two.headers.update(EN)
        before = {(client, path): client.get(path) for client in (one, two) for path in (PAGE, JSON)}
        assert all(client.get(path).status_code == 200 for client, path in before)  # now kept
        import_content(one.app.state.engine, edited_content(tmp_path, "A wombat sentence."))
        for (client, path), old in before.items():
            new = client.get(path, headers={"If-None-Match": old.headers["etag"]})
            assert new.status_code == 200 and "wombat" in new.text, (client, path)
            assert new.headers["etag"] != old.headers["etag"]


def test_any_revision_bump_drops_kept_responses(client):
    cache = render_cache(client).cache
    client.get(PAGE)
    with Session(client.app.state.engine) as session:
        session.exec(update(ContentState).where(ContentState.id == 1).values(revision=ContentState.revision + 1))
        session.commit()
    hits = cache.hits
    client.get(PAGE)
    assert cache.hits == hits


@pytest.mark.parametrize("headers", [
    {"Accept-Language": "ko"}, {"HX-Request": "true"}, {"HX-Request": "true", "HX-Boosted": "true"},
    {"Cookie": "lang=ko"}, {"Cookie": "theme=dark"},
])
def test_what_changes_a_response_is_part_of_its_key(client, headers):
    plain = client.get("/concepts")
    varied = client.get("/concepts", headers=headers)
    fresh = TestClient(create_app(client.app.state.settings)).get("/concepts", headers=headers)
    assert varied.content == fresh.content
    scope = {"method": "GET", "path": "/concepts", "query_string": b"", "headers": []}
    changed = {**scope, "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    assert request_key(scope) != request_key(changed)
    assert plain.status_code == varied.status_code == 200


def test_query_order_does_not_matter_but_values_do():
    def key(query: bytes):
        return request_key({"method": "GET", "path": "/concepts", "query_string": query, "headers": []})

    assert key(b"tag=docker&lang=en") == key(b"lang=en&tag=docker")
    assert key(b"tag=docker&lang=en") != key(b"tag=docker&lang=ko")


def test_private_requests_and_admin_pages_are_never_kept(client):
    assert request_key({"method": "GET", "path": "/admin/login", "query_string": b"", "headers": []}) is None
    assert request_key({"method": "POST", "path": "/concepts", "query_string": b"", "headers": []}) is None
    with_session = {"method": "GET", "path": "/concepts", "query_string": b"",
                    "headers": [(b"cookie", f"{SESSION_COOKIE}=abc".encode())]}
    assert request_key(with_session) is None
    cache = render_cache(client).cache
    client.get("/admin/login")
    client.get(PAGE, headers={"Cookie": f"{SESSION_COOKIE}=abc"})
    client.get("/concepts?lang=en")  # sets the language cookie: not kept
    assert {key[0] for key in cache._entries} == set()


def test_gzip_is_its_own_representation_with_its_own_tag(client):
    plain = client.get(PAGE, headers={"Accept-Encoding": "identity"})
    packed = client.get(PAGE, headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in plain.headers and packed.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in plain.headers["vary"] and "Accept-Encoding" in packed.headers["vary"]
    assert packed.content == plain.content  # httpx decodes it
    assert packed.headers["etag"] != plain.headers["etag"] and packed.headers["etag"].startswith('"')
    again = client.get(PAGE, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["etag"]})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == packed.headers["etag"]
    refused = client.get(PAGE, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers


def test_a_304_on_a_cold_cache_still_fills_it(client):
    etag = client.get(JSON).headers["etag"]
    cold = TestClient(create_app(client.app.state.settings))
    first = cold.get(JSON, headers={"If-None-Match": etag})
    assert first.status_code == 304 and first.headers["etag"] == etag
    cache = render_cache(cold).cache
    assert len(cache) == 1
