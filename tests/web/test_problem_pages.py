"""The problem type URIs of the API resolve to pages that say, in both languages, what each error means."""

import pytest

from app.http.problems import PROBLEM_TYPES, problem_type
from app.web.problem_docs import DOCS, PAGE


def test_every_problem_type_the_api_can_name_has_a_page_in_both_languages():
    names = {problem_type(status).removeprefix("/problems/") for status in PROBLEM_TYPES} | {"error"}
    assert names == set(DOCS)
    for name, docs in DOCS.items():
        assert set(docs) == {"ko", "en"} == set(PAGE), name
        assert docs["ko"].status == docs["en"].status, name
        assert all(docs[lang].meaning and docs[lang].remedy for lang in docs), name
    for status, name in PROBLEM_TYPES.items():
        assert DOCS[name]["en"].status == status


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_type_of_a_real_problem_resolves_to_its_page(client, lang):
    problem = client.get("/api/v1/concepts/no-such-concept").json()
    page = client.get(problem["type"], params={"lang": lang})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'<html lang="{lang}"' in page.text
    doc = DOCS["not-found"][lang]
    assert f"<h1>{doc.title}</h1>" in page.text
    # Names of headers and fields are shown as code, the rest escaped as text.
    assert "<code>step_count</code>" in page.text


def test_the_list_links_every_problem_type_and_unknown_types_are_404(client):
    page = client.get("/en/problems")
    assert page.status_code == 200
    for name in DOCS:
        assert f'href="/en/problems/{name}"' in page.text
    assert client.get("/en/problems/no-such-problem").status_code == 404
