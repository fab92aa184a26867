"""The glossary page: every term the scenarios, calculators and concepts use, one line each."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/glossary")
def list_terms(request: Request, session: SessionDep, lang: PageLangDep):
    """Each term in one line, linked to the concept page that explains it."""
    return render(request, "glossary/index.html", {
        "glossary": catalog.list_terms(session, lang), "source": catalog.source(session, lang),
        "json_url": f"/api/v1/glossary?lang={lang}",
    })
