"""The render cache: kept pages and JSON are served again unchanged, and an edit is seen on the very next request
by every app (worker or replica) on the database; private requests are never kept."""

import shutil

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.content.files.transfer import import_content
from app.http.cookies import SESSION_COOKIE
from app.http.render_cache import RenderCacheMiddleware, request_key
from app.main import create_app
from app.models import ContentState
from tests.conftest import TEST_CONTENT

PAGE = "/en/concepts/docker"
KO_PAGE = "/ko/concepts/docker"
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


@pytest.mark.parametrize("path", [PAGE, KO_PAGE, JSON, "/ko/stacks", "/en/", "/ko/concepts?tag=docker"])
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


@pytest.mark.parametrize("headers", [{"HX-Request": "true"}, {"HX-Request": "true", "HX-Boosted": "true"}])
def test_what_changes_a_response_is_part_of_its_key(client, headers):
    plain = client.get("/ko/concepts")
    varied = client.get("/ko/concepts", headers=headers)
    with TestClient(create_app(client.app.state.settings)) as other:  # its lifespan closes its connections
        fresh = other.get("/ko/concepts", headers=headers)
    assert varied.content == fresh.content
    scope = {"method": "GET", "path": "/ko/concepts", "query_string": b"", "headers": []}
    changed = {**scope, "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    assert request_key(scope) != request_key(changed)
    assert plain.status_code == varied.status_code == 200


@pytest.mark.parametrize("headers", [
    {"Accept-Language": "en"}, {"Cookie": "lang=en"}, {"Cookie": "theme=dark"}, {"Cookie": "lang=en; theme=dark"},
])
def test_a_page_is_the_same_for_every_reader_of_its_url(client, headers):
    plain = client.get("/ko/concepts")
    varied = client.get("/ko/concepts", headers=headers)
    assert varied.content == plain.content and varied.headers["etag"] == plain.headers["etag"]
    scope = {"method": "GET", "path": "/ko/concepts", "query_string": b"", "headers": []}
    changed = {**scope, "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    assert request_key(scope) == request_key(changed)  # one entry for all of them


def test_the_api_language_from_accept_language_is_part_of_its_key(client):
    scope = {"method": "GET", "path": "/api/v1/concepts/docker", "query_string": b"", "headers": []}
    english = {**scope, "headers": [(b"accept-language", b"en")]}
    assert request_key(scope) != request_key(english)
    assert client.get("/api/v1/concepts/docker", headers={"Accept-Language": "en"}).json()["lang"] == "en"
    assert client.get("/api/v1/concepts/docker").json()["lang"] == "ko"


def test_the_cache_reads_a_repeated_accept_language_as_the_api_does(client):
    """Two Accept-Language headers: the key and the response must take the same one, or the next reader of
    the key gets the other language."""
    scope = {"method": "GET", "path": "/api/v1/concepts/docker", "query_string": b"",
             "headers": [(b"accept-language", b"en"), (b"accept-language", b"ko-KR")]}
    assert request_key(scope) == request_key({**scope, "headers": [(b"accept-language", b"en")]})
    answered = client.get("/api/v1/concepts/docker", headers=[("Accept-Language", "en"), ("Accept-Language", "ko-KR")])
    assert answered.json()["lang"] == "en"


def test_query_order_does_not_matter_but_values_do():
    def key(query: bytes):
        return request_key({"method": "GET", "path": "/ko/concepts", "query_string": query, "headers": []})

    assert key(b"tag=docker&lang=en") == key(b"lang=en&tag=docker")
    assert key(b"tag=docker&lang=en") != key(b"tag=docker&lang=ko")


def test_private_requests_and_admin_pages_are_never_kept(client):
    assert request_key({"method": "GET", "path": "/admin/login", "query_string": b"", "headers": []}) is None
    assert request_key({"method": "POST", "path": "/ko/concepts", "query_string": b"", "headers": []}) is None
    with_session = {"method": "GET", "path": "/ko/concepts", "query_string": b"",
                    "headers": [(b"cookie", f"{SESSION_COOKIE}=abc".encode())]}
    assert request_key(with_session) is None
    cache = render_cache(client).cache
    client.get("/admin/login")
    client.get(PAGE, headers={"Cookie": f"{SESSION_COOKIE}=abc"})
    client.get("/language/en?next=/en/concepts", follow_redirects=False)  # sets the language cookie: not kept
    client.get("/concepts", follow_redirects=False)  # a redirect by the reader's language: not kept
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
    with TestClient(create_app(client.app.state.settings)) as cold:  # its lifespan closes its connections
        first = cold.get(JSON, headers={"If-None-Match": etag})
        assert first.status_code == 304 and first.headers["etag"] == etag
        cache = render_cache(cold).cache
        assert len(cache) == 1


# Every kind of representation the cache keeps: pages in both languages, gzip or not, htmx fragments and boosted
# pages, JSON, lists, the stacks view and a scenario step; with If-None-Match too (a 304 answered from the cache).
REPRESENTATIONS = [
    (PAGE, {}), (KO_PAGE, {}), (PAGE, {"Accept-Encoding": "gzip"}), (PAGE, {"HX-Request": "true"}),
    (PAGE, {"HX-Request": "true", "HX-Boosted": "true"}), (PAGE, {"Cookie": "lang=ko; theme=dark"}),
    (JSON, {}), (JSON, {"Accept-Encoding": "gzip"}), ("/api/v1/concepts/docker?lang=ko", {}),
    ("/api/v1/concepts/docker", EN), ("/api/v1/concepts?lang=en", {}), ("/en/concepts?tag=docker", {}),
    ("/en/", {}), ("/en/stacks", {}), ("/en/stacks?view=container", {"HX-Request": "true", "HX-Target": "stack-view"}),
    ("/en/scenarios/self-healing?step=1", {}), ("/api/v1/scenarios/self-healing/steps/1?lang=en", {}),
]


def test_an_edit_drops_every_kept_representation_on_every_app(settings, tmp_path):
    """Two apps on one database stand for two workers (or replicas): each has its own cache and its own
    connection for the revision. After one edit, nothing either of them kept is served again: each
    representation is rendered afresh and, where it shows the edited text, shows it."""
    with TestClient(create_app(settings)) as one, TestClient(create_app(settings)) as two:
        apps = [(one, render_cache(one).cache), (two, render_cache(two).cache)]
        before = {}
        for client, cache in apps:
            for path, headers in REPRESENTATIONS:
                first = client.get(path, headers=headers)
                assert first.status_code == 200, (path, headers)
                hits = cache.hits
                again = client.get(path, headers={**headers, "If-None-Match": first.headers["etag"]})
                assert again.status_code == 304 and cache.hits == hits + 1, (path, headers)  # kept
                before[client, path, tuple(headers.items())] = first
        kept_entries = [entry for _, cache in apps for entry in cache._entries.values()]  # alive: ids stay unique
        kept = {id(entry) for entry in kept_entries}
        import_content(one.app.state.engine, edited_content(tmp_path, "A wombat sentence."))
        for client, cache in apps:
            revision = render_cache(client).revision.current()
            for path, headers in REPRESENTATIONS:
                old = before[client, path, tuple(headers.items())]
                new = client.get(path, headers={**headers, "If-None-Match": old.headers["etag"]})
                assert new.status_code in (200, 304), (path, headers)
                if path in (JSON, PAGE) or (path == "/api/v1/concepts/docker" and headers == EN):
                    assert new.status_code == 200 and "wombat" in new.text, (path, headers)
                    assert new.headers["etag"] != old.headers["etag"]
            # Every response came from an entry rendered after the edit: none of the kept ones is left.
            assert cache._entries and all(entry.revision == revision and id(entry) not in kept
                                          for entry in cache._entries.values())


def test_public_responses_may_be_kept_by_a_shared_cache_and_private_ones_never(client):
    for path, headers in REPRESENTATIONS:
        response = client.get(path, headers=headers)
        assert response.headers["cache-control"] == "public, max-age=0, s-maxage=60, stale-while-revalidate=60"
        assert response.headers["etag"].startswith('"')  # strong
        assert response.headers["server-timing"].startswith("app;dur=")
    for path, headers in [("/admin/login", {}), (PAGE, {"Cookie": f"{SESSION_COOKIE}=abc"}),
                          (JSON, {"Cookie": f"{SESSION_COOKIE}=abc"}), ("/concepts", {}), ("/language/en", {})]:
        response = client.get(path, headers=headers, follow_redirects=False)
        cache_control = response.headers.get("cache-control", "")
        assert "private" in cache_control or "no-store" in cache_control, (path, cache_control)
        assert "public" not in cache_control and "s-maxage" not in cache_control, (path, cache_control)


def test_the_revision_is_read_even_while_every_pooled_connection_is_taken(settings):
    """The revision check runs on the event loop: it must not wait for the pool, whose connections may be
    held by requests that need the loop to finish."""
    from sqlalchemy import create_engine

    from app.http.content_revision import ContentRevision

    engine = create_engine(settings.database_url, pool_size=1, max_overflow=0, pool_timeout=1)
    held = engine.connect()
    reader = ContentRevision(engine)
    try:
        assert isinstance(reader.current(), int)
    finally:
        reader.close()
        held.close()
        engine.dispose()
