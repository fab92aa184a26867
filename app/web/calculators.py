"""The calculator pages: a GET form whose URL holds the inputs; htmx refreshes the result as the learner types."""

from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer.calculators import CALCULATORS, GLOSSARY, calculate
from app.explorer.guesses import Guess, check_guess, read_guess
from app.http.deps import PageLangDep, SessionDep
from app.web.forms import bounded_inputs
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/calculators")
def list_calculators(request: Request, session: SessionDep, lang: PageLangDep):
    """The four controller calculators."""
    return render(request, "calculators/index.html", {
        "calculators": list(CALCULATORS.values()), "source": catalog.source(session, lang),
    })


@router.get("/calculators/{name}")
def show_calculator(request: Request, name: str, session: SessionDep, lang: PageLangDep):
    """One calculator with its inputs from the URL, its result or the errors beside the fields."""
    if name not in CALCULATORS:
        raise HTTPException(404, f"calculator {name!r}")
    names = [field.name for field in CALCULATORS[name].fields]
    raw = dict.fromkeys(names) | bounded_inputs(request, [*names, "mode", "guess"])
    outcome = calculate(name, raw, lang)
    # Guess first: mode=guess hides the result until a guess comes with the inputs; the guess alone implies it.
    guess: Guess | None = None
    if raw.get("mode") == "guess" or raw.get("guess"):
        guess = check_guess(name, read_guess(name, raw.get("guess"), lang), outcome.result, outcome.values, lang)
    inputs = {key: outcome.values[key] for key in names}
    json_url = f"/api/v1/calculators/{name}?{urlencode({**inputs, 'lang': lang})}"
    terms = {term.slug: term for term in catalog.list_terms(session, lang).data}
    return render(request, "calculators/detail.html", {
        "name": name, "outcome": outcome, "source": catalog.source(session, lang), "guess": guess,
        "inputs": inputs, "terms": [terms[slug] for slug in GLOSSARY[name] if slug in terms],
        "json_url": json_url if not outcome.errors else None,
    }, fragment="calculators/_result.html")
