"""The concept map: an SVG of links to every concept with their relations, its list and JSON twin, and a layout
computed once per content revision."""

import re
import xml.etree.ElementTree as ET

import pytest
from sqlmodel import Session

from app.content import editing
from app.content.kinds import KINDS
from app.explorer import concept_map
from app.models import AdminUser
from tests.http.test_render_cache import render_cache

LANGS = ("ko", "en")
SVG = "{http://www.w3.org/2000/svg}"
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _svg(html: str) -> ET.Element:
    """The map's drawing, parsed as XML (it is well-formed SVG inside the page)."""
    start = html.index("<svg class=\"concept-map-svg\"")
    return ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])


def _concepts(client, lang: str) -> dict[str, dict]:
    listed = client.get("/api/v1/concepts", params={"lang": lang, "limit": 100}).json()["data"]
    return {item["slug"]: client.get(f"/api/v1/concepts/{item['slug']}", params={"lang": lang}).json()
            for item in listed}


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_links_every_concept_in_the_pages_language(full_client, lang):
    response = full_client.get(f"/{lang}/map")
    assert response.status_code == 200 and response.template.name == "map/index.html"
    svg = _svg(response.text)
    links = svg.findall(f"{SVG}a")
    concepts = _concepts(full_client, lang)
    assert sorted(link.get("href") for link in links) == sorted(f"/{lang}/concepts/{slug}" for slug in concepts)
    for link in links:
        slug = link.get("href").rsplit("/", 1)[1]
        title = concepts[slug]["title"]
        drawn = " ".join("".join(span.itertext()) for span in link.iter(f"{SVG}tspan"))
        assert (link.get("aria-label") or drawn) == title  # the name read out is the whole title
        assert drawn.replace(" ", "") == title.replace(" ", "") or drawn.endswith("…")
        assert bool(HANGUL.search(drawn)) is (lang == "ko" and bool(HANGUL.search(title)))
        assert link.find(f"{SVG}rect") is not None
        assert not {"fill", "stroke", "style"} & set(link.find(f"{SVG}rect").attrib)  # colours come from CSS


def test_the_maps_links_come_in_reading_order_and_no_boxes_overlap(full_client):
    svg = _svg(full_client.get("/en/map").text)
    boxes = [(float(rect.get("y")), float(rect.get("x")), float(rect.get("width")), float(rect.get("height")))
             for rect in svg.iter(f"{SVG}rect")]
    assert boxes == sorted(boxes)  # row by row, left to right: the tab order reads like the page
    for i, (y, x, w, h) in enumerate(boxes):
        for y2, x2, w2, h2 in boxes[i + 1:]:
            assert x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
    width, height = (float(n) for n in svg.get("viewBox").split()[2:])
    assert all(x >= 0 and x + w <= width and y >= 0 and y + h <= height for y, x, w, h in boxes)


def test_the_map_draws_one_line_for_each_pair_of_related_concepts(full_client):
    svg = _svg(full_client.get("/en/map").text)
    concepts = _concepts(full_client, "en")
    pairs = {frozenset((slug, other["slug"])) for slug, concept in concepts.items() for other in concept["related"]}
    centres = {}
    for link in svg.findall(f"{SVG}a"):
        rect = link.find(f"{SVG}rect")
        centre = (float(rect.get("x")) + float(rect.get("width")) / 2, float(rect.get("y")) + float(rect.get("height")) / 2)
        centres[centre] = link.get("href").rsplit("/", 1)[1]
    lines = {frozenset((centres[(float(line.get("x1")), float(line.get("y1")))],
                        centres[(float(line.get("x2")), float(line.get("y2")))]))
             for line in svg.iter(f"{SVG}line")}
    assert lines == pairs and len(list(svg.iter(f"{SVG}line"))) == len(pairs)


@pytest.mark.parametrize("lang", LANGS)
def test_the_list_below_the_map_gives_each_concept_and_its_relations(full_client, lang):
    html = full_client.get(f"/{lang}/map").text
    listed = html[html.index('<ul class="map-list">'):]
    for slug, concept in _concepts(full_client, lang).items():
        item = re.search(rf'<li><a href="/{lang}/concepts/{slug}">.*?</li>', listed, re.S).group(0)
        assert re.findall(rf'href="/{lang}/concepts/([a-z0-9-]+)"', item)[1:] == [r["slug"] for r in concept["related"]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_maps_json_twin_has_the_nodes_and_edges_of_the_drawing(full_client, lang):
    page = full_client.get(f"/{lang}/map")
    svg = _svg(page.text)
    data = full_client.get("/api/v1/map", params={"lang": lang}).json()
    assert data["lang"] == lang and f'href="/api/v1/map?lang={lang}"' in page.text
    assert [node["url"] for node in data["nodes"]] == [link.get("href") for link in svg.findall(f"{SVG}a")]
    for node, rect in zip(data["nodes"], svg.iter(f"{SVG}rect"), strict=True):
        assert node["x"] == float(rect.get("x")) + float(rect.get("width")) / 2
        assert node["y"] == float(rect.get("y")) + float(rect.get("height")) / 2
        assert set(node) == {"slug", "title", "url", "x", "y"}
    concepts = _concepts(full_client, lang)
    assert {(edge["from"], edge["to"]) for edge in data["edges"]} == {
        (slug, other["slug"]) for slug, concept in concepts.items() for other in concept["related"]}
    assert {edge["relation"] for edge in data["edges"]} == {"related"}
    assert {node["title"] for node in data["nodes"]} == {concept["title"] for concept in concepts.values()}


def test_the_layout_is_computed_once_per_content_revision(client, monkeypatch, app_admin):
    calls = []
    layout = concept_map.grid_layout
    monkeypatch.setattr(concept_map, "grid_layout", lambda *args: calls.append(args) or layout(*args))
    first = client.get("/api/v1/map?lang=en").json()
    client.get("/en/map")
    client.get("/ko/map")
    client.get("/api/v1/map?lang=ko")
    assert len(calls) == 1  # both languages and the page share one layout
    render_cache(client).cache._entries.clear()
    client.get("/en/map", headers={"Cache-Control": "no-cache"})
    assert len(calls) == 1  # rendered again, laid out no more
    with Session(client.app.state.engine) as session:
        kind = KINDS["concept"]
        doc, version = editing.load(session, kind, "docker")
        editing.save(session, kind, "docker", doc.model_copy(update={"related": ("container",)}), version,
                     session.get(AdminUser, app_admin))
    second = client.get("/api/v1/map?lang=en").json()
    assert len(calls) == 2  # the next revision is laid out afresh, and shows the change
    assert ("docker", "kubernetes") in {(e["from"], e["to"]) for e in first["edges"]}
    assert {(e["from"], e["to"]) for e in second["edges"] if e["from"] == "docker"} == {("docker", "container")}


@pytest.fixture
def app_admin(client) -> int:
    """An admin account to save as, in the client's database."""
    with Session(client.app.state.engine) as session:
        user = AdminUser(username="mapper", password_hash="-")
        session.add(user)
        session.commit()
        return user.id


@pytest.mark.parametrize("path", ["/en/map", "/ko/map", "/api/v1/map?lang=en"])
def test_the_map_is_cacheable_like_every_public_page(client, path):
    cache = render_cache(client).cache
    first = client.get(path)
    assert first.headers["cache-control"] == "public, max-age=0, s-maxage=60, stale-while-revalidate=60"
    hits = cache.hits
    assert client.get(path).content == first.content and cache.hits == hits + 1
    assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304


def test_the_layout_keeps_related_concepts_close_and_is_repeatable():
    slugs = [f"c{i}" for i in range(12)]
    edges = [(f"c{i}", f"c{i + 1}") for i in range(11)]
    first = concept_map.grid_layout(slugs, edges)
    assert first == concept_map.grid_layout(slugs, edges)
    assert len(set(first.cells.values())) == len(slugs)
    near = [abs(first.cells[a][0] - first.cells[b][0]) + abs(first.cells[a][1] - first.cells[b][1]) for a, b in edges]
    assert sum(near) / len(near) < 2.5


@pytest.mark.parametrize(("title", "lines"), [
    ("Docker", ("Docker",)),
    ("디플로이먼트(Deployment)", ("디플로이먼트", "(Deployment)")),
    ("When Docker is enough, and when you need Kubernetes", ("When Docker is", "enough, and when", "you need Kubernetes")),
])
def test_titles_wrap_to_fit_their_boxes(title, lines):
    assert concept_map.wrap(title) == lines
