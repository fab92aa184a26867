"""The three-way comparison as a page in both languages and as JSON: every side as a column, every row a cell each."""

import pytest

SLUG = "compose-vs-swarm-vs-kubernetes"
LABELS = {"ko": ["도커 컴포즈", "스웜 모드", "쿠버네티스"], "en": ["Docker Compose", "Swarm mode", "Kubernetes"]}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_three_way_page_shows_every_side_and_cell(full_client, lang):
    response = full_client.get(f"/{lang}/compare/{SLUG}")
    assert response.status_code == 200
    assert response.template.name == "compare/detail.html"
    comparison = response.context["comparison"]
    assert [side.label for side in comparison.sides] == LABELS[lang]
    html = response.text
    assert 'class="compare compare-many"' in html
    assert html.count('<th scope="col">') == 4 and html.count('<th scope="row">') == len(comparison.rows) >= 9
    for label, slug in zip(LABELS[lang], ["docker-compose", "docker-swarm", "kubernetes"], strict=True):
        assert f'<a href="/{lang}/concepts/{slug}">{label}</a>' in html
    for row in comparison.rows:
        assert len(row.cells) == 3
        for side, cell in zip(comparison.sides, row.cells, strict=True):
            assert f'<td data-label="{side.label}">{cell.html}</td>' in html
    assert f'href="/api/v1/comparisons/{SLUG}?lang={lang}"' in html


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_three_way_json_keeps_left_and_right_and_adds_sides_and_cells(full_client, lang):
    body = full_client.get(f"/api/v1/comparisons/{SLUG}?lang={lang}").json()
    assert body["lang"] == lang
    assert [side["label"] for side in body["sides"]] == LABELS[lang]
    assert body["left"] == body["sides"][0] and body["right"] == body["sides"][1]
    for row in body["rows"]:
        assert [cell["text"] for cell in row["cells"][:2]] == [row["left"], row["right"]]
        assert len(row["cells"]) == 3 and all(cell["html"] for cell in row["cells"])
        assert all("https://" in cell["text"] for cell in row["cells"])  # every cell cites its page
    listed = full_client.get(f"/api/v1/comparisons?lang={lang}").json()["data"]
    assert next(item for item in listed if item["slug"] == SLUG)["sides"] == body["sides"]


def test_the_comparison_list_names_all_three_sides(full_client):
    response = full_client.get("/en/compare")
    assert "Docker Compose · Swarm mode · Kubernetes" in response.text
    assert "Docker vs Kubernetes" in response.text  # a two-sided card reads as before


@pytest.mark.parametrize(("lang", "word"), [("ko", "스웜"), ("en", "swarm")])
def test_search_finds_the_three_way_comparison(full_client, lang, word):
    hits = full_client.get(f"/api/v1/search?q={word}&kind=comparison&lang={lang}").json()["data"]
    assert SLUG in [hit["key"] for hit in hits]
