"""The glossary page and its JSON twin, and the concept pages of the objects every scenario uses."""

import pytest

LANGS = ("ko", "en")
NEW_CONCEPTS = ("pod", "replicaset", "deployment", "service", "control-plane", "container-runtime",
                "docker-compose", "docker-swarm", "kubectl", "registry")


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_lists_each_term_linked_to_its_concept(full_client, lang):
    response = full_client.get(f"/{lang}/glossary")
    assert response.status_code == 200
    assert response.template.name == "glossary/index.html"
    glossary = response.context["glossary"]
    slugs = {item.slug for item in glossary.data}
    assert {"kubelet", "replicaset", "taint", "toleration", "toleration-seconds", "ready", "max-surge",
            "max-unavailable", "crashloopbackoff", "hpa"} <= slugs
    for item in glossary.data:
        assert f'id="{item.slug}"' in response.text
        assert f'href="/{lang}/concepts/{item.concept.slug}"' in response.text
    assert f'href="/api/v1/glossary?lang={lang}"' in response.text


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_json_matches_the_page(full_client, lang):
    page = full_client.get(f"/{lang}/glossary").context["glossary"]
    data = full_client.get("/api/v1/glossary", params={"lang": lang, "limit": 100}).json()
    assert data["lang"] == lang and data["count"] == page.count
    assert [item["term"] for item in data["data"]] == [item.term for item in page.data]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", NEW_CONCEPTS)
def test_concept_pages_of_the_scenarios_objects_render(full_client, slug, lang):
    response = full_client.get(f"/{lang}/concepts/{slug}")
    assert response.status_code == 200
    concept = response.context["concept"]
    assert concept.notes and all(note.source.url.startswith("https://") for note in concept.notes)
    assert full_client.get(f"/api/v1/concepts/{slug}", params={"lang": lang}).json()["title"] == concept.title
