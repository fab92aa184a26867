"""The question pages: one authored question, answered by a GET form that reveals whether the choice is right."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.http.caching import conditional_page
from app.http.deps import PageLangDep, SessionDep
from app.http.htmx import HX_REQUEST, HX_TARGET, HtmxDetails
from app.web.templating import gettext_context, render, templates

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
ANSWER = "questions/_answer.html"
VARY = f"{HX_REQUEST}, {HX_TARGET}"  # the answer alone goes to htmx requests that target its live region


def answer_id(slug: str) -> str:
    """The id of the live region a question's answer is revealed in (htmx's target)."""
    return f"answer-{slug}"


@router.get("/questions/{slug}")
def read_question(request: Request, slug: str, session: SessionDep, lang: PageLangDep,
                  choice: Annotated[str | None, Query(description="The key of the chosen answer")] = None):
    """One question; with ?choice= the verdict, why each choice is right or wrong, and the source are revealed."""
    question = catalog.get_question(session, slug, lang)
    if question is None:
        raise HTTPException(404, f"question {slug!r}")
    keys = [item.key for item in question.choices]
    error = choice is not None and choice not in keys  # a crafted or stale link: said beside the form, never a 500
    context = {"question": question, "chosen": None if error else choice, "choice_error": error,
               "source": catalog.source(session, lang), "json_url": f"/api/v1/questions/{slug}?lang={lang}"}
    status = 400 if error else 200
    htmx = HtmxDetails.from_request(request)
    if htmx.wants_fragment and htmx.target == answer_id(slug):
        return _answer(request, context, lang, status)
    response = render(request, "questions/detail.html", context, status_code=status)
    response.headers["Vary"] = VARY
    return response


def _answer(request: Request, context: dict, lang: str, status: int) -> HTMLResponse:
    """Only the revealed answer, for the live region it is swapped into: on a concept page as on the question's
    own, so the page's language switch and JSON link (which render() sends along with a fragment) stay its own."""
    response = templates.TemplateResponse(request, ANSWER, {**gettext_context(lang), **context}, status_code=status)
    response.headers["Content-Language"] = lang
    response.headers["Vary"] = VARY
    return conditional_page(request, response) if status == 200 else response
