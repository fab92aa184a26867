"""Every page lives under its language: it depends on its URL alone, names its other languages, and is listed in the
sitemap; addresses without a language redirect to the reader's."""

import re
import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.main import create_app
from app.web import every_page_router
from app.web.sitemap import page_paths

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _sitemap(client) -> ET.Element:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/xml")
    return ET.fromstring(response.content)


def _page_urls(client) -> list[str]:
    base = "http://testserver"
    return [loc.text.removeprefix(base) for loc in _sitemap(client).iterfind("s:url/s:loc", NS)]


def test_the_sitemap_lists_every_page_route_in_both_languages(full_client):
    urls = _page_urls(full_client)
    templates = {route.path for router in every_page_router() for route in router.routes}
    for template in templates:
        pattern = re.sub(r"\{[^}]+\}", "[^/?]+", template.rstrip("/")) or ""
        for code in ("ko", "en"):
            assert any(re.fullmatch(f"/{code}{pattern}/?(\\?.*)?", url) for url in urls), (code, template)
    korean = {url[3:] for url in urls if url.startswith("/ko/")}
    assert korean == {url[3:] for url in urls if url.startswith("/en/")} and len(urls) == 2 * len(korean)


def test_each_sitemap_entry_names_its_alternates(full_client):
    root = _sitemap(full_client)
    entry = next(url for url in root.iterfind("s:url", NS) if url.find("s:loc", NS).text.endswith("/en/concepts/docker"))
    links = {link.get("hreflang"): link.get("href") for link in entry.iterfind("x:link", NS)}
    assert links == {"ko": "http://testserver/ko/concepts/docker", "en": "http://testserver/en/concepts/docker",
                     "x-default": "http://testserver/concepts/docker"}


def test_every_public_page_depends_on_its_url_alone(full_client):
    urls = _page_urls(full_client)
    assert len(urls) > 60
    for url in urls:
        response = full_client.get(url, headers={"Cookie": "lang=ko; theme=dark", "Accept-Language": "ko"},
                                   follow_redirects=False)
        assert response.status_code == 200, url
        assert "set-cookie" not in response.headers, url
        vary = response.headers["vary"]
        assert "Cookie" not in vary and "Accept-Language" not in vary, (url, vary)
        cache_control = response.headers["cache-control"]
        assert "public" in cache_control and "s-maxage=" in cache_control, (url, cache_control)
        assert re.fullmatch(r'"[0-9a-f]{32}(-gzip)?"', response.headers["etag"]), url  # strong
        assert response.headers["content-language"] == url[1:3], url
        plain = full_client.get(url, follow_redirects=False)
        assert plain.content == response.content, url  # no cookie or header changed it


def test_a_page_names_its_canonical_address_and_its_languages(full_client):
    text = full_client.get("/en/scenarios/self-healing?step=2&theme=dark").text
    assert '<link rel="canonical" href="/en/scenarios/self-healing?step=2">' in text
    assert '<link rel="alternate" hreflang="ko" href="/ko/scenarios/self-healing?step=2">' in text
    assert '<link rel="alternate" hreflang="en" href="/en/scenarios/self-healing?step=2">' in text
    assert '<link rel="alternate" hreflang="x-default" href="/scenarios/self-healing?step=2">' in text


def test_the_public_address_makes_the_links_absolute(full_settings):
    settings = full_settings.model_copy(update={"public_url": "https://explorer.example.com"})
    with TestClient(create_app(settings)) as client:
        text = client.get("/ko/concepts/docker", headers={"Host": "evil.example"}).text
        assert '<link rel="canonical" href="https://explorer.example.com/ko/concepts/docker">' in text
        assert "evil.example" not in text
        assert _page_urls(client)[0].startswith("https://explorer.example.com/")
        robots = client.get("/robots.txt").text
        assert robots == ("User-agent: *\nDisallow: /admin\n"
                          "Sitemap: https://explorer.example.com/sitemap.xml\n")


def test_robots_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.headers["content-type"].startswith("text/plain")
    assert "Disallow: /admin\n" in response.text and "Sitemap: http://testserver/sitemap.xml" in response.text


def test_the_sitemap_follows_the_content(client):
    urls = _page_urls(client)
    with Session(client.app.state.engine) as session:
        assert len(urls) == 2 * len(page_paths(session))
    assert "/en/concepts/docker" in urls and "/ko/concepts/docker" in urls
    assert not any("hypervisor" in url for url in urls)  # the small test content has no such concept


@pytest.mark.parametrize(("path", "target"), [
    ("/", "/ko/"), ("/concepts", "/ko/concepts"), ("/concepts/docker", "/ko/concepts/docker"),
    ("/stacks?view=both", "/ko/stacks?view=both"), ("/scenarios/self-healing?step=2", "/ko/scenarios/self-healing?step=2"),
    ("/calculators/hpa", "/ko/calculators/hpa"), ("/search?q=pod", "/ko/search?q=pod"),
    ("/compare/docker-vs-kubernetes", "/ko/compare/docker-vs-kubernetes"), ("/problems/not-found", "/ko/problems/not-found"),
])
def test_an_address_without_a_language_redirects_to_the_readers(full_client, path, target):
    response = full_client.get(path, follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == target
    assert response.headers["vary"] == "Accept-Language, Cookie"
    assert "private" in response.headers["cache-control"] and "public" not in response.headers["cache-control"]
    assert response.headers["x-content-type-options"] == "nosniff"  # the security headers, as on any answer
    english = full_client.get(path, headers={"Accept-Language": "en"}, follow_redirects=False)
    assert english.headers["location"] == "/en" + target[3:]


def test_links_in_a_text_and_in_its_json_lead_to_its_language(full_client):
    page = full_client.get("/en/concepts/kubernetes").text
    assert 'href="/en/concepts/self-healing"' in page and 'href="/concepts/self-healing"' not in page
    body = full_client.get("/api/v1/concepts/kubernetes?lang=ko").json()["body_html"]
    assert 'href="/ko/concepts/self-healing"' in body


def test_fragments_forms_and_the_player_keep_their_language(full_client):
    fragment = full_client.get("/en/stacks?view=both", headers={"HX-Request": "true"}).text
    assert 'href="/en/stacks?view=vm"' in fragment and 'href="/stacks' not in fragment
    player = full_client.get("/en/scenarios/self-healing?step=1", headers={"HX-Request": "true"}).text
    assert 'href="/en/scenarios/self-healing?step=2"' in player
    search = full_client.get("/ko/search").text
    assert 'action="/ko/search"' in search and 'hx-get="/ko/search"' in search
