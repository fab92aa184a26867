"""Links around the calculators: concept pages offer them and their scenarios; calculator pages explain their terms."""

import re

import pytest

from app.explorer.calculators import CALCULATORS
from tests.conftest import REAL_CONTENT


def try_it(html: str) -> str:
    return html.split('aria-labelledby="try-it-heading"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize(("lang", "slug", "calculators", "scenarios"), [
    ("ko", "load-balancing", ["hpa"], ["autoscaling"]),
    ("en", "rolling-update", ["rolling-update"], ["rolling-update"]),
    ("en", "self-healing", ["backoff", "node-eviction"], ["self-healing"]),
    ("ko", "deployment", ["rolling-update", "hpa"], ["autoscaling", "rolling-update"]),
])
def test_concept_page_offers_its_calculators_and_scenarios(full_client, lang, slug, calculators, scenarios):
    response = full_client.get(f"/{lang}/concepts/{slug}")
    section = try_it(response.text)
    linked = re.findall(rf'href="/{lang}/calculators/([\w-]+)"', section)
    assert linked == calculators
    played = re.findall(rf'href="/{lang}/scenarios/([\w-]+)"', section)
    assert set(scenarios) <= set(played)
    for name in linked:
        assert full_client.get(f"/{lang}/calculators/{name}").status_code == 200
    for name in played:
        assert full_client.get(f"/{lang}/scenarios/{name}").status_code == 200


def test_every_concept_page_has_something_to_try(full_client):
    slugs = {path.name.split(".")[0] for path in (REAL_CONTENT / "concepts").glob("*.md")}
    assert len(slugs) > 20
    for slug in sorted(slugs):
        section = try_it(full_client.get(f"/en/concepts/{slug}").text)
        assert re.search(r'href="/en/(calculators|scenarios|stacks)', section), slug


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("name", list(CALCULATORS))
def test_calculator_terms_link_to_their_glossary_entries(full_client, lang, name):
    page = full_client.get(f"/{lang}/calculators/{name}").text
    glossary = full_client.get(f"/{lang}/glossary").text
    anchors = set(re.findall(r'<dt id="([\w-]+)"', glossary))
    linked = re.findall(rf'href="/{lang}/glossary#([\w-]+)"', page)
    assert linked and set(linked) <= anchors
    terms = page.split('id="calc-terms-heading"', 1)[1]
    for slug in set(linked):
        name_in_glossary = re.search(rf'<dt id="{slug}">([^<]+)</dt>', glossary).group(1)
        assert f'<a href="/{lang}/glossary#{slug}">{name_in_glossary}</a>' in terms
