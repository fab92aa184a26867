"""Search as people type: words found whatever the spaces inside them, and the calculators among the hits."""

import pytest
from sqlmodel import Session

from app.content import search


@pytest.fixture
def session(full_client):
    with Session(full_client.app.state.engine) as db:
        yield db


def found(session, query: str, lang: str) -> set[tuple[str, str]]:
    return {(hit.kind, hit.key) for hit in search.search(session, query, lang, limit=200).hits}


@pytest.mark.parametrize(("joined", "spaced", "lang"), [
    ("롤링업데이트", "롤링 업데이트", "ko"),
    ("rollout", "roll out", "en"),
    ("rollingupdate", "rolling update", "en"),
])
def test_a_word_typed_without_its_spaces_finds_what_the_spaced_words_find(session, joined, spaced, lang):
    together, apart = found(session, joined, lang), found(session, spaced, lang)
    assert ("concept", "rolling-update") in together
    # The spaced query's words may be anywhere in an item; the joined one only where they stand together.
    assert together <= apart and together


def test_korean_compound_finds_the_rolling_update_items_first_on_the_page_and_in_the_api(full_client):
    page = full_client.get("/ko/search?q=롤링업데이트")
    assert page.status_code == 200
    hits = page.context["results"].data
    assert hits[0].key == "rolling-update" and "<mark>롤링 업데이트</mark>" in hits[0].title_html
    body = full_client.get("/api/v1/search", params={"q": "롤링업데이트", "lang": "ko"}).json()
    assert body["count"] >= 7 and body["data"][0]["key"] == "rolling-update"
    assert ("scenario", "rolling-update") in {(h["kind"], h["key"]) for h in body["data"]}


def test_roll_out_finds_rollout_and_marks_it_on_the_page_and_in_the_api(full_client):
    body = full_client.get("/api/v1/search", params={"q": "roll out", "lang": "en"}).json()
    assert ("concept", "kubectl") in {(h["kind"], h["key"]) for h in body["data"]}  # "kubectl rollout undo"
    joined = full_client.get("/api/v1/search", params={"q": "rollout", "lang": "en"}).json()
    assert ("concept", "rolling-update") in {(h["kind"], h["key"]) for h in joined["data"]}
    page = full_client.get("/en/search?q=rollout")
    assert "<mark>" in page.text


@pytest.mark.parametrize("query", ["rolling%update", "rolling_update", "롤링%업데이트", "롤링_업데이트"])
def test_percent_and_underscore_stay_literal_when_spaces_are_ignored(session, query):
    # LIKE's wildcards are escaped: "rolling%update" would otherwise find "rolling update".
    assert ("concept", "rolling-update") not in found(session, query, "en" if query.isascii() else "ko")


def test_highlight_pattern_marks_a_joined_word_where_the_text_has_a_space():
    pattern = search.highlight_pattern(["롤링업데이트"])
    assert search.marked("무중단 배포(롤링 업데이트)", pattern) == "무중단 배포(<mark>롤링 업데이트</mark>)"


@pytest.mark.parametrize(("query", "lang", "calculator"), [
    ("HPA", "en", "hpa"),
    ("롤링업데이트", "ko", "rolling-update"),
    ("CrashLoopBackOff", "en", "backoff"),
    ("축출", "ko", "node-eviction"),
])
def test_calculators_appear_in_search_on_the_page_and_in_the_api(full_client, query, lang, calculator):
    body = full_client.get("/api/v1/search", params={"q": query, "lang": lang}).json()
    hits = [h for h in body["data"] if h["kind"] == "calculator"]
    assert [h["key"] for h in hits] == [calculator]
    assert hits[0]["url"] == f"/{lang}/calculators/{calculator}"
    assert hits[0]["api_url"] == f"/api/v1/calculators/{calculator}?lang={lang}"
    assert body["counts"]["calculator"] == 1 and body["count"] == len(body["data"])
    page = full_client.get(f"/{lang}/search", params={"q": query})
    assert 'id="search-group-calculator"' in page.text and f'href="/{lang}/calculators/{calculator}"' in page.text
    only = full_client.get("/api/v1/search", params={"q": query, "lang": lang, "kind": "calculator"}).json()
    assert [h["key"] for h in only["data"]] == [calculator] and only["count"] == 1


def test_calculators_follow_the_content_across_result_pages(full_client):
    everything = full_client.get("/api/v1/search", params={"q": "계산기", "lang": "ko", "limit": 100}).json()
    keys = [(h["kind"], h["key"]) for h in everything["data"]]
    assert everything["count"] == len(keys) and everything["counts"]["calculator"] == 4
    assert [k for k, _ in keys[-4:]] == ["calculator"] * 4
    paged = []
    for offset in range(0, everything["count"], 2):
        page = full_client.get("/api/v1/search", params={"q": "계산기", "lang": "ko", "limit": 2,
                                                         "offset": offset}).json()
        assert page["count"] == everything["count"]
        paged += [(h["kind"], h["key"]) for h in page["data"]]
    assert paged == keys


def test_an_unknown_kind_is_still_refused(full_client):
    assert full_client.get("/api/v1/search", params={"q": "x", "kind": "calculators"}).status_code == 422
