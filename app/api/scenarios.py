"""Scenarios and simulations as JSON: definitions with their computed steps, one step, and custom runs."""

from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Request

from app import sim
from app.api.params import Slug
from app.api.simulations import SimulationRequest
from app.content import catalog
from app.explorer import predictions, scenarios
from app.explorer.manifests import manifests
from app.explorer.scenarios import trace_public
from app.http.caching import CONTENT_RESPONSES, json_response, read_language_header, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES, InvalidParam, problem_response
from app.schemas import ScenarioPublic, SimulationPublic, StepPublic

router = APIRouter(prefix="/api/v1", tags=["scenarios"], responses={422: PROBLEM_RESPONSES[422]})
NOT_FOUND = {404: PROBLEM_RESPONSES[404], **CONTENT_RESPONSES}
CONDITIONAL = [Depends(read_request_headers)]


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
    document = ScenarioPublic(**played.scenario.model_dump(), lang=lang, trace=trace_public(played.trace, lang),
                              manifests=manifests(played.trace.kind, played.trace.params),
                              predictions=predictions.compute(played.trace, played.scenario.prediction_specs, lang))
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


@router.post("/simulations", response_model=SimulationPublic, dependencies=[Depends(read_language_header)],
             responses={400: PROBLEM_RESPONSES[400], 413: PROBLEM_RESPONSES[413]})
def run_simulation(request: Request, lang: ApiLangDep, session: SessionDep, body: Annotated[SimulationRequest, Body()]):
    """Run a scenario kind with custom parameters; the same inputs always give the same trace.

    `kind` chooses the shape of `params`: each kind has its own parameters, with their types, bounds and
    defaults, and no others. A few rules join two parameters and are checked when the simulation runs (422,
    naming both): a minimum not above its maximum, events in the order the story tells them, versions or
    providers that differ, maxSurge and maxUnavailable not both zero, and a pod's capacity at its CPU limit not
    below what it serves at its CPU request (pod_capacity_rps ≥ rps_per_pod_at_100pct).

    `predictions` are the questions of the stored scenario of this kind, computed from this run: a changed
    parameter changes their answers.
    """
    try:
        run = body.root
        trace = sim.run(run.kind, run.params.model_dump(exclude_unset=True), lang=lang, seed=run.seed)
    except sim.SimulationError as error:
        return _invalid(request, error.by_param(lang), "params.")
    stored = next((s for s in catalog.list_scenarios(session, lang).data if s.kind == run.kind), None)
    asked = predictions.compute(trace, stored.prediction_specs, lang) if stored else []
    document = SimulationPublic(**trace_public(trace, lang).model_dump(), predictions=asked)
    return json_response(request, document, lang)
