"""A visitor's % and _ are characters to look for, not wildcards: "do%er" finds no "docker", "%" alone only the
texts that hold a percent sign."""

import pytest

WILDCARDED = ["do%er", "d_cker", "%ocker", "k_b_rnetes", "con%ner", "\\%ocker"]


@pytest.mark.parametrize("q", WILDCARDED)
def test_concept_list_query_with_like_wildcards_matches_nothing(shared_client, q):
    answer = shared_client.get("/api/v1/concepts", params={"q": q, "lang": "en"})
    assert answer.status_code == 200
    assert answer.json()["count"] == 0


def test_concept_list_query_of_a_percent_sign_finds_only_texts_with_one(shared_client):
    everything = shared_client.get("/api/v1/concepts", params={"lang": "en", "limit": 100}).json()
    found = shared_client.get("/api/v1/concepts", params={"q": "%", "lang": "en", "limit": 100}).json()
    assert 0 < found["count"] < everything["count"]
    for item in found["data"]:
        concept = shared_client.get(f"/api/v1/concepts/{item['slug']}", params={"lang": "en"}).json()
        assert "%" in str(concept)


@pytest.mark.parametrize("q", WILDCARDED)
def test_search_with_like_wildcards_finds_no_text_without_them(shared_client, q):
    answer = shared_client.get("/api/v1/search", params={"q": q, "lang": "en"})
    assert answer.status_code == 200
    assert answer.json()["count"] == 0
    page = shared_client.get("/en/search", params={"q": q})
    assert page.status_code == 200 and page.context["results"].count == 0


def test_concept_list_query_still_finds_words(shared_client):
    assert shared_client.get("/api/v1/concepts", params={"q": "docker", "lang": "en"}).json()["count"] >= 1
