"""The HTML pages: every route in both languages, htmx fragments, JSON twins, credits and 404s."""

import pytest

LANGS = ("ko", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_home_shows_comparison_and_entry_points(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert response.template.name == "home/index.html"
    comparison = response.context["comparison"]
    assert comparison.slug == "docker-vs-kubernetes"
    assert comparison.rows[0].aspect in response.text
    assert f'href="/{lang}/compare/docker-vs-kubernetes"' in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_concepts_page_lists_every_concept(client, lang):
    response = client.get(f"/{lang}/concepts")
    titles = {"ko": ["도커", "컨테이너", "쿠버네티스"], "en": ["Docker", "Container", "Kubernetes"]}[lang]
    assert [c.title for c in response.context["concepts"].data] == titles
    for slug in ("docker", "container", "kubernetes"):
        assert f'href="/{lang}/concepts/{slug}"' in response.text


def test_concepts_filter_by_tag(client):
    response = client.get("/en/concepts?tag=kubernetes")
    assert [c.slug for c in response.context["concepts"].data] == ["kubernetes"]
    assert '<option value="kubernetes" selected>' in response.text
    assert "1 concept tagged “Kubernetes”" in response.text


def test_concepts_filter_unknown_tag_is_404(client):
    assert client.get("/ko/concepts?tag=nope").status_code == 404


def test_concepts_empty_tag_means_all(client):
    assert client.get("/ko/concepts?tag=").context["concepts"].count == 3


def test_concepts_htmx_request_gets_only_the_list(client):
    response = client.get("/ko/concepts?tag=docker", headers={"HX-Request": "true"})
    assert response.template.name == "concepts/_list.html"
    assert response.text.lstrip().startswith('<section id="concept-list"')
    assert "<html" not in response.text
    assert "HX-Request" in response.headers["vary"]


@pytest.mark.parametrize("header", ["HX-Boosted", "HX-History-Restore-Request"])
def test_concepts_boosted_or_history_restore_gets_the_full_page(client, header):
    response = client.get("/ko/concepts?tag=docker", headers={"HX-Request": "true", header: "true"})
    assert response.template.name == "concepts/index.html"
    assert "<html" in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_concept_page_shows_body_notes_related_and_source(client, lang):
    response = client.get(f"/{lang}/concepts/kubernetes")
    concept = response.context["concept"]
    assert response.status_code == 200
    assert f"<h1>{concept.title}</h1>" in response.text
    assert "<strong>orchestration</strong>" in response.text or "<strong>오케스트레이션</strong>" in response.text
    note = concept.notes[0]
    assert note.claim in response.text
    assert 'href="https://kubernetes.io/blog/2022/02/17/dockershim-faq/"' in response.text
    assert f'href="/{lang}/concepts/docker"' in response.text  # a link in the body leads to the same language
    assert 'href="https://wooono.tistory.com/109"' in response.text
    assert {"ko": "2022년 7월 4일", "en": "July 4, 2022"}[lang] in response.text


def test_concept_page_links_its_json_twin(client):
    text = client.get("/en/concepts/docker").text
    assert '<link rel="alternate" type="application/json" href="/api/v1/concepts/docker?lang=en">' in text
    assert 'class="json-link" href="/api/v1/concepts/docker?lang=en"' in text


@pytest.mark.parametrize("lang", LANGS)
def test_comparison_page_shows_rows_in_order(client, lang):
    response = client.get(f"/{lang}/compare/docker-vs-kubernetes")
    comparison = response.context["comparison"]
    assert comparison.left.label in response.text and comparison.right.label in response.text
    for row in comparison.rows:
        assert row.aspect in response.text and row.left_html in response.text and row.right_html in response.text


@pytest.mark.parametrize("path", ["/en/nope", "/en/concepts/nope", "/en/compare/nope", "/en/concepts/%2e%2e",
                                  "/concepts/nope?lang=en", "/nope"])
def test_unknown_page_is_a_friendly_404(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "Page not found" in response.text and 'href="/en/"' in response.text


def test_pages_escape_what_they_show(client):
    response = client.get("/ko/concepts/%3Cscript%3E")
    assert response.status_code == 404
    assert "<script>" not in response.text.replace('<script src="/static/vendor/htmx-2.0.11.min.js" defer></script>', "")


def test_static_htmx_is_vendored(client):
    response = client.get("/static/vendor/htmx-2.0.11.min.js")
    assert response.status_code == 200 and len(response.content) == 52182


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ok"}


def test_readiness_fails_when_database_is_unreachable(tmp_path, postgres):
    if postgres is not None:
        pytest.skip("a SQLite file that cannot be opened; tests/http/test_operations.py cuts PostgreSQL off instead")
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.settings import Settings

    app = create_app(Settings(env="dev", database_url=f"sqlite:///{tmp_path}/x.db", import_on_start=False))
    client = TestClient(app)  # no lifespan: the database is never created
    (tmp_path / "x.db").mkdir()  # a directory where the file should be: SQLite cannot open it
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


def test_concepts_fragment_brings_page_links_that_follow_the_filter(client):
    # identity: the length checked below is that of the uncompressed fragment
    response = client.get("/en/concepts?tag=docker", headers={"HX-Request": "true", "Accept-Encoding": "identity"})
    assert '<div class="lang-switch" id="lang-switch" role="group" aria-label="Language" hx-swap-oob="true">' in response.text
    assert 'href="/ko/concepts?tag=docker"' in response.text
    assert '<p id="json-link" hx-swap-oob="true"><a class="json-link" href="/api/v1/concepts?tag=docker&amp;lang=en"' in response.text
    assert int(response.headers["content-length"]) == len(response.content)
