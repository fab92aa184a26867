"""Examples in the OpenAPI description: one per response model, written out or computed by the real code."""

from functools import cache

from app import sim
from app.explorer import predictions
from app.explorer.calculators import CALCULATORS, calculate
from app.explorer.manifests import manifests
from app.explorer.scenarios import trace_public
from app.schemas import LANGUAGES

SOURCE = {"title": "The relationship between k8s and Docker", "original_title": "k8s와 docker 관계",
          "date": "2022-07-04", "url": None, "reference_title": "Docker and Kubernetes",
          "reference_url": "https://wooono.tistory.com/109"}
LIST = {"limit": 20, "offset": 0, "lang": "en", "available_languages": LANGUAGES}
TAG = {"slug": "kubernetes", "label": "Kubernetes"}
DOCKER = {"slug": "docker", "title": "Docker", "summary": "A platform that builds, ships and runs containers."}
KUBERNETES = {"slug": "kubernetes", "title": "Kubernetes", "summary": "An orchestrator of containers on many hosts."}


def _links(path: str, count: int, limit: int = 20) -> dict:
    return {"first": f"{path}?limit={limit}&offset=0&lang=en", "prev": None,
            "next": f"{path}?limit={limit}&offset={limit}&lang=en" if count > limit else None}


def _html(text: str) -> str:
    return f"<p>{text}</p>\n"


COMPARISON = {
    "slug": "docker-vs-kubernetes", "title": "Docker vs Kubernetes",
    "left": {"label": "Docker", "concept": DOCKER}, "right": {"label": "Kubernetes", "concept": KUBERNETES},
    "sides": [{"label": "Docker", "concept": DOCKER}, {"label": "Kubernetes", "concept": KUBERNETES}],
}
LAYER = {"key": "host-os", "position": 1, "name": "Host OS", "description": "One operating system for all.",
         "per_workload": False, "concept": None, "points": ["fast"]}
STACK = {
    "view": "container", "lang": "en", "available_languages": LANGUAGES, "title": "Container stack",
    "description_markdown": "Server → host OS → Docker engine → containers.",
    "description_html": _html("Server → host OS → Docker engine → containers."),
    "layers": [LAYER], "pros": [{"key": "fast", "kind": "pro", "text": "Much faster to start.", "layers": ["host-os"]}],
    "cons": [], "source": SOURCE,
}
SCENARIO = {
    "slug": "self-healing", "kind": "self-healing", "title": "Self-healing",
    "description_markdown": "A container keeps crashing; Kubernetes restarts it and replaces lost pods.",
    "description_html": _html("A container keeps crashing; Kubernetes restarts it and replaces lost pods."),
    "concepts": [KUBERNETES], "params": {"nodes": 3, "replicas": 3},
    "prediction_specs": [{"question": "eviction-time", "at": "decision:taint-eviction-controller/evicted"}],
}
HIT = {
    "kind": "concept", "key": "orchestration", "title": "Container orchestration",
    "title_html": "Container <mark>orchestration</mark>",
    "snippet": "Orchestration runs many containers on many hosts: it places, restarts and scales them…",
    "snippet_html": "<mark>Orchestration</mark> runs many containers on many hosts: it places, restarts and scales them…",
    "url": "/en/concepts/orchestration", "api_url": "/api/v1/concepts/orchestration?lang=en",
}
QUESTION = {
    "slug": "self-healing-restarts", "lang": "en", "available_languages": LANGUAGES,
    "prompt": "A container of a Deployment's Pod crashes. What does Kubernetes do?",
    "choices": [
        {"key": "a", "text": "Nothing until an operator restarts it", "correct": False,
         "why_markdown": "That is Docker without a restart policy.",
         "why_html": _html("That is Docker without a restart policy.")},
        {"key": "b", "text": "The kubelet restarts it, waiting longer after each crash", "correct": True,
         "why_markdown": "restartPolicy Always, with CrashLoopBackOff.",
         "why_html": _html("restartPolicy Always, with CrashLoopBackOff.")}],
    "answer": "b", "explanation_markdown": "The kubelet restarts it.", "explanation_html": _html("The kubelet restarts it."),
    "source": {"anchor": "쿠버네티스란", "section": "What is Kubernetes?", "title": "Pod Lifecycle",
               "url": "https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/"},
    "concepts": [KUBERNETES],
}
WRITTEN = {
    "QuestionPublic": QUESTION,
    "QuestionsPublic": {**LIST, "count": 1, "links": _links("/api/v1/questions", 1), "concept": "kubernetes",
                        "data": [QUESTION]},
    "ConceptPublic": {
        "slug": "kubernetes", "lang": "en", "available_languages": LANGUAGES, "title": "Kubernetes",
        "summary": KUBERNETES["summary"], "body_markdown": "Kubernetes runs **many containers** on many hosts.",
        "body_html": _html("Kubernetes runs <strong>many containers</strong> on many hosts."), "tags": [TAG],
        "related": [DOCKER], "notes": [{
            "id": "no-docker-runtime", "claim": "Kubernetes runs containers through Docker.",
            "text_markdown": "Since v1.24 the kubelet talks to containerd or CRI-O, not to Docker.",
            "text_html": _html("Since v1.24 the kubelet talks to containerd or CRI-O, not to Docker."),
            "source": {"title": "Dockershim removal FAQ",
                       "url": "https://kubernetes.io/blog/2022/02/17/dockershim-faq/"}}],
        "source": SOURCE,
    },
    "ConceptsPublic": {**LIST, "count": 2, "links": _links("/api/v1/concepts", 2), "tag": None, "data": [
        {**DOCKER, "tags": [{"slug": "docker", "label": "Docker"}]}, {**KUBERNETES, "tags": [TAG]}]},
    "TagsPublic": {**LIST, "count": 1, "links": _links("/api/v1/tags", 1), "data": [TAG]},
    "GlossaryPublic": {**LIST, "count": 1, "links": _links("/api/v1/glossary", 1), "data": [
        {"slug": "kubelet", "term": "kubelet", "concept": KUBERNETES,
         "definition": "The agent on every node that starts and watches the containers of its Pods."}]},
    "ComparisonPublic": {
        **COMPARISON, "lang": "en", "available_languages": LANGUAGES,
        "intro_markdown": "One host or many.", "intro_html": _html("One host or many."),
        "rows": [{"aspect": "Scope", "left": "One host", "right": "A **cluster**", "left_html": "One host",
                  "right_html": "A <strong>cluster</strong>",
                  "cells": [{"text": "One host", "html": "One host"},
                            {"text": "A **cluster**", "html": "A <strong>cluster</strong>"}]}], "source": SOURCE,
    },
    "ComparisonsPublic": {**LIST, "count": 1, "links": _links("/api/v1/comparisons", 1), "data": [COMPARISON]},
    "StackPublic": STACK,
    "StacksPublic": {**LIST, "count": 1, "links": _links("/api/v1/stacks", 1), "data": [STACK]},
    "ScenariosPublic": {**LIST, "count": 1, "links": _links("/api/v1/scenarios", 1), "data": [SCENARIO]},
    "SearchResultsPublic": {**LIST, "count": 1, "links": _links("/api/v1/search", 1), "data": [HIT],
                            "q": "orchestration", "terms": ["orchestration"], "kind": None, "counts": {"concept": 1}},
    "Problem": {"type": "/problems/not-found", "title": "Not found", "status": 404,
                "detail": "no concept 'kubernets'", "instance": "/api/v1/concepts/kubernets"},
    "PathPublic": {
        "slug": "docker-to-kubernetes", "lang": "en", "available_languages": LANGUAGES,
        "title": "From one container to Kubernetes", "intro_markdown": "The post's story, in order.",
        "intro_html": _html("The post's story, in order."), "count": 2, "source": SOURCE, "stops": [
            {"number": 1, "kind": "concept", "slug": "docker", "title": "Docker", "why": "Where the post starts.",
             "url": "/en/concepts/docker", "api_url": "/api/v1/concepts/docker?lang=en"},
            {"number": 2, "kind": "stack", "slug": "vm", "title": "The VM stack", "why": "What came before.",
             "url": "/en/stacks?view=vm", "api_url": "/api/v1/stacks/vm?lang=en"}]},
    "ConceptMapPublic": {
        "lang": "en", "available_languages": LANGUAGES, "width": 416.0, "height": 132.0, "source": SOURCE,
        "nodes": [{**{key: DOCKER[key] for key in ("slug", "title")}, "url": "/en/concepts/docker", "x": 110.0,
                   "y": 66.0},
                  {**{key: KUBERNETES[key] for key in ("slug", "title")}, "url": "/en/concepts/kubernetes",
                   "x": 306.0, "y": 66.0}],
        "edges": [{"from": "docker", "to": "kubernetes", "relation": "related"},
                  {"from": "kubernetes", "to": "docker", "relation": "related"}]},
}
INVALID = {"type": "/problems/invalid-parameters", "title": "Invalid parameters", "status": 422,
           "detail": "limit: Input should be less than or equal to 100", "instance": "/api/v1/concepts",
           "invalid_params": [{"name": "limit", "reason": "Input should be less than or equal to 100"}]}
CALCULATIONS = {"HpaCalculation": "hpa", "RollingUpdateCalculation": "rolling-update",
                "BackoffCalculation": "backoff", "NodeEvictionCalculation": "node-eviction"}


@cache
def examples() -> dict[str, dict]:
    """Every example by the name of its schema; traces and calculations come from running the real code."""
    found = dict(WRITTEN)
    for schema, name in CALCULATIONS.items():
        inputs = CALCULATORS[name].defaults()
        outcome = calculate(name, inputs, "en")
        found[schema] = {"name": name, "lang": "en", "available_languages": LANGUAGES,
                         "inputs": outcome.values, **outcome.result}
    run = sim.run("self-healing", {}, lang="en", seed=0)
    asked = [p.model_dump(mode="json") for p in predictions.compute(run, SCENARIO["prediction_specs"], "en")]
    trace = trace_public(run, "en").model_dump(mode="json")
    trace["steps"] = trace["steps"][:2]
    found["TracePublic"] = trace
    found["SimulationPublic"] = {**trace, "predictions": asked}
    found["StepPublic"] = trace["steps"][1]
    found["ScenarioPublic"] = {**SCENARIO, "lang": "en", "available_languages": LANGUAGES, "trace": trace,
                               "manifests": manifests("self-healing", sim.validate_params("self-healing", {})),
                               "predictions": asked}
    return found


def _schema_name(content: dict) -> str | None:
    ref = content.get("schema", {}).get("$ref", "")
    return ref.rsplit("/", 1)[-1] or None


def add_examples(schema: dict) -> dict:
    """Put an example on every documented JSON response whose schema has one; errors are problem+json only."""
    found = examples()
    for operations in schema["paths"].values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content_types = response.get("content", {})
                if "application/problem+json" in content_types:
                    content_types.pop("application/json", None)
                    content_types["application/problem+json"]["schema"] = {"$ref": "#/components/schemas/Problem"}
                for media_type, content in content_types.items():
                    name = _schema_name(content)
                    if media_type == "application/problem+json":
                        content["example"] = INVALID if status == "422" else found["Problem"]
                    elif name in found:
                        content["example"] = found[name]
    return schema
