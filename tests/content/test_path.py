"""The learning path as content: it covers the whole post, its stops are checked against the registry of kinds,
and it survives import and export unchanged."""

import dataclasses
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from app.content.errors import InvalidContent
from app.content.files.dump import dump_tree
from app.content.files.parse import read_tree
from app.content.files.transfer import export_content, import_content
from app.content.kinds import ALL, KINDS, concept, path
from tests.conftest import REAL_CONTENT, TEST_CONTENT
from tests.content.test_post_coverage import CLAIMS

# The post's sections, in its order, and the claims of each (tests/content/test_post_coverage.py names each claim,
# the page that states it and its JSON). A section is reached when a stop of the path is the page, or the JSON,
# of every one of its claims.
SECTIONS = {
    "도커와 쿠버네티스 비교 예시": ["one-container-docker", "hundred-containers-kubernetes",
                            "docker-runs-images-as-containers", "kubernetes-manages-docker-corrected",
                            "docker-one-kubernetes-many"],
    "도커란?": ["docker-definition", "container-definition", "containers-used-as-microservices",
             "microservice-definition", "microservice-fast-deployment", "microservice-changes-isolated"],
    "기존의 가상머신(VM)과 컨테이너의 차이점": ["vm-stack-order", "vm-pro-linux-guest-on-windows", "vm-pro-breach-contained",
                                  "vm-con-heavy-guest-os", "container-stack-order",
                                  "container-pro-one-host-os-faster", "container-con-no-linux-on-windows",
                                  "container-con-breach-endangers-host"],
    "컨테이너는 독립적이고, 동적이다.": ["containers-scale-with-traffic", "containers-no-new-environment-per-service",
                           "containers-different-environments-one-server", "containers-isolated-efficient"],
    "쿠버네티스란?": ["kubernetes-is-container-orchestration", "orchestration-definition", "self-healing",
                "load-balancing-scales-with-users", "zero-downtime-gradual-updates", "vendor-lock-in-definition",
                "open-source-not-tied-to-a-vendor", "common-microservice-architecture"],
    "요약": ["summary-different-situations", "summary-one-container-no-kubernetes",
           "summary-kubernetes-for-many-containers"],
}
# The scenario of each example the post gives: the path lets the reader run each of them.
EXAMPLES = {"one-container-docker", "hundred-at-midnight"}


@pytest.fixture(scope="module")
def real_path():
    [learning_path] = read_tree(REAL_CONTENT).paths
    return learning_path


def _stop_pages(learning_path) -> tuple[set[str], set[str]]:
    """The pages (in Korean, as the claims name them) and the JSON resources of the path's stops."""
    pages, apis = set(), set()
    for stop in learning_path.stops:
        kind = KINDS[stop.kind]
        pages.add("/ko" + kind.page.format(stop.slug))
        if kind.api:
            apis.add(kind.api.format(stop.slug))
    return pages, apis


def test_every_claim_of_the_post_belongs_to_one_section():
    listed = [claim for claims in SECTIONS.values() for claim in claims]
    assert len(listed) == len(set(listed))
    assert set(listed) == {claim.id for claim in CLAIMS} - {"credit-post-and-reference"}


@pytest.mark.parametrize("section", list(SECTIONS))
def test_the_path_reaches_every_claim_of_each_section_of_the_post(real_path, section):
    pages, apis = _stop_pages(real_path)
    claims = {claim.id: claim for claim in CLAIMS}
    missed = [name for name in SECTIONS[section]
              if claims[name].page not in pages and claims[name].api not in apis]
    assert not missed, f"no stop of the path reaches {missed} ({section})"


def test_the_path_follows_the_story_and_lets_the_reader_run_the_posts_examples(real_path):
    keys = [(stop.kind, stop.slug) for stop in real_path.stops]
    order = [keys.index(key) for key in [("concept", "container"), ("comparison", "vm-vs-container"),
                                         ("concept", "orchestration"), ("concept", "self-healing"),
                                         ("concept", "when-to-use-kubernetes")]]
    assert order == sorted(order), "one container → VMs vs containers → many → orchestration → when not"
    assert keys[-1] == ("concept", "when-to-use-kubernetes")
    assert {slug for kind, slug in keys if kind == "scenario"} >= EXAMPLES
    for stop in real_path.stops:  # one or two sentences in each language
        for text in (stop.why.ko, stop.why.en):
            assert 1 <= text.count(".") + text.count("!") <= 3, text


def _with_stop(tree: Path, kind: str, slug: str) -> Path:
    file = tree / "paths" / "first-steps.yml"
    file.write_text(file.read_text(encoding="utf-8").replace(
        "  - kind: concept\n    slug: container\n", f"  - kind: {kind}\n    slug: {slug}\n", 1), encoding="utf-8")
    return file


def test_a_stop_on_a_missing_concept_is_refused_at_import_naming_file_and_line(engine, tmp_path):
    tree = Path(shutil.copytree(TEST_CONTENT, tmp_path / "content"))
    _with_stop(tree, "concept", "nowhere")
    with pytest.raises(InvalidContent) as caught:
        import_content(engine, tree)
    [error] = [str(error) for error in caught.value.errors]
    assert "paths/first-steps.yml:" in error and "stops.0.slug" in error and "unknown concept 'nowhere'" in error
    with Session(engine) as session:
        assert dump_tree(session) is None  # nothing was written


def test_a_stop_of_a_kind_without_pages_is_refused(engine, tmp_path):
    tree = Path(shutil.copytree(TEST_CONTENT, tmp_path / "content"))
    _with_stop(tree, "exercise", "what-is-a-pod")
    with pytest.raises(InvalidContent) as caught:
        import_content(engine, tree)
    [error] = [str(error) for error in caught.value.errors]
    assert "stops.0.kind" in error and "unknown kind 'exercise'" in error


def test_a_new_kind_with_pages_in_the_registry_can_be_a_stop():
    """The stops are checked against the registry: once a kind with a page of its own is registered, a stop may
    name its items (an exercise, say), and deleting such an item is refused while a path names it."""
    exercise = dataclasses.replace(concept.KIND, name="exercise", plural="exercises", page="/exercises/{}")
    with_exercise = path.build((*ALL[:-1], exercise))
    assert "exercise" in with_exercise.refers and "exercise" not in KINDS["path"].refers
    [learning_path] = read_tree(TEST_CONTENT).paths
    stop = learning_path.stops[0].model_copy(update={"kind": "exercise", "slug": "what-is-a-pod"})
    doc = learning_path.model_copy(update={"stops": (stop,)})
    assert with_exercise.references(doc, {"exercise": {"what-is-a-pod"}}) == []
    [problem] = with_exercise.references(doc, {"exercise": set()})
    assert problem.message == "unknown exercise 'what-is-a-pod'"


def test_a_kind_without_pages_or_the_path_itself_is_no_stop():
    names = set(KINDS["path"].refers)
    assert names == {kind.name for kind in ALL if kind.page and not kind.single and kind.name != "path"}
    assert "source" not in names and "path" not in names


def test_the_same_item_twice_on_a_path_is_refused(tmp_path):
    [learning_path] = read_tree(TEST_CONTENT).paths
    doc = learning_path.model_copy(update={"stops": (*learning_path.stops, learning_path.stops[0])})
    known = {name: {"container", "vm", "docker-vs-kubernetes", "self-healing", "kubelet", "kubernetes",
                    "what-restarts-a-crashed-container"}
             for name in KINDS}
    [problem] = KINDS["path"].references(doc, known)
    assert problem.field == ("stops", len(learning_path.stops), "slug") and "used twice" in problem.message


def test_the_real_path_survives_import_and_export_unchanged(engine, tmp_path):
    import_content(engine, REAL_CONTENT)
    export_content(engine, tmp_path / "out")
    for original in sorted((REAL_CONTENT / "paths").glob("*.yml")):
        exported = tmp_path / "out" / "paths" / original.name
        assert exported.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")
