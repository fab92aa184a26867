"""Search finds a question by words of its prompt, in Korean and in English, and its hit leads to its page."""

import pytest

CASES = [
    ("ko", "자정에 컨테이너 100개", "hundred-containers-at-midnight"),
    ("en", "midnight 100 containers", "hundred-containers-at-midnight"),
    ("ko", "게스트 OS를 장악", "breached-vm"),
    ("en", "takes over one VM's guest", "breached-vm"),
]


@pytest.mark.parametrize(("lang", "query", "slug"), CASES)
def test_search_finds_a_question_by_words_of_its_prompt(full_client, lang, query, slug):
    found = full_client.get("/api/v1/search", params={"q": query, "lang": lang, "kind": "question"}).json()
    hits = {hit["key"]: hit for hit in found["data"]}
    assert slug in hits, [hit["key"] for hit in found["data"]]
    hit = hits[slug]
    assert hit["url"] == f"/{lang}/questions/{slug}" and hit["api_url"] == f"/api/v1/questions/{slug}?lang={lang}"
    prompt = full_client.get(hit["api_url"]).json()["prompt"]
    assert hit["title"] == prompt
    page = full_client.get(f"/{lang}/search", params={"q": query})
    assert page.status_code == 200 and f'href="/{lang}/questions/{slug}"' in page.text
    assert full_client.get(hit["url"]).status_code == 200


def test_a_question_is_found_only_in_its_language(full_client):
    found = full_client.get("/api/v1/search", params={"q": "자정에 컨테이너", "lang": "en", "kind": "question"}).json()
    assert found["data"] == []
