"""The scenario pages: the list, and the step-through player whose URL holds the step and the parameters."""

import json
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer import chart as charts
from app.explorer import kubectl, predictions, scenarios, terms
from app.explorer.manifests import manifests
from app.http.deps import PageLangDep, SessionDep
from app.i18n.catalogs import translations
from app.web.forms import bounded_inputs
from app.web.templating import render, url_with

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
    guess: Annotated[str | None, Query(max_length=40)] = None,
):
    """One step of a scenario; htmx swaps only the player, and the what-if form re-runs it."""
    stored = catalog.scenario_definition(session, slug, lang)
    if stored is None:
        raise HTTPException(404, f"scenario {slug!r}")
    scenario = stored.summary()
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
            context["scenario"] = stored.summary(values=played.trace.params)
            context["diff"] = scenarios.difference(played.trace, scenarios.default_trace(scenario, lang))
        asked = _asked(played, lang, step, guess)
        # An open question stands in for the step it is about: the step before stays on show until it is answered.
        step = step - 1 if asked is not None and not asked.revealed else step
        if asked is not None:  # what the question's GET form and its skip link send: this run, at the asked step
            kept = {k: v for k, v in request.query_params.items() if k not in ("guess", "step", "theme")}
            context.update(asked_fields={**kept, "step": asked.prediction.step},
                           skip_url=url_with(request, step=asked.prediction.step, guess=f"{asked.prediction.id}-skip"))
        context.update(asked=asked)
        words = catalog.term_words(session, lang)
        current = played.trace.steps[step]
        # The step's text with its glossary words linked, kept per run, step and glossary (its words and definitions).
        summary, narration = scenarios.derived(played.trace, ("linked", step, lang, tuple(words)), lambda: _linked(
            current, terms.matcher(words), lang))
        context.update(step=current, index=step, last=len(played.trace.steps) - 1,
                       chart=scenarios.derived(played.trace, ("chart", step), lambda: charts.chart(played.trace, step)),
                       marks=scenarios.changes(played.trace, step),
                       removed=scenarios.removed(played.trace, step),
                       summary=summary, narration=narration,
                       kubectl={"commands": kubectl.commands_at(played.trace, step),
                                "manifests": manifests(played.trace.kind, played.trace.params)},
                       json_url=f"/api/v1/scenarios/{slug}/steps/{step}?lang={lang}")
    return render(request, "scenarios/detail.html", context, fragment="scenarios/_player.html")


def _linked(current, found, lang: str) -> tuple[list[terms.Piece], list[terms.Piece]]:
    return terms.link(current.summary, found, lang), terms.link(scenarios.happenings(current), found, lang)


def _asked(played, lang: str, step: int, guess: str | None) -> predictions.Asked | None:
    """The question about this step, if the scenario asks one; a guess that names no choice is a 400."""
    specs = played.scenario.prediction_specs
    key = ("predictions", lang, json.dumps(specs, sort_keys=True))
    computed = scenarios.derived(played.trace, key, lambda: predictions.compute(played.trace, specs, lang))
    try:
        read = predictions.read_guess(computed, guess)
    except predictions.BadGuess:
        _ = translations(lang).gettext
        raise HTTPException(400, _("This answer is not one of the choices: %(guess)s") % {"guess": guess}) from None
    return predictions.at_step(computed, step, read)
