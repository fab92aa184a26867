"""Importing the content tree: validation before any write, file and line in errors, idempotence, round trip."""

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from app.content import catalog
from app.content.errors import InvalidContent
from app.content.files.dump import dump_tree
from app.content.files.transfer import export_content, import_content
from tests.conftest import REAL_CONTENT, TEST_CONTENT


@pytest.fixture
def tree(tmp_path) -> Path:
    """A writable copy of the small test content."""
    return Path(shutil.copytree(TEST_CONTENT, tmp_path / "content"))


def _state(engine):
    with Session(engine) as session:
        return dump_tree(session), catalog.content_revision(session)


def _errors(engine, tree) -> list[str]:
    with pytest.raises(InvalidContent) as caught:
        import_content(engine, tree)
    return [str(error) for error in caught.value.errors]


def test_import_good_tree_loads_every_item(engine, tree):
    summary = import_content(engine, tree)
    assert "concept:docker" in summary.created
    with Session(engine) as session:
        concept = catalog.get_concept(session, "kubernetes", "en")
        assert concept.title == "Kubernetes"
        assert concept.notes[0].source.url == "https://kubernetes.io/blog/2022/02/17/dockershim-faq/"
        assert [r.slug for r in concept.related] == ["docker"]
        assert catalog.get_stack(session, "vm", "ko").layers[0].name == "서버"
        assert catalog.content_revision(session) == 1


def test_import_twice_changes_nothing(engine, tree):
    import_content(engine, tree)
    before = _state(engine)
    summary = import_content(engine, tree)
    assert not summary.changed
    assert _state(engine) == before


def test_import_changed_file_updates_only_that_item(engine, tree):
    import_content(engine, tree)
    path = tree / "concepts" / "docker.en.md"
    path.write_text(path.read_text().replace("Docker builds and runs", "Docker creates and runs"))
    summary = import_content(engine, tree)
    assert summary.updated == ["concept:docker"] and not summary.created and not summary.deleted
    with Session(engine) as session:
        assert "creates and runs" in catalog.get_concept(session, "docker", "en").body_html
        assert catalog.content_revision(session) == 2


def test_import_removed_file_deletes_the_item(engine, tree):
    import_content(engine, tree)
    (tree / "scenarios" / "self-healing.yml").unlink()
    shutil.rmtree(tree / "paths")  # the learning path has a stop on the scenario
    summary = import_content(engine, tree, prune=True)
    assert sorted(summary.deleted) == ["path:first-steps", "scenario:self-healing"]


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


BROKEN = {
    "yaml-syntax": (lambda t: _replace(t / "concepts/docker.ko.md", "order: 10", "order: [10"),
                    "content/concepts/docker.ko.md:", "not valid YAML"),
    "missing-translation-file": (lambda t: (t / "concepts/container.en.md").unlink(),
                                 "content/concepts/container.en.md:1", "missing translation"),
    "missing-translation-key": (lambda t: _replace(t / "comparisons/docker-vs-kubernetes.yml", ", en: Docker and Kubernetes}", "}"),
                                "content/comparisons/docker-vs-kubernetes.yml:2: title.en", "missing translation (en)"),
    "unknown-field": (lambda t: _replace(t / "stacks/vm.yml", "order: 1\n", "order: 1\ncolour: red\n"),
                      "content/stacks/vm.yml:2: colour", "unknown field"),
    "unknown-tag": (lambda t: _replace(t / "concepts/docker.ko.md", "- docker\nrelated", "- dokcer\nrelated")
                    or _replace(t / "concepts/docker.en.md", "- docker\nrelated", "- dokcer\nrelated"),
                    "content/concepts/docker.ko.md:6: tags.0", "unknown tag 'dokcer'"),
    "unknown-related": (lambda t: _replace(t / "concepts/docker.en.md", "- kubernetes\n---", "- k8s\n---")
                        or _replace(t / "concepts/docker.ko.md", "- kubernetes\n---", "- k8s\n---"),
                        "content/concepts/docker.ko.md:9: related.1", "unknown concept 'k8s'"),
    "related-to-itself": (lambda t: _replace(t / "concepts/docker.en.md", "- kubernetes\n---", "- docker\n---")
                          or _replace(t / "concepts/docker.ko.md", "- kubernetes\n---", "- docker\n---"),
                          "content/concepts/docker.ko.md:9: related.1", "a concept cannot be related to itself"),
    "layer-key-twice": (lambda t: _replace(t / "stacks/vm.yml", "  - key: guest-os\n", "  - key: server\n"),
                        "content/stacks/vm.yml:10: layers.1.key", "key 'server' is used twice"),
    "point-key-twice": (lambda t: _replace(t / "stacks/vm.yml", "  - key: heavy-guests\n", "  - key: isolated-guests\n"),
                        "content/stacks/vm.yml:21: cons.0.key", "key 'isolated-guests' is used twice"),
    "duplicate-key": (lambda t: _replace(t / "scenarios/self-healing.yml", "order: 1\n", "order: 1\norder: 2\n"),
                      "content/scenarios/self-healing.yml:2: order", "appears twice"),
    "not-utf8": (lambda t: (t / "concepts/docker.en.md").write_bytes("title: 도커".encode("euc-kr")),
                 "content/concepts/docker.en.md:1", "not UTF-8"),
    "unknown-layer": (lambda t: _replace(t / "stacks/vm.yml", "      - guest-os\n", "      - guest-oss\n"),
                      "content/stacks/vm.yml:18: pros.0.layers.0", "unknown layer 'guest-oss'"),
    "empty-body": (lambda t: _replace(t / "concepts/container.ko.md", "컨테이너는 호스트의 커널을 함께 씁니다.\n", ""),
                   "content/concepts/container.ko.md:10: body", "empty"),
    "languages-disagree": (lambda t: _replace(t / "concepts/container.en.md", "order: 20", "order: 21"),
                           "content/concepts/container.en.md:4: order", "differs from the ko file"),
    "unexpected-file": (lambda t: (t / "concepts/notes.txt").write_text("hello"),
                        "content/concepts/notes.txt:1", "unexpected name"),
    "missing-source": (lambda t: (t / "source.yml").unlink(), "content/source.yml:1", "is missing"),
    "bad-url": (lambda t: _replace(t / "source.yml", "url: https://wooono", "url: javascript://wooono"),
                "content/source.yml:6: reference.url", "http or https URL"),
    "unknown-question": (lambda t: _replace(t / "scenarios/self-healing.yml", "  replicas: 3\n",
                                            "  replicas: 3\npredictions:\n  - question: guess-anything\n    at: event:host_failed\n"),
                         "content/scenarios/self-healing.yml:11: predictions.0", "unknown question type 'guess-anything'"),
    "unknown-selector": (lambda t: _replace(t / "scenarios/self-healing.yml", "  replicas: 3\n",
                                            "  replicas: 3\npredictions:\n  - question: eviction-time\n    at: event:pod_evicted#3\n"),
                         "content/scenarios/self-healing.yml:11: predictions.0",
                         "unknown selector 'event:pod_evicted#3' for eviction-time"),
    "bad-slug-file": (lambda t: (t / "scenarios/Bad Name.yml").write_text("order: 1\n"),
                      "content/scenarios/Bad Name.yml:1", "unexpected name"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_import_broken_tree_names_file_line_and_field_and_writes_nothing(engine, tree, case):
    import_content(engine, tree)
    _replace(tree / "concepts/kubernetes.en.md", "orchestration** system", "orchestration** platform")
    before = _state(engine)
    breaks, where, message = BROKEN[case]
    breaks(tree)
    errors = _errors(engine, tree)
    assert any(error.startswith(where) and message in error for error in errors), errors
    assert _state(engine) == before


def test_import_reports_every_error_at_once(engine, tree):
    BROKEN["unknown-tag"][0](tree)
    BROKEN["unknown-field"][0](tree)
    assert len(_errors(engine, tree)) == 2


@pytest.mark.parametrize("content", [TEST_CONTENT, REAL_CONTENT], ids=["small", "real"])
def test_export_after_import_reproduces_the_tree(engine, tmp_path, content):
    import_content(engine, content)
    out = tmp_path / "exported"
    written = export_content(engine, out)
    originals = sorted(p.relative_to(content) for p in content.rglob("*") if p.is_file() and p.name != "README.md")
    assert sorted(p.relative_to(out) for p in written) == originals
    for relative in originals:
        assert (out / relative).read_text(encoding="utf-8") == (content / relative).read_text(encoding="utf-8"), relative


def test_export_of_empty_database_says_so(engine, tmp_path):
    with pytest.raises(LookupError):
        export_content(engine, tmp_path / "out")


def test_import_orders_tags_by_their_order_field(engine, tree):
    _replace(tree / "tags.yml", "order: 10", "order: 30")
    import_content(engine, tree)
    with Session(engine) as session:
        assert [tag.slug for tag in catalog.list_tags(session, "en").data] == ["kubernetes", "docker"]
        assert [tag.slug for tag in dump_tree(session).tags] == ["kubernetes", "docker"]
