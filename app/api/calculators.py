"""The calculators as JSON: /api/v1/calculators/{name}, with typed, bounded query parameters."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

from app.explorer.calculators import CALCULATORS, calculate, field_error
from app.http.caching import CONTENT_RESPONSES, json_response, read_request_headers
from app.http.deps import ApiLangDep, api_lang
from app.http.problems import PROBLEM_RESPONSES, InvalidParam, problem_response
from app.i18n.languages import LANGUAGES
from app.schemas import BackoffCalculation, HpaCalculation, NodeEvictionCalculation, RollingUpdateCalculation
from app.sim.intstr import PERCENT_UP_TO_100


class CalculatorRoute(APIRoute):
    """A calculator route whose refused parameters get the pages' reasons, in the response's language."""

    def get_route_handler(self):
        handler = super().get_route_handler()

        async def answer(request: Request):
            try:
                return await handler(request)
            except RequestValidationError as exc:
                problem = _localized_problem(request, exc)
                if problem is None:
                    raise
                return problem

        return answer


def _localized_problem(request: Request, exc: RequestValidationError):
    """Every refused parameter with the reason the page would give beside its field; None to leave it to the app."""
    lang = request.query_params.get("lang")
    if lang is not None and lang not in LANGUAGES:
        return None
    lang = api_lang(request, lang)
    fields = {field.name: field for name in CALCULATORS for field in CALCULATORS[name].fields
              if request.url.path.endswith(f"/{name}")}
    invalid = []
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"] if part != "query")
        field = fields.get(name)
        reason = field_error(field, request.query_params.get(name, ""), lang) if field else None
        invalid.append(InvalidParam(name=name, reason=reason or error["msg"]))
    return problem_response(request, 422, "; ".join(f"{p.name}: {p.reason}" for p in invalid), invalid)


router = APIRouter(prefix="/api/v1/calculators", tags=["calculators"], dependencies=[Depends(read_request_headers)],
                   responses={**CONTENT_RESPONSES, 422: PROBLEM_RESPONSES[422]}, route_class=CalculatorRoute)
IntOrPercent = Annotated[str, Query(pattern=r"^[0-9]{1,4}%?$", description="An integer or a percentage such as 25%")]
# The API server refuses a maxUnavailable above 100% (ValidateRollingUpdateDeployment); maxSurge has no such cap.
UnavailableIntOrPercent = Annotated[str, Query(pattern=rf"^([0-9]{{1,4}}|{PERCENT_UP_TO_100})$",
                                               description="An integer or a percentage up to 100%, such as 25%")]
MODELS = {"hpa": HpaCalculation, "rolling-update": RollingUpdateCalculation, "backoff": BackoffCalculation,
          "node-eviction": NodeEvictionCalculation}


def _answer(request: Request, name: str, inputs: dict, lang: str):
    outcome = calculate(name, {key: str(value) for key, value in inputs.items()}, lang)
    if outcome.errors:
        invalid = [InvalidParam(name=param, reason=reason) for param, reason in outcome.errors.items()]
        return problem_response(request, 422, "; ".join(f"{p.name}: {p.reason}" for p in invalid), invalid)
    document = MODELS[name](name=name, lang=lang, inputs=inputs, **outcome.result)
    return json_response(request, document, lang)


@router.get("/hpa", response_model=HpaCalculation)
def calculate_hpa(
    request: Request, lang: ApiLangDep,
    current_replicas: Annotated[int, Query(ge=1, le=1000, description="Pods running now")] = 4,
    current_metric: Annotated[float, Query(ge=0, le=1_000_000, description="e.g. average CPU utilization, %")] = 90,
    target_metric: Annotated[float, Query(ge=0.001, le=1_000_000, description="The target the HPA keeps")] = 50,
    min_replicas: Annotated[int, Query(ge=1, le=1000, description="minReplicas")] = 1,
    max_replicas: Annotated[int, Query(ge=1, le=1000, description="maxReplicas, at least minReplicas")] = 10,
    behavior: Annotated[Literal["none", "default"], Query(
        description="none: an HPA without spec.behavior (what `kubectl autoscale` creates), limited to "
                    "max(2 × current, 4) per sync; default: spec.behavior with the default rules, the larger of "
                    "+100% or +4 pods per 15 s")] = "none",
):
    """The HorizontalPodAutoscaler's desired replicas: ceil(current × metric / target), the 0.1 tolerance (both
    ends included since Kubernetes 1.33), min/max; and what the next sync sets under the scale-up limit.

    `max_replicas` must not be less than `min_replicas`, as the API server requires of a HorizontalPodAutoscaler;
    a schema cannot compare two parameters, so a request that breaks this rule gets 422 naming both.
    """
    inputs = {"current_replicas": current_replicas, "current_metric": current_metric,
              "target_metric": target_metric, "min_replicas": min_replicas, "max_replicas": max_replicas,
              "behavior": behavior}
    return _answer(request, "hpa", inputs, lang)


@router.get("/rolling-update", response_model=RollingUpdateCalculation)
def calculate_rolling_update(
    request: Request, lang: ApiLangDep,
    replicas: Annotated[int, Query(ge=1, le=1000, description="The Deployment's replicas")] = 4,
    max_surge: IntOrPercent = "25%",
    max_unavailable: UnavailableIntOrPercent = "25%",
):
    """A Deployment's rolling update: maxSurge / maxUnavailable resolved, and the rollout row by row.

    `max_surge` and `max_unavailable` must not both be zero (0 or 0%), as the API server requires: such a rollout
    could never take a step. A schema cannot compare two parameters, so that request gets 422.
    """
    inputs = {"replicas": replicas, "max_surge": max_surge, "max_unavailable": max_unavailable}
    return _answer(request, "rolling-update", inputs, lang)


@router.get("/backoff", response_model=BackoffCalculation)
def calculate_backoff(
    request: Request, lang: ApiLangDep,
    runtime: Annotated[Literal["kubernetes", "docker"], Query(description="Whose restart back-off")] = "kubernetes",
    restarts: Annotated[int, Query(ge=1, le=50, description="How many restarts to show")] = 6,
):
    """The wait before each restart of a container that keeps crashing (kubelet CrashLoopBackOff or Docker)."""
    return _answer(request, "backoff", {"runtime": runtime, "restarts": restarts}, lang)


@router.get("/node-eviction", response_model=NodeEvictionCalculation)
def calculate_node_eviction(
    request: Request, lang: ApiLangDep,
    toleration_seconds: Annotated[int, Query(ge=0, le=86_400, description="The pods' tolerationSeconds for not-ready nodes")] = 300,
):
    """When a silent node turns NotReady and when its pods are evicted, after its last heartbeat."""
    return _answer(request, "node-eviction", {"toleration_seconds": toleration_seconds}, lang)
