"""Pages rendered through the catalogs: plurals, escaping, and each request in its own language."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from jinja2 import UndefinedError

from app.i18n.catalogs import translations
from app.web.templating import gettext_context, templates


def test_concept_list_by_tag_says_one_concept_in_english(client):
    response = client.get("/en/concepts?tag=kubernetes")
    assert response.context["concepts"].count == 1
    assert "1 concept tagged “Kubernetes”" in response.text


def test_concept_list_by_tag_says_two_concepts_in_english(client):
    response = client.get("/en/concepts?tag=docker")
    assert response.context["concepts"].count == 2
    assert "2 concepts tagged “Docker”" in response.text


def test_concept_list_by_tag_counts_in_korean(client):
    assert "‘쿠버네티스’ 태그의 개념 1개" in client.get("/ko/concepts?tag=kubernetes").text
    assert "‘도커’ 태그의 개념 2개" in client.get("/ko/concepts?tag=docker").text


def test_concept_list_fragment_counts_in_the_plural_too(client):
    response = client.get("/en/concepts", headers={"HX-Request": "true"})
    assert response.template.name == "concepts/_list.html"
    assert "3 concepts</p>" in response.text


@pytest.mark.parametrize(("n", "english"), [(1, "VM: 1"), (2, "VMs: 2")])
def test_stacks_workload_badge_agrees_with_the_count(client, n, english):
    assert f'<span class="stack-badge">{english}</span>' in client.get(f"/en/stacks?view=vm&n={n}").text


def test_translations_are_escaped_like_any_text(client):
    # A catalog holds text, not HTML: the apostrophe renders as an entity, as every other value does.
    assert "Resolve a Deployment&#39;s maxSurge" in client.get("/en/calculators/rolling-update").text


def test_two_languages_rendered_back_to_back_are_each_right(client):
    for _ in range(2):
        ko, en = client.get("/ko/concepts").text, client.get("/en/concepts").text
        assert "개념 3개" in ko and "3 concepts" not in ko and "본문으로 건너뛰기" in ko
        assert "3 concepts" in en and "개념 3개" not in en and "Skip to content" in en


def test_requests_in_both_languages_at_once_each_get_their_own(client):
    # ?lang= sets a cookie, so none of these is answered from the render cache: each one renders.
    expected = {lang: client.get(f"/{lang}/compare").text for lang in ("ko", "en")}
    langs = ["ko", "en"] * 24
    with ThreadPoolExecutor(max_workers=8) as pool:
        texts = list(pool.map(lambda lang: client.get(f"/{lang}/compare").text, langs))
    assert [text == expected[lang] for lang, text in zip(langs, texts, strict=True)] == [True] * len(langs)


def test_gettext_comes_only_with_the_render_context():
    # Nothing is installed on the shared environment, so a render without a language fails instead of guessing.
    template = templates.get_template("_json_link.html")
    with pytest.raises(UndefinedError):
        template.render(json_url="/api/v1/tags")
    assert "JSON으로 보기" in template.render(json_url="/api/v1/tags", **gettext_context("ko"))


def test_python_code_reads_the_same_catalogs():
    assert translations("ko").gettext("Skip to content") == "본문으로 건너뛰기"
    assert translations("en").ngettext("%(num)d pod on %(node)s", "%(num)d pods on %(node)s", 1) == "%(num)d pod on %(node)s"
