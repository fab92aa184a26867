"""The comparison pages: the list, and two subjects side by side, row by row."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/compare")
def list_comparisons(request: Request, session: SessionDep, lang: PageLangDep):
    """The side-by-side comparisons."""
    return render(request, "compare/index.html", {
        "comparisons": catalog.list_comparisons(session, lang), "source": catalog.source(session, lang),
        "json_url": f"/api/v1/comparisons?lang={lang}",
    })


@router.get("/compare/{slug}")
def read_comparison(request: Request, slug: str, session: SessionDep, lang: PageLangDep):
    """Two subjects side by side, row by row."""
    comparison = catalog.get_comparison(session, slug, lang)
    if comparison is None:
        raise HTTPException(404, f"comparison {slug!r}")
    return render(request, "compare/detail.html", {
        "comparison": comparison, "source": comparison.source,
        "json_url": f"/api/v1/comparisons/{slug}?lang={lang}",
    })
