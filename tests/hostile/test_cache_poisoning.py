"""Duplicated and odd Accept-Language headers and cookies never make the render cache hand one reader's
language to another: the key is read exactly as the response is."""

import pytest

from tests.http.test_render_cache import render_cache

ODD_COOKIES = ["lang=en; lang =ko", "lang =ko; lang=en", "lang=ko; lang=en", 'lang="ko"', "lang=ko;lang=en;;",
               "theme=dark; lang=ko\x00", "LANG=ko"]


def _language(response) -> str:
    return response.json()["lang"]


@pytest.mark.parametrize("first", [["en", "ko-KR"], ["ko-KR", "en"], ["en;q=0", "ko"], ["", "en"]])
def test_api_with_repeated_accept_language_answers_each_reader_in_their_language(client, first):
    raw = [("Accept-Language", value) for value in first]
    poisoner = client.get("/api/v1/concepts/docker", headers=raw)
    for value in ("en", "ko-KR"):
        reader = client.get("/api/v1/concepts/docker", headers={"Accept-Language": value})
        assert _language(reader) == value[:2], (first, value)
        assert reader.headers["Content-Language"] == value[:2]
    again = client.get("/api/v1/concepts/docker", headers=raw)
    assert _language(again) == _language(poisoner)


@pytest.mark.parametrize("cookie", ODD_COOKIES)
def test_pages_with_odd_language_cookies_stay_in_the_language_of_their_url(client, cookie):
    client.cookies.clear()
    for path, lang in (("/en/concepts/docker", "en"), ("/ko/concepts/docker", "ko")):
        odd = client.get(path, headers={"Cookie": cookie})
        plain = client.get(path)
        assert odd.status_code == plain.status_code == 200
        assert odd.headers["Content-Language"] == plain.headers["Content-Language"] == lang
        assert odd.text == plain.text


@pytest.mark.parametrize("cookie", ODD_COOKIES)
def test_language_redirects_with_odd_cookies_are_never_kept(client, cookie):
    cache = render_cache(client).cache
    before = len(cache)
    response = client.get("/concepts/docker", headers={"Cookie": cookie}, follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["Cache-Control"].startswith("private") or "no-store" in response.headers["Cache-Control"]
    assert len(cache) == before
