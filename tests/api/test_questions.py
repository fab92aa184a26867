"""/api/v1/questions: the authored questions as JSON, paged, filtered by concept, in either language."""

import pytest

LANGS = ("ko", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_questions_list_matches_the_question_page(client, lang):
    data = client.get("/api/v1/questions", params={"lang": lang}).json()
    assert data["lang"] == lang and data["count"] == 1 and data["concept"] is None
    [item] = data["data"]
    page = client.get(f"/{lang}/questions/{item['slug']}").context["question"]
    assert item == page.model_dump(mode="json")
    assert item["answer"] == "b" and [c["correct"] for c in item["choices"]] == [False, True]
    assert item["source"]["anchor"] == "쿠버네티스란" and item["source"]["url"].startswith("https://kubernetes.io/")
    assert [c["slug"] for c in item["concepts"]] == ["kubernetes", "docker"]


def test_questions_filter_by_concept(client):
    assert client.get("/api/v1/questions", params={"concept": "docker"}).json()["count"] == 1
    none = client.get("/api/v1/questions", params={"concept": "container"}).json()
    assert none["count"] == 0 and none["data"] == [] and none["concept"] == "container"
    missing = client.get("/api/v1/questions", params={"concept": "nowhere"})
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    bad = client.get("/api/v1/questions", params={"concept": "Not A Slug"})
    assert bad.status_code == 422


def test_questions_are_paged_with_links(full_client):
    everything = full_client.get("/api/v1/questions", params={"lang": "en", "limit": 100}).json()
    assert everything["count"] >= 20 and len(everything["data"]) == everything["count"]
    first = full_client.get("/api/v1/questions", params={"lang": "en", "limit": 5}).json()
    assert first["count"] == everything["count"] and len(first["data"]) == 5 and first["links"]["prev"] is None
    second = full_client.get(first["links"]["next"]).json()
    assert second["offset"] == 5 and second["data"] == everything["data"][5:10]
    about = full_client.get("/api/v1/questions", params={"concept": "vendor-lock-in", "limit": 1}).json()
    assert about["count"] >= 1 and len(about["data"]) == 1
    assert all("vendor-lock-in" in [c["slug"] for c in q["concepts"]]
               for q in full_client.get("/api/v1/questions", params={"concept": "vendor-lock-in"}).json()["data"])
    assert full_client.get("/api/v1/questions", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("lang", LANGS)
def test_one_question_in_each_language(client, lang):
    response = client.get("/api/v1/questions/what-restarts-a-crashed-container", params={"lang": lang})
    assert response.status_code == 200 and response.headers["content-language"] == lang and response.headers["etag"]
    data = response.json()
    assert data["lang"] == lang and data["source"]["section"] == {"ko": "쿠버네티스란?", "en": "What is Kubernetes?"}[lang]
    again = client.get("/api/v1/questions/what-restarts-a-crashed-container", params={"lang": lang},
                       headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
