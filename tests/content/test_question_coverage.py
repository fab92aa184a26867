"""The authored questions cover every claim of the source post, each naming the post's section it comes from.

CHECKLIST lists the post's claims, section by section, with the questions that test each. A claim the post
simplifies, or that is out of date, is marked with phrases that its question's explanation must say in both
languages (the "more precisely" part), and such a question cites kubernetes.io, docs.docker.com or the NVD.
"""

import re
from typing import NamedTuple
from urllib.parse import urlsplit

import pytest

from app.content.files.parse import read_tree
from app.content.post import SECTIONS
from tests.conftest import REAL_CONTENT
from tests.content.test_own_words import POST

S1, S2, S3, S4, S5, S6 = SECTIONS  # in the post's order
PRIMARY = {"kubernetes.io", "docs.docker.com", "nvd.nist.gov"}
# The concepts the post itself discusses; each has at least one question.
POST_CONCEPTS = {"docker", "kubernetes", "container", "image", "microservice", "virtual-machine", "host-os",
                 "guest-os", "hypervisor", "docker-engine", "orchestration", "self-healing", "load-balancing",
                 "rolling-update", "vendor-lock-in", "when-to-use-kubernetes", "container-runtime"}


class Claim(NamedTuple):
    id: str
    section: str
    questions: tuple[str, ...]
    corrected: dict[str, str] = {}  # language -> a phrase the explanation says where the post is not exact


CHECKLIST = [
    Claim("one-container-docker", S1, ("one-container-which-tool",)),
    Claim("hundred-containers-at-a-set-time-kubernetes", S1, ("hundred-containers-at-midnight",),
          {"ko": "크론잡", "en": "CronJob"}),
    Claim("docker-runs-images-as-containers", S1, ("docker-one-kubernetes-many",)),
    Claim("kubernetes-manages-docker", S1, ("does-kubernetes-run-docker",), {"ko": "v1.24", "en": "v1.24"}),
    Claim("docker-one-container-kubernetes-many-as-services", S1, ("docker-one-kubernetes-many",)),
    Claim("docker-is-a-container-virtualization-platform", S2, ("what-docker-is",)),
    Claim("container-isolates-app-and-environment", S2, ("what-a-container-isolates",), {"ko": "커널", "en": "kernel"}),
    Claim("containers-are-used-as-microservices", S2, ("containers-and-microservices",),
          {"ko": "같은 말이 아닙니다", "en": "not the same thing"}),
    Claim("microservice-splits-an-app-by-function", S2, ("containers-and-microservices",)),
    Claim("containers-deploy-services-quickly", S2, ("containers-and-microservices",)),
    Claim("a-change-does-not-affect-other-services", S2, ("change-one-service",), {"ko": "API", "en": "API"}),
    Claim("vm-stack", S3, ("vm-stack-order",), {"ko": "1형", "en": "type 1"}),
    Claim("vm-guest-os-can-differ", S3, ("linux-guest-on-windows",)),
    Claim("vm-breach-stays-in-the-vm", S3, ("breached-vm",), {"ko": "VENOM", "en": "VENOM"}),
    Claim("vm-slower-for-its-guest-os", S3, ("why-containers-start-faster",)),
    Claim("container-stack", S3, ("container-stack-order",)),
    Claim("container-faster-on-one-host-os", S3, ("why-containers-start-faster", "container-stack-order")),
    Claim("windows-host-cannot-run-linux-containers", S3, ("linux-containers-on-windows",),
          {"ko": "WSL 2", "en": "WSL 2"}),
    Claim("container-breach-endangers-host", S3, ("breached-container",)),
    Claim("containers-scale-with-traffic", S4, ("scale-java-containers-with-traffic",), {"ko": "HPA", "en": "HPA"}),
    Claim("no-setup-for-each-new-service", S4, ("no-setup-per-service",)),
    Claim("different-environments-on-one-server", S4, ("different-environments-one-server",)),
    Claim("independent-containers-are-efficient", S4, ("different-environments-one-server",)),
    Claim("kubernetes-is-container-orchestration", S5, ("what-orchestration-means",)),
    Claim("orchestration-manages-many-containers", S5, ("what-orchestration-means",)),
    Claim("self-healing-restarts-dead-containers", S5, ("self-healing-crash-loop", "node-dies"),
          {"ko": "kubelet", "en": "kubelet"}),
    Claim("load-balancing-creates-containers", S5, ("load-balancing-more-precisely",),
          {"ko": "두 기능", "en": "two features"}),
    Claim("load-balancing-also-scales-down", S5, ("scale-down-when-quiet",)),
    Claim("gradual-updates-without-downtime", S5, ("rolling-update-no-downtime",),
          {"ko": "Fault tolerance", "en": "fault tolerance"}),
    Claim("vendor-lock-in-definition", S5, ("what-vendor-lock-in-is",)),
    Claim("docker-based-open-source-moves-clouds", S5, ("kubernetes-and-portability",), {"ko": "OCI", "en": "OCI"}),
    Claim("common-architecture-across-providers", S5, ("kubernetes-and-portability",)),
    Claim("used-differently-by-situation", S6, ("when-is-kubernetes-worth-it",)),
    Claim("one-container-needs-no-kubernetes", S6, ("when-is-kubernetes-worth-it",)),
    Claim("kubernetes-for-many-containers", S6, ("when-is-kubernetes-worth-it",)),
]


@pytest.fixture(scope="module")
def questions() -> dict:
    return {doc.slug: doc for doc in read_tree(REAL_CONTENT).questions}


def gfm_anchor(heading: str) -> str:
    """The id GitHub-flavoured Markdown gives a heading: lowercased, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.skipif(not POST.exists(), reason="the source post is not beside the project")
def test_the_sections_are_the_posts_headings():
    headings = re.findall(r"^## (.+)$", POST.read_text(encoding="utf-8"), re.M)
    anchors = [gfm_anchor(heading) for heading in headings]
    assert anchors == [*SECTIONS, "reference"]  # the closing reference makes no claim of its own
    assert [SECTIONS[anchor]["ko"] for anchor in SECTIONS] == headings[:-1]


def test_every_section_has_claims_and_every_claim_a_question_from_its_section(questions):
    assert {claim.section for claim in CHECKLIST} == set(SECTIONS)
    assert len({claim.id for claim in CHECKLIST}) == len(CHECKLIST)
    for claim in CHECKLIST:
        for slug in claim.questions:
            assert slug in questions, (claim.id, slug)
            assert questions[slug].source.anchor == claim.section, (claim.id, slug)


def test_every_question_covers_a_claim_of_the_checklist(questions):
    covered = {slug for claim in CHECKLIST for slug in claim.questions}
    assert sorted(set(questions) - covered) == []


@pytest.mark.parametrize("claim", [claim for claim in CHECKLIST if claim.corrected], ids=lambda claim: claim.id)
def test_where_the_post_simplifies_the_explanation_says_so_with_a_primary_source(claim, questions):
    for slug in claim.questions:
        doc = questions[slug]
        for lang, phrase in claim.corrected.items():
            assert phrase in getattr(doc.explanation, lang), (slug, lang, phrase)
        assert urlsplit(doc.source.url).hostname in PRIMARY, (slug, doc.source.url)


def test_there_are_enough_questions_about_every_concept_the_post_discusses(questions):
    assert len(questions) >= 20
    about = {concept for doc in questions.values() for concept in doc.concepts}
    assert sorted(POST_CONCEPTS - about) == []
    concepts = {doc.slug for doc in read_tree(REAL_CONTENT).concepts}
    assert concepts >= POST_CONCEPTS


def test_every_question_explains_each_answer_in_both_languages(questions):
    for doc in questions.values():
        assert [choice.key for choice in doc.choices].count(doc.answer) == 1, doc.slug
        assert len(doc.choices) >= 3, doc.slug  # at least two real misconceptions beside the right answer
        for choice in doc.choices:
            assert choice.why.ko != choice.why.en and choice.text.ko != choice.text.en, (doc.slug, choice.key)
        assert re.search(r"[가-힣]", doc.prompt.ko) and not re.search(r"[가-힣]", doc.prompt.en), doc.slug
