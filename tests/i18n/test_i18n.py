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
    response = client.get("/ko/")
    assert response.headers["content-language"] == "ko"
    assert '<html lang="ko">' in response.text


def test_a_page_speaks_the_language_of_its_path_whatever_the_reader_sends(client):
    response = client.get("/ko/concepts", headers={"Accept-Language": "en-US,en;q=0.9", "Cookie": "lang=en"})
    assert '<html lang="ko">' in response.text and response.headers["content-language"] == "ko"
    assert '<html lang="en">' in client.get("/en/concepts").text


def test_an_address_without_a_language_follows_accept_language(client):
    response = client.get("/concepts", headers={"Accept-Language": "en-US,en;q=0.9"}, follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == "/en/concepts"
    assert response.headers["vary"] == "Accept-Language, Cookie" and "private" in response.headers["cache-control"]
    assert client.get("/concepts", follow_redirects=False).headers["location"] == "/ko/concepts"  # else Korean


def test_the_language_switch_cookie_wins_over_accept_language(client):
    remembered = client.get("/language/en?next=/en/concepts", follow_redirects=False)
    assert remembered.cookies.get("lang") == "en" and "SameSite=lax" in remembered.headers["set-cookie"]
    follow = client.get("/concepts/docker", headers={"Accept-Language": "ko"}, follow_redirects=False)
    assert follow.headers["location"] == "/en/concepts/docker"


def test_the_language_switch_comes_back_only_to_this_site(client):
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example", "admin"):
        response = client.get("/language/en", params={"next": target}, follow_redirects=False)
        assert response.headers["location"] == "/", target
    assert client.get("/language/fr", follow_redirects=False).status_code == 404


def test_an_old_lang_link_is_a_permanent_redirect_to_the_path(client):
    for old, new in [("/concepts?tag=docker&lang=en", "/en/concepts?tag=docker"), ("/?lang=en", "/en/"),
                     ("/ko/concepts?lang=en", "/en/concepts"), ("/ko/concepts?lang=fr", "/ko/concepts"),
                     ("/en", "/en/")]:
        response = client.get(old, follow_redirects=False)
        assert response.status_code == 301 and response.headers["location"] == new, old


def test_a_language_the_explorer_does_not_have_is_a_404(client):
    response = client.get("/fr/concepts", headers={"Accept-Language": "en"})
    assert response.status_code == 404 and '<html lang="en">' in response.text


# The site's name, the skip link, the menu and the JSON link, which every page shows.
UI_MESSAGES = [(None, "Docker ↔ Kubernetes Explorer"), (None, "Skip to content"), ("menu", "At a glance"),
               (None, "Concepts"), (None, "Compare"), (None, "View this page as JSON")]


@pytest.mark.parametrize("path", ["/", "/concepts", "/concepts/docker", "/compare", "/compare/docker-vs-kubernetes"])
def test_page_ui_strings_change_with_language(client, path):
    ko, en = client.get(f"/ko{path}").text, client.get(f"/en{path}").text
    for context, message in UI_MESSAGES:
        korean, english = (translations(lang).pgettext(context, message) if context else translations(lang).gettext(message)
                           for lang in ("ko", "en"))
        assert korean in ko and english in en, message
        assert english not in ko, message


def test_page_language_switch_links_keep_the_query(client):
    text = client.get("/ko/concepts?tag=docker").text
    assert 'href="/en/concepts?tag=docker"' in text
