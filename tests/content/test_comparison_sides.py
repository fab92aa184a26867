"""Comparisons of three sides or more: they import, export as written, keep two-sided files unchanged, and refuse
a row without a text for every side, naming the file and line."""

import shutil

import pytest
import yaml
from sqlmodel import Session

from app.content import catalog
from app.content.errors import InvalidContent
from app.content.files.transfer import export_content, import_content
from tests.conftest import REAL_CONTENT, TEST_CONTENT

THREE_WAY = REAL_CONTENT / "comparisons" / "compose-vs-swarm-vs-kubernetes.yml"


@pytest.fixture
def tree(tmp_path):
    """The small test tree with the real three-way comparison and the concepts its sides name."""
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    shutil.copy(THREE_WAY, root / "comparisons" / THREE_WAY.name)
    doc = yaml.safe_load(THREE_WAY.read_text(encoding="utf-8"))
    for side in (doc["left"], doc["right"], *doc["more"]):
        for lang in ("ko", "en"):
            name = f"{side['concept']}.{lang}.md"
            if not (root / "concepts" / name).exists():
                (root / "concepts" / name).write_text(
                    f"---\ntitle: {side[lang]}\nsummary: {side[lang]}\norder: 50\n---\n{side[lang]}\n", encoding="utf-8")
    return root


def test_a_three_way_comparison_round_trips_through_import_and_export(engine, tree, tmp_path):
    import_content(engine, tree)
    with Session(engine) as db:
        comparison = catalog.get_comparison(db, "compose-vs-swarm-vs-kubernetes", "en")
    assert [side.label for side in comparison.sides] == ["Docker Compose", "Swarm mode", "Kubernetes"]
    assert [side.concept.slug for side in comparison.sides] == ["docker-compose", "docker-swarm", "kubernetes"]
    assert all(len(row.cells) == 3 for row in comparison.rows)
    assert (comparison.left, comparison.right) == (comparison.sides[0], comparison.sides[1])
    scaling = next(row for row in comparison.rows if row.aspect == "Scaling")
    assert "HorizontalPodAutoscaler" in scaling.cells[2].html and "autoscaler" in scaling.cells[1].text
    written = export_content(engine, tmp_path / "out")
    for path in ("comparisons/compose-vs-swarm-vs-kubernetes.yml", "comparisons/docker-vs-kubernetes.yml"):
        assert (tmp_path / "out" / path).read_text(encoding="utf-8") == (tree / path).read_text(encoding="utf-8")
    two_sided = (tmp_path / "out" / "comparisons" / "docker-vs-kubernetes.yml").read_text(encoding="utf-8")
    assert "more" not in yaml.safe_load(two_sided)  # a two-sided file is written as it always was
    assert len(written) == sum(1 for p in tree.rglob("*") if p.is_file())


def test_a_row_without_a_text_for_every_side_is_refused_with_file_and_line(engine, tree):
    path = tree / "comparisons" / THREE_WAY.name
    text = path.read_text(encoding="utf-8")
    row = text.index("  - aspect: {ko: 확장")
    start = text.index("    more:\n", row)
    end = text.index("  - aspect:", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")  # the Scaling row loses its Kubernetes text
    with pytest.raises(InvalidContent) as caught:
        import_content(engine, tree)
    line = text[:row].count("\n") + 1  # the row's "- aspect" line: the row has no `more` left to point at
    messages = [str(error) for error in caught.value.errors]
    assert any(f"comparisons/{THREE_WAY.name}:" in m and "rows.3.more" in m and "one text for each side" in m
               for m in messages), messages
    assert any(f":{line}:" in m for m in messages), (line, messages)


def test_an_unknown_concept_on_a_further_side_is_named(engine, tree):
    path = tree / "comparisons" / THREE_WAY.name
    path.write_text(path.read_text(encoding="utf-8").replace("concept: kubernetes", "concept: kubernetez"),
                    encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        import_content(engine, tree)
    assert any("more.0.concept" in str(e) and "kubernetez" in str(e) for e in caught.value.errors)
