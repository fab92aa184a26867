"""The learning path page: an ordered list of links without JavaScript, its JSON twin, the sitemap and the caches."""

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import delete
from sqlmodel import Session

from app.models import LearningPath
from tests.http.test_render_cache import render_cache

LANGS = ("ko", "en")


class _Stops(HTMLParser):
    """The links of the page's ordered list of stops, in document order, and whether the progress box is hidden."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <ol class="path-stops">
        self.links: list[str] = []
        self.progress_hidden: bool | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and "path-stops" in (attrs.get("class") or ""):
            self.depth = 1
        elif tag == "ol" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(attrs["href"])
        if attrs.get("id") == "path-progress":
            self.progress_hidden = "hidden" in attrs

    def handle_endtag(self, tag):
        if tag == "ol" and self.depth:
            self.depth -= 1


def _parse(html: str) -> _Stops:
    parser = _Stops()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_the_path_is_an_ordered_list_of_links_to_each_stop(full_client, lang):
    response = full_client.get(f"/{lang}/path")
    assert response.status_code == 200 and response.template.name == "path/index.html"
    path = response.context["path"]
    parsed = _parse(response.text)
    assert parsed.links == [stop.url for stop in path.stops]
    assert parsed.progress_hidden is True  # shown by path.js only: without JavaScript there is no progress
    assert path.stops[0].url == f"/{lang}/concepts/container" and path.count == len(path.stops) >= 15
    for stop in path.stops:
        assert stop.why in response.text.replace("&#39;", "'").replace("&quot;", '"')
        assert full_client.get(stop.url).status_code == 200, stop.url
    assert f'href="/api/v1/path?lang={lang}"' in response.text


def test_the_stops_say_why_in_the_pages_language(full_client):
    korean = full_client.get("/ko/path").context["path"]
    english = full_client.get("/en/path").context["path"]
    assert [(s.kind, s.slug) for s in korean.stops] == [(s.kind, s.slug) for s in english.stops]
    hangul = re.compile(r"[\uac00-\ud7a3]")
    assert all(hangul.search(stop.title + stop.why) for stop in korean.stops)
    assert not any(hangul.search(stop.title + stop.why) for stop in english.stops)


@pytest.mark.parametrize("lang", LANGS)
def test_the_paths_json_twin_lists_the_same_stops_with_their_urls(full_client, lang):
    page = full_client.get(f"/{lang}/path").context["path"]
    response = full_client.get("/api/v1/path", params={"lang": lang})
    assert response.status_code == 200 and response.headers["content-language"] == lang
    data = response.json()
    assert data["lang"] == lang and data["count"] == len(data["stops"]) == page.count
    assert [stop["url"] for stop in data["stops"]] == [stop.url for stop in page.stops]
    assert [stop["number"] for stop in data["stops"]] == list(range(1, page.count + 1))
    for stop in data["stops"]:
        if stop["api_url"]:
            assert full_client.get(stop["api_url"]).status_code == 200, stop["api_url"]
    assert data["source"]["reference_url"] == "https://wooono.tistory.com/109"


def test_a_stack_stop_links_to_its_view(full_client):
    stops = full_client.get("/api/v1/path", params={"lang": "en"}).json()["stops"]
    urls = {(stop["kind"], stop["slug"]): stop["url"] for stop in stops}
    assert urls[("stack", "vm")] == "/en/stacks?view=vm"
    assert urls[("comparison", "vm-vs-container")] == "/en/compare/vm-vs-container"
    assert urls[("scenario", "self-healing")] == "/en/scenarios/self-healing"


def test_without_a_path_the_page_and_its_json_are_not_found(client):
    with Session(client.app.state.engine) as session:
        session.exec(delete(LearningPath))
        session.commit()
    assert client.get("/en/path").status_code == 404
    response = client.get("/api/v1/path?lang=en")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/en/path", "/ko/path", "/api/v1/path?lang=ko"])
def test_the_path_is_cacheable_like_every_public_page(client, path):
    cache = render_cache(client).cache
    first = client.get(path)
    assert first.headers["cache-control"] == "public, max-age=0, s-maxage=60, stale-while-revalidate=60"
    hits = cache.hits
    second = client.get(path)
    assert cache.hits == hits + 1 and second.content == first.content
    assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_the_sitemap_lists_the_path_and_the_map_with_their_alternates(client):
    sitemap = client.get("/sitemap.xml").text
    for page in ("/path", "/map"):
        for lang in LANGS:
            assert f"<loc>http://testserver/{lang}{page}</loc>" in sitemap
            assert f'hreflang="{lang}" href="http://testserver/{lang}{page}"' in sitemap


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_links_the_path_and_the_map(client, lang):
    page = client.get(f"/{lang}/path").text
    assert re.search(rf'<a href="/{lang}/path" aria-current="page">', page)
    assert f'<a href="/{lang}/map">' in page
