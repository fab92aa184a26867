"""Static files under content-hashed names: pages link them, and they are cached for a year, immutable."""

import re

from app.http.static_assets import IMMUTABLE, asset_hash, static_url


def test_static_url_names_the_file_by_its_content():
    url = static_url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    assert asset_hash("css/site.css") in url
    assert static_url("no/such/file.css") == "/static/no/such/file.css"


def test_pages_link_hashed_files_that_are_cached_for_a_year(client):
    html = client.get("/ko/").text
    linked = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
    assert static_url("css/site.css") in linked and static_url("vendor/htmx-2.0.11.min.js") in linked
    for url in linked:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == IMMUTABLE, url
    assert re.search(r'<script src="/static/vendor/htmx-2\.0\.11\.min\.[0-9a-f]{12}\.js" defer></script>', html)


def test_plain_and_outdated_names_still_serve_the_file_without_a_year_long_cache(client):
    plain = client.get("/static/css/site.css")
    outdated = client.get("/static/css/site.000000000000.css")
    assert plain.status_code == outdated.status_code == 200
    assert plain.content == outdated.content == client.get(static_url("css/site.css")).content
    assert "immutable" not in plain.headers.get("cache-control", "")
    assert "immutable" not in outdated.headers.get("cache-control", "")
    assert client.get("/static/css/nothing.000000000000.css").status_code == 404


def test_text_files_are_compressed(client):
    response = client.get(static_url("css/site.css"), headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and "Accept-Encoding" in response.headers["vary"]
