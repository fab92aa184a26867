"""What every API response shares: list shape and links, languages, caching, problems, CORS, OpenAPI; pages too."""

import jsonschema
import pytest
from sqlmodel import Session

from app.api import examples as api_examples
from app.content import search
from app.content.files.transfer import import_content
from app.explorer.paging import MAX_LIMIT
from tests.conftest import REAL_CONTENT

LISTS = ["/api/v1/concepts", "/api/v1/tags", "/api/v1/comparisons", "/api/v1/stacks", "/api/v1/scenarios",
         "/api/v1/search?q=docker"]
DOCUMENTS = ["/api/v1/concepts/docker", "/api/v1/comparisons/docker-vs-kubernetes", "/api/v1/stacks/vm",
             "/api/v1/scenarios/self-healing", "/api/v1/scenarios/self-healing/steps/1", "/api/v1/calculators/hpa",
             "/api/v1/calculators/rolling-update", "/api/v1/calculators/backoff", "/api/v1/calculators/node-eviction"]
PAGES = ["/", "/ko/concepts", "/ko/concepts/docker", "/ko/compare/docker-vs-kubernetes", "/ko/stacks", "/ko/scenarios",
         "/ko/search?q=docker"]
ORIGIN = {"Origin": "https://course.example"}
API_OPERATIONS = {
    "GET /api/v1/concepts", "GET /api/v1/concepts/{slug}", "GET /api/v1/tags", "GET /api/v1/comparisons",
    "GET /api/v1/comparisons/{slug}", "GET /api/v1/stacks", "GET /api/v1/stacks/{view}", "GET /api/v1/scenarios",
    "GET /api/v1/scenarios/{slug}", "GET /api/v1/scenarios/{slug}/steps/{n}", "POST /api/v1/simulations",
    "GET /api/v1/calculators/hpa", "GET /api/v1/calculators/rolling-update", "GET /api/v1/calculators/backoff",
    "GET /api/v1/calculators/node-eviction", "GET /api/v1/search",
}


def with_query(path: str, query: str) -> str:
    return path + ("&" if "?" in path else "?") + query


@pytest.mark.parametrize("path", LISTS)
def test_lists_share_one_shape(client, path):
    body = client.get(with_query(path, "lang=en")).json()
    assert {"data", "count", "limit", "offset", "lang", "available_languages", "links"} <= set(body)
    assert body["count"] >= len(body["data"]) and body["offset"] == 0 and body["limit"] <= MAX_LIMIT
    assert set(body["links"]) == {"first", "prev", "next"} and body["links"]["prev"] is None


@pytest.mark.parametrize("path", [*LISTS[:-1], "/api/v1/search?q=container&lang=en"])
def test_lists_page_with_next_and_prev_links(full_client, path):
    client = full_client
    everything = client.get(path).json()
    assert everything["count"] >= 2, path
    first = client.get(with_query(path, "limit=1"))
    body = first.json()
    assert len(body["data"]) == 1 and body["count"] == everything["count"]
    assert 'rel="next"' in first.headers["link"]
    second = client.get(body["links"]["next"]).json()
    assert second["offset"] == 1 and second["data"] == everything["data"][1:2]
    assert client.get(second["links"]["prev"]).json()["data"] == body["data"]
    last = client.get(with_query(path, f"limit=1&offset={everything['count'] - 1}")).json()
    assert last["links"]["next"] is None


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("query", ["limit=0", f"limit={MAX_LIMIT + 1}", "offset=-1", "offset=10001"])
def test_list_bounds_are_problems(client, path, query):
    response = client.get(with_query(path, query))
    assert response.status_code == 422 and response.json()["invalid_params"][0]["name"] == query.split("=")[0]


@pytest.mark.parametrize("path", LISTS + DOCUMENTS)
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_response_says_its_language(client, path, lang):
    response = client.get(path, headers={"Accept-Language": f"{lang};q=0.9"})
    body = response.json()
    assert response.status_code == 200
    assert body["lang"] == lang and body["available_languages"] == ["ko", "en"]
    assert response.headers["content-language"] == lang and "Accept-Language" in response.headers["vary"]
    assert client.get(with_query(path, f"lang={lang}"), headers={"Accept-Language": "fr, ko"}).json()["lang"] == lang


def test_simulation_says_its_language(client):
    response = client.post("/api/v1/simulations?lang=en", json={"kind": "docker-alone"})
    assert response.json()["lang"] == "en" and response.headers["content-language"] == "en"
    assert response.json()["steps"][0]["lang"] == "en" and response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", LISTS + DOCUMENTS + PAGES)
def test_strong_etag_gives_304_and_a_shared_cache_may_keep_it(client, path):
    response = client.get(path)
    etag, cache_control = response.headers["etag"], response.headers["cache-control"]
    assert etag.startswith('"') and "public" in cache_control and "s-maxage=60" in cache_control
    again = client.get(path, headers={"If-None-Match": f'"other", {etag}'})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag and again.headers["cache-control"] == cache_control
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("path", PAGES)
def test_pages_vary_by_what_changes_them(client, path):
    response = client.get(path)
    vary = response.headers["vary"]
    # The language is in the path and no cookie is read: a page is the same for every reader of its URL.
    assert "HX-Request" in vary and "Accept-Language" not in vary and "Cookie" not in vary
    assert "set-cookie" not in response.headers


def test_etags_change_exactly_when_content_changes(full_client, tmp_path):
    import shutil

    paths = ["/api/v1/concepts/docker?lang=en", "/api/v1/concepts/kubernetes?lang=en", "/en/concepts/docker",
             "/api/v1/search?q=quokka&lang=en", "/api/v1/concepts/docker?lang=ko"]
    before = {path: full_client.get(path).headers["etag"] for path in paths}
    engine = full_client.app.state.engine
    import_content(engine, REAL_CONTENT)  # nothing changed
    assert {path: full_client.get(path).headers["etag"] for path in paths} == before
    shutil.copytree(REAL_CONTENT, tmp_path / "content")
    page = tmp_path / "content" / "concepts" / "docker.en.md"
    page.write_text(page.read_text().replace("\n---\n", "\n---\nA quokka sentence.\n", 1))
    import_content(engine, tmp_path / "content")
    after = {path: full_client.get(path).headers["etag"] for path in paths}
    changed = {path for path in paths if after[path] != before[path]}
    assert changed == {"/api/v1/concepts/docker?lang=en", "/en/concepts/docker", "/api/v1/search?q=quokka&lang=en"}
    with Session(engine) as session:
        assert search.search(session, "quokka", "en").count == 1


def test_admin_and_cookie_setting_responses_stay_out_of_shared_caches(client):
    login = client.get("/admin/login")
    assert "no-store" in login.headers["cache-control"] and "public" not in login.headers["cache-control"]
    with_cookie = client.get("/api/v1/tags", headers={"Cookie": "explorer_admin=abc.def"})
    assert with_cookie.headers["cache-control"] == "private, no-store"
    remembered = client.get("/language/en?next=/en/concepts", follow_redirects=False)
    assert remembered.status_code == 303 and remembered.headers["location"] == "/en/concepts"
    assert "set-cookie" in remembered.headers and remembered.headers["cache-control"] == "private, no-store"


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("DELETE", "/api/v1/concepts", "GET, HEAD"), ("PUT", "/api/v1/concepts/docker", "GET, HEAD"),
    ("GET", "/api/v1/simulations", "POST"), ("PATCH", "/api/v1/search", "GET, HEAD"),
])
def test_unknown_methods_are_405_problems_with_allow(client, method, path, allow):
    response = client.request(method, path)
    assert response.status_code == 405 and response.headers["allow"] == allow
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/method-not-allowed"


def test_head_answers_like_get_without_a_body(client):
    for path in ("/api/v1/concepts", "/ko/concepts"):
        get, head = client.get(path), client.head(path)
        assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == get.headers["etag"]


@pytest.mark.parametrize(("method", "path", "status", "kind"), [
    ("GET", "/api/v1/nothing", 404, "not-found"), ("GET", "/api/v1/concepts/Not_A_Slug", 422, "invalid-parameters"),
    ("POST", "/api/v1/simulations", 422, "invalid-parameters"),
])
def test_errors_are_problem_documents_never_html(client, method, path, status, kind):
    response = client.request(method, path, headers={"Accept": "text/html"})
    assert response.status_code == status and response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == f"/problems/{kind}" and body["status"] == status and body["title"]
    assert "Traceback" not in response.text and response.headers["cache-control"] == "no-store"


def test_a_body_too_large_is_a_problem_on_the_api(client):
    response = client.post("/api/v1/simulations", content=b"{}", headers={"Content-Length": str(2 * 1024 * 1024),
                                                                            "Content-Type": "application/json"})
    assert response.status_code == 413 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/content-too-large"


def test_broken_json_is_a_problem(client):
    response = client.post("/api/v1/simulations", content=b"{", headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 422) and response.headers["content-type"] == "application/problem+json"


def test_any_origin_may_read_the_public_api_without_credentials(client):
    response = client.get("/api/v1/concepts", headers=ORIGIN)
    assert response.headers["access-control-allow-origin"] == "*"
    assert "ETag" in response.headers["access-control-expose-headers"]
    assert "access-control-allow-credentials" not in response.headers
    preflight = client.options("/api/v1/concepts", headers={
        **ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "if-none-match"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-methods"] == "GET, HEAD"
    assert "access-control-allow-credentials" not in preflight.headers
    assert client.get("/openapi.json", headers=ORIGIN).headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(("method", "path", "headers"), [
    ("OPTIONS", "/api/v1/simulations", {"Access-Control-Request-Method": "POST"}),
    ("OPTIONS", "/api/v1/concepts", {"Access-Control-Request-Method": "DELETE"}),
    ("OPTIONS", "/api/v1/concepts", {"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-token"}),
    ("POST", "/api/v1/simulations", {}),
    ("GET", "/ko/concepts", {}),
    ("GET", "/admin/login", {}),
])
def test_nothing_else_is_open_to_other_origins(client, method, path, headers):
    response = client.request(method, path, headers={**ORIGIN, **headers}, json={"kind": "docker-alone"})
    assert not any(name.startswith("access-control-") for name in response.headers)


def test_openapi_describes_every_api_route_status_and_parameter(client):
    spec = client.get("/openapi.json").json()
    documented = {f"{method.upper()} {path}" for path, operations in spec["paths"].items() for method in operations}
    assert documented >= API_OPERATIONS
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            assert operation.get("summary") and operation.get("description"), (method, path)
            assert {"200", "422"} <= set(operation["responses"]), (method, path)
            if method == "get":
                assert "304" in operation["responses"] and "ETag" in operation["responses"]["200"]["headers"]
                names = {parameter["name"] for parameter in operation["parameters"]}
                assert {"lang", "if-none-match", "accept-language"} <= names, path
            for parameter in operation.get("parameters", []):
                assert parameter.get("description") or parameter["schema"].get("description") or \
                    parameter["name"] in ("limit", "offset"), (path, parameter["name"])


def test_openapi_examples_are_valid_instances_of_their_schemas(client):
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                for content in response.get("content", {}).values():
                    if status == "200":
                        assert "example" in content, (method, path)
                    if "example" in content:
                        schema = {**content["schema"], "components": spec["components"]}
                        jsonschema.validate(content["example"], schema, cls=jsonschema.Draft202012Validator)
    assert set(api_examples.examples()) >= {"ConceptPublic", "TracePublic", "HpaCalculation", "SearchResultsPublic"}
