"""Scenario descriptions name the Kubernetes objects as the Korean glossary does, and credit each act to the
controller that does it in the scenario's own trace: Pods are made by the ReplicaSet, never by the Deployment."""

import re
from pathlib import Path

import pytest
import yaml

from app.sim import run

CONTENT = Path(__file__).resolve().parents[2] / "content" / "scenarios"
FILES = sorted(CONTENT.glob("*.yml"))

# The controllers a description may name as doing something, by the trace's controller ids; longer names first.
ACTORS = {
    "replicaset-controller": ("레플리카셋", "ReplicaSet"),
    "deployment-controller": ("디플로이먼트 컨트롤러", "Deployment controller", "디플로이먼트", "Deployment"),
    "kubelet": ("kubelet",),
    "kube-scheduler": ("스케줄러", "scheduler"),
    "horizontal-pod-autoscaler": ("HorizontalPodAutoscaler", "HPA"),
    "dockerd": ("도커 데몬", "Docker daemon"),
    "node-lifecycle-controller": ("노드 수명 주기 컨트롤러", "node lifecycle controller", "노드 컨트롤러", "node controller"),
    "cronjob-controller": ("CronJob",),
}
CODE = re.compile(r"`[^`]*`")
CLAUSE = re.compile(r"[.;:,]\s|\n")
# A clause that says Pods come into being.
MAKES_PODS = {
    "ko": re.compile(r"파드[^.,]*?(만듭니다|만들어|만들고|생성)"),
    "en": re.compile(r"\bcreates?\b[^.,]*\b(Pods?|replacements?)\b|\b(Pods?|replacements?)\b[^.,]*\b(is|are) created\b"),
}
# Korean writes these objects by their glossary names (레플리카셋, 디플로이먼트, 파드; Service as "Service(서비스)");
# the Latin name may follow in parentheses.
LATIN_OBJECT = re.compile(r"(?<![(A-Za-z])(ReplicaSets?|Deployments?|Pods?)(?![A-Za-z)])|(?<![A-Za-z])Service(?![A-Za-z]|\(서비스\))")


def _subjects(clause: str, lang: str) -> list[str]:
    """The controllers a clause names as its subject ("레플리카셋이 …", "the ReplicaSet creates …")."""
    found = []
    for controller, names in ACTORS.items():
        for name in names:
            if lang == "ko":
                pattern = rf"{re.escape(name)}(?:\*\*|\))?(?:이|가|은|는)(?![가-힣])"
            else:
                pattern = rf"\b(?:[Tt]he|its|[Aa]) (?:[\w-]+ )?(?:\*\*)?{re.escape(name)}(?:\*\*)? (?:only |then |also )?[a-z]+s\b"
            if re.search(pattern, clause):
                found.append(controller)
                clause = re.sub(re.escape(name), " ", clause)  # a longer name counts once
                break
    return found


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE.split(CODE.sub(" ", text)) if c.strip()]


def _acts(doc: dict, lang: str) -> dict[str, set[str]]:
    """What each controller does in the scenario's trace: controller id → decision types."""
    acts: dict[str, set[str]] = {}
    for step in run(doc["kind"], doc.get("params") or {}, lang=lang).to_dict()["steps"]:
        for decision in step["decisions"]:
            acts.setdefault(decision["controller"], set()).add(decision["type"])
    return acts


def wrong_credits(description: str, lang: str, acts: dict[str, set[str]]) -> list[str]:
    """Clauses that credit an act to a controller the trace never sees doing it."""
    wrong = []
    for clause in _clauses(description):
        subjects = _subjects(clause, lang)
        wrong += [f"{s} never acts in the trace: {clause.strip()!r}" for s in subjects if s not in acts]
        if MAKES_PODS[lang].search(clause):
            makers = [s for s in subjects if "create_pods" in acts.get(s, ())]
            if subjects and not makers:
                wrong.append(f"Pods are made by the ReplicaSet, not {subjects}: {clause.strip()!r}")
            if not any("create_pods" in kinds for kinds in acts.values()):
                wrong.append(f"no controller creates Pods in the trace: {clause.strip()!r}")
    return wrong


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_descriptions_credit_each_act_to_the_controller_that_does_it(path, lang):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert wrong_credits(doc["description"][lang], lang, _acts(doc, lang)) == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_korean_descriptions_use_the_korean_glossary_names(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = CODE.sub(" ", doc["description"]["ko"])
    assert LATIN_OBJECT.findall(text) == []


def test_the_check_refuses_a_deployment_that_makes_pods():
    acts = _acts(yaml.safe_load((CONTENT / "self-healing.yml").read_text(encoding="utf-8")), "en")
    assert wrong_credits("- **At 600 s** the ReplicaSet creates a replacement at once.", "en", acts) == []
    assert wrong_credits("- **600초**: 레플리카셋이 새 파드를 만듭니다.", "ko", acts) == []
    assert wrong_credits("At 600 s the Deployment creates a replacement Pod.", "en", acts)
    assert wrong_credits("600초에 디플로이먼트가 새 파드를 만듭니다.", "ko", acts)
    assert wrong_credits("The HPA adds a Pod.", "en", acts)  # no autoscaler in this scenario
    assert LATIN_OBJECT.findall("ReplicaSet이 파드를 만듭니다. Service는 …") == ["ReplicaSet", ""]
    assert LATIN_OBJECT.findall("레플리카셋(ReplicaSet)과 Service(서비스)") == []
