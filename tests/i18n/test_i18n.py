"""Language negotiation, and pages in the language a request asks for."""

import pytest

from app.i18n.catalogs import translations
from app.i18n.languages import UnknownLanguage, from_accept_language, negotiate


@pytest.mark.parametrize(("header", "expected"), [
    (None, None),
    ("", None),
    ("en-US,en;q=0.9", "en"),
    ("ko-KR,ko;q=0.9,en;q=0.8", "ko"),
    ("fr-FR,fr;q=0.9,en;q=0.5", "en"),
    ("en;q=0.3,ko;q=0.7", "ko"),
    ("ja,zh", None),
    ("*", "ko"),
    ("en;q=0", None),
    ("en;q=abc,ko;q=0.1", "ko"),
    ("EN-gb", "en"),
    ("ko;q=0.5,en;q=0.5", "ko"),
])
def test_from_accept_language_picks_best_available(header, expected):
    assert from_accept_language(header) == expected


def test_negotiate_order_is_query_cookie_header_default():
    assert negotiate("en", "ko", "ko") == "en"
    assert negotiate(None, "en", "ko") == "en"
    assert negotiate(None, None, "en") == "en"
    assert negotiate(None, "xx", None) == "ko"
    with pytest.raises(UnknownLanguage):
        negotiate("fr", None, None)


def test_page_default_language_is_korean(client):
    response = client.get("/")
    assert response.headers["content-language"] == "ko"
    assert '<html lang="ko">' in response.text


def test_page_follows_accept_language(client):
    response = client.get("/concepts", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="en">' in response.text
    assert "Concepts" in response.text


def test_page_lang_query_sets_cookie_that_later_pages_follow(client):
    response = client.get("/concepts?lang=en")
    assert response.cookies.get("lang") == "en"
    assert "SameSite=lax" in response.headers["set-cookie"]
    follow = client.get("/concepts/docker", headers={"Accept-Language": "ko"})
    assert '<html lang="en">' in follow.text


def test_page_lang_query_wins_over_cookie(client):
    client.get("/?lang=en")
    assert '<html lang="ko">' in client.get("/?lang=ko").text


def test_page_unknown_lang_is_a_clear_400(client):
    response = client.get("/concepts?lang=fr", headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert "lang" in response.text and "text/html" in response.headers["content-type"]
    assert '<html lang="en">' in response.text


# The site's name, the skip link, the menu and the JSON link, which every page shows.
UI_MESSAGES = [(None, "Docker ↔ Kubernetes Explorer"), (None, "Skip to content"), ("menu", "At a glance"),
               (None, "Concepts"), (None, "Compare"), (None, "View this page as JSON")]


@pytest.mark.parametrize("path", ["/", "/concepts", "/concepts/docker", "/compare", "/compare/docker-vs-kubernetes"])
def test_page_ui_strings_change_with_language(client, path):
    ko, en = client.get(path + "?lang=ko").text, client.get(path + "?lang=en").text
    for context, message in UI_MESSAGES:
        korean, english = (translations(lang).pgettext(context, message) if context else translations(lang).gettext(message)
                           for lang in ("ko", "en"))
        assert korean in ko and english in en, message
        assert english not in ko, message


def test_page_language_switch_links_keep_the_query(client):
    text = client.get("/concepts?tag=docker&lang=ko").text
    assert 'href="/concepts?tag=docker&amp;lang=en"' in text
