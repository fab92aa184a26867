"""The scenario pages: the list, and the step-through player whose URL holds the step and the parameters."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer import chart as charts
from app.explorer import kubectl, scenarios, terms
from app.explorer.manifests import manifests
from app.http.deps import PageLangDep, SessionDep
from app.web.forms import bounded_inputs
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/scenarios")
def list_scenarios(request: Request, session: SessionDep, lang: PageLangDep):
    """Every orchestration scenario a learner can play."""
    return render(request, "scenarios/index.html", {
        "scenarios": catalog.list_scenarios(session, lang), "source": catalog.source(session, lang),
        "json_url": f"/api/v1/scenarios?lang={lang}",
    })


@router.get("/scenarios/{slug}")
def play_scenario(
    request: Request, slug: str, session: SessionDep, lang: PageLangDep,
    step: Annotated[int, Query(ge=0, le=10_000)] = 0,
):
    """One step of a scenario; htmx swaps only the player, and the what-if form re-runs it."""
    scenario = catalog.get_scenario(session, slug, lang)
    if scenario is None:
        raise HTTPException(404, f"scenario {slug!r}")
    known = scenarios.fields(scenario.kind)
    overrides = bounded_inputs(request, known)
    played = scenarios.play(scenario, overrides, lang)
    context = {"scenario": scenario, "played": played, "fields": known, "source": catalog.source(session, lang),
               "diff": None}
    if played.trace is not None:
        if step >= len(played.trace.steps):
            raise HTTPException(404, f"step {step}: this run has {len(played.trace.steps)} steps")
        if overrides:
            # The description names the values in force, and the player says where this run parts from the default.
            context["scenario"] = catalog.get_scenario(session, slug, lang, values=played.trace.params) or scenario
            context["diff"] = scenarios.difference(played.trace, scenarios.default_trace(scenario, lang))
        found = terms.matcher(catalog.list_terms(session, lang).data)
        current = played.trace.steps[step]
        context.update(step=current, index=step, last=len(played.trace.steps) - 1,
                       chart=charts.chart(played.trace, step), marks=scenarios.changes(played.trace, step),
                       removed=scenarios.removed(played.trace, step),
                       summary=terms.link(current.summary, found, lang),
                       narration=terms.link(scenarios.happenings(current), found, lang),
                       kubectl={"commands": kubectl.commands(played.trace)[step],
                                "manifests": manifests(played.trace.kind, played.trace.params)},
                       json_url=f"/api/v1/scenarios/{slug}/steps/{step}?lang={lang}")
    return render(request, "scenarios/detail.html", context, fragment="scenarios/_player.html")
