"""Scenarios and simulations as JSON: definitions with their computed steps, one step, and custom runs."""

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from app import sim
from app.api.params import Slug
from app.content import catalog
from app.explorer import scenarios
from app.explorer.scenarios import trace_public
from app.http.caching import CONTENT_RESPONSES, json_response, read_language_header, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES, InvalidParam, problem_response
from app.schemas import ScenarioPublic, StepPublic, TracePublic

router = APIRouter(prefix="/api/v1", tags=["scenarios"], responses={422: PROBLEM_RESPONSES[422]})
NOT_FOUND = {404: PROBLEM_RESPONSES[404], **CONTENT_RESPONSES}
CONDITIONAL = [Depends(read_request_headers)]


class SimulationRequest(BaseModel):
    """A simulation to run: a scenario kind and parameters (missing ones take their defaults)."""

    model_config = ConfigDict(extra="forbid", strict=True, json_schema_extra={
        "examples": [{"kind": "autoscaling", "params": {"max_replicas": 8}, "seed": 0}]})
    kind: Literal[tuple(sim.KINDS)] = Field(description="The scenario kind")  # type: ignore[valid-type]
    params: dict[str, str | int | float] = Field(default_factory=dict, max_length=30)
    seed: int = Field(default=0, ge=0, le=2**31 - 1)


def _invalid(request: Request, played_errors: dict[str, str], prefix: str = ""):
    invalid = [InvalidParam(name=prefix + name, reason=reason) for name, reason in played_errors.items()]
    return problem_response(request, 422, "; ".join(f"{p.name}: {p.reason}" for p in invalid), invalid)


def _played(session, slug: str, lang: str):
    scenario = catalog.get_scenario(session, slug, lang)
    if scenario is None:
        raise HTTPException(404, f"no scenario {slug!r}")
    return scenarios.play(scenario, {}, lang)


@router.get("/scenarios/{slug}", response_model=ScenarioPublic, responses=NOT_FOUND, dependencies=CONDITIONAL)
def read_scenario(request: Request, slug: Slug, session: SessionDep, lang: ApiLangDep):
    """A scenario definition with the steps the simulator computes from it."""
    played = _played(session, slug, lang)
    if played.errors:
        return _invalid(request, played.errors, "params.")
    document = ScenarioPublic(**played.scenario.model_dump(), lang=lang, trace=trace_public(played.trace, lang))
    return json_response(request, document, lang)


@router.get("/scenarios/{slug}/steps/{n}", response_model=StepPublic, responses=NOT_FOUND,
            dependencies=CONDITIONAL)
def read_scenario_step(request: Request, slug: Slug, n: Annotated[int, Path(ge=0, le=10_000, description="The step, from 0")],
                       session: SessionDep, lang: ApiLangDep):
    """One step of a scenario."""
    played = _played(session, slug, lang)
    if played.errors:
        return _invalid(request, played.errors, "params.")
    if n >= len(played.trace.steps):
        raise HTTPException(404, f"step {n}: the scenario has {len(played.trace.steps)} steps")
    return json_response(request, trace_public(played.trace, lang).steps[n], lang)


@router.post("/simulations", response_model=TracePublic, dependencies=[Depends(read_language_header)],
             responses={400: PROBLEM_RESPONSES[400], 413: PROBLEM_RESPONSES[413]})
def run_simulation(request: Request, lang: ApiLangDep, body: Annotated[SimulationRequest, Body()]):
    """Run a scenario kind with custom parameters; the same inputs always give the same trace."""
    try:
        trace = sim.run(body.kind, dict(body.params), lang=lang, seed=body.seed)
    except sim.SimulationError as error:
        return _invalid(request, error.by_param(lang), "params.")
    return json_response(request, trace_public(trace, lang), lang)
