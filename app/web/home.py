"""The overview page: Docker vs Kubernetes at a glance, and the ways into the explorer."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer import predictions, scenarios
from app.http.deps import PageLangDep, SessionDep
from app.i18n.catalogs import translations
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


# The post's central contrast, one container on one host against many kept running by an orchestrator, is this
# scenario's; its first question opens the page.
CONTRAST = "docker-vs-kubernetes"


@router.get("/")
def show_home(request: Request, session: SessionDep, lang: PageLangDep,
              guess: Annotated[str | None, Query(max_length=40)] = None):
    """Something to do first (a prediction, answered on the page), then Docker vs Kubernetes at a glance."""
    return render(request, "home/index.html", {
        **_first_prediction(request, session, lang, guess),
        "comparison": catalog.get_comparison(session, "docker-vs-kubernetes", lang),
        "guide": catalog.get_concept(session, "when-to-use-kubernetes", lang),
        "concepts": catalog.list_concepts(session, lang),
        "comparisons": catalog.list_comparisons(session, lang),
        "source": catalog.source(session, lang),
        "json_url": f"/api/v1/comparisons/docker-vs-kubernetes?lang={lang}",
    })



def _first_prediction(request: Request, session, lang: str, guess: str | None) -> dict:
    """The contrast scenario's first question, open or revealed by ?guess=; nothing if it asks none."""
    scenario = catalog.get_scenario(session, CONTRAST, lang)
    played = scenarios.play(scenario, {}, lang) if scenario else None
    if played is None or played.trace is None:
        return {}
    computed = predictions.compute(played.trace, scenario.prediction_specs, lang)[:1]
    if not computed:
        return {}
    try:
        read = predictions.read_guess(computed, guess)
    except predictions.BadGuess:
        _ = translations(lang).gettext
        raise HTTPException(400, _("This answer is not one of the choices: %(guess)s") % {"guess": guess}) from None
    first = computed[0]
    page = f"/{lang}/scenarios/{CONTRAST}"
    return {"asked": predictions.at_step(computed, first.step, read), "asked_plain": True, "asked_fields": {},
            "skip_url": f"{request.url.path}?guess={first.id}-skip", "asked_title": scenario.title,
            "asked_more": f"{page}?step={first.step}&guess={guess}" if read else page}
