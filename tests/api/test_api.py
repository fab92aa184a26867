"""The JSON API: every route in both languages, ETags, problem documents, the OpenAPI description."""

import pytest

LANGS = ("ko", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_list_concepts_has_data_and_count(client, lang):
    body = client.get(f"/api/v1/concepts?lang={lang}").json()
    assert body["count"] == 3 and body["lang"] == lang
    assert [c["slug"] for c in body["data"]] == ["docker", "container", "kubernetes"]
    assert body["data"][0]["title"] == {"ko": "도커", "en": "Docker"}[lang]


def test_list_concepts_filters_and_pages(client):
    assert [c["slug"] for c in client.get("/api/v1/concepts?tag=kubernetes").json()["data"]] == ["kubernetes"]
    page = client.get("/api/v1/concepts?limit=1&offset=1").json()
    assert page["count"] == 3 and [c["slug"] for c in page["data"]] == ["container"]
    assert [c["slug"] for c in client.get("/api/v1/concepts?q=kernel&lang=en").json()["data"]] == ["container"]
    assert [c["slug"] for c in client.get("/api/v1/concepts?q=커널&lang=ko").json()["data"]] == ["container"]


@pytest.mark.parametrize("lang", LANGS)
def test_read_concept_has_every_field(client, lang):
    body = client.get(f"/api/v1/concepts/kubernetes?lang={lang}").json()
    assert set(body) >= {"slug", "lang", "title", "summary", "body_markdown", "body_html", "tags", "related",
                         "notes", "source"}
    assert body["lang"] == lang
    assert "**" in body["body_markdown"] and "<strong>" in body["body_html"]
    assert body["related"][0]["slug"] == "docker"
    assert body["notes"][0]["source"]["url"].startswith("https://kubernetes.io/")
    assert body["source"]["reference_url"] == "https://wooono.tistory.com/109"
    assert body["source"]["date"] == "2022-07-04"


def test_read_concept_follows_accept_language(client):
    response = client.get("/api/v1/concepts/docker", headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert response.json()["lang"] == "en"
    assert response.headers["content-language"] == "en"
    assert "Accept-Language" in response.headers["vary"]
    assert client.get("/api/v1/concepts/docker").json()["lang"] == "ko"


def test_read_concept_etag_gives_304(client):
    first = client.get("/api/v1/concepts/docker?lang=en")
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    again = client.get("/api/v1/concepts/docker?lang=en", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/v1/concepts/docker?lang=ko", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["etag"] != etag


@pytest.mark.parametrize("lang", LANGS)
def test_comparisons(client, lang):
    listing = client.get(f"/api/v1/comparisons?lang={lang}").json()
    assert listing["count"] == 1 and listing["data"][0]["slug"] == "docker-vs-kubernetes"
    body = client.get(f"/api/v1/comparisons/docker-vs-kubernetes?lang={lang}").json()
    assert body["left"]["concept"]["slug"] == "docker" and body["right"]["concept"]["slug"] == "kubernetes"
    assert set(body["rows"][0]) == {"aspect", "left", "right", "left_html", "right_html", "cells"}
    # A two-sided comparison keeps its left and right; sides and cells say the same, in order.
    assert body["sides"] == [body["left"], body["right"]] == listing["data"][0]["sides"]
    for row in body["rows"]:
        assert row["cells"] == [{"text": row["left"], "html": row["left_html"]},
                                {"text": row["right"], "html": row["right_html"]}]


@pytest.mark.parametrize("lang", LANGS)
def test_stacks_layers_bottom_to_top_with_points(client, lang):
    listing = client.get(f"/api/v1/stacks?lang={lang}").json()
    assert [s["view"] for s in listing["data"]] == ["vm", "container"]
    vm = client.get(f"/api/v1/stacks/vm?lang={lang}").json()
    assert [layer["key"] for layer in vm["layers"]] == ["server", "guest-os"]
    assert [layer["position"] for layer in vm["layers"]] == [0, 1]
    assert vm["pros"][0]["layers"] == ["guest-os"] and vm["cons"][0]["kind"] == "con"
    assert vm["layers"][1]["points"] == ["isolated-guests", "heavy-guests"]
    container = client.get(f"/api/v1/stacks/container?lang={lang}").json()
    assert container["layers"][1]["concept"]["slug"] == "docker"


def test_tags_and_scenarios(client):
    assert [t["label"] for t in client.get("/api/v1/tags?lang=en").json()["data"]] == ["Docker", "Kubernetes"]
    scenario = client.get("/api/v1/scenarios?lang=en").json()["data"][0]
    assert scenario["slug"] == "self-healing" and scenario["params"] == {"nodes": 3, "replicas": 3}


@pytest.mark.parametrize("path", [
    "/api/v1/concepts/nope", "/api/v1/comparisons/nope", "/api/v1/nope", "/api/v1/concepts?tag=nope",
])
def test_not_found_is_a_problem_document(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/not-found" and body["status"] == 404 and body["title"] == "Not found"


@pytest.mark.parametrize(("query", "param"), [
    ("lang=fr", "lang"), ("limit=0", "limit"), ("limit=1000", "limit"), ("offset=-1", "offset"),
    ("limit=abc", "limit"), ("q=" + "x" * 101, "q"),
])
def test_invalid_parameter_is_a_problem_naming_it(client, query, param):
    response = client.get(f"/api/v1/concepts?{query}")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "/problems/invalid-parameters"
    assert [p["name"] for p in body["invalid_params"]] == [param]


def test_stack_view_is_validated(client):
    response = client.get("/api/v1/stacks/bare-metal")
    assert response.status_code == 422 and response.json()["invalid_params"][0]["name"] == "view"


def test_openapi_describes_every_route(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/concepts", "/api/v1/concepts/{slug}", "/api/v1/comparisons", "/api/v1/comparisons/{slug}",
            "/api/v1/stacks", "/api/v1/stacks/{view}"} <= set(spec["paths"])
    concept = spec["paths"]["/api/v1/concepts/{slug}"]["get"]
    assert {"200", "404", "422"} <= set(concept["responses"])


def test_docs_are_served_without_a_cdn(client):
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "unpkg" not in html
    assert client.get("/static/vendor/swagger-ui-5.35.0/swagger-ui.css").status_code == 200
