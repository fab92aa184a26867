"""The overview page: Docker vs Kubernetes at a glance, and the ways into the explorer."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/")
def show_home(request: Request, session: SessionDep, lang: PageLangDep):
    """Docker vs Kubernetes at a glance, and the ways into the explorer."""
    return render(request, "home/index.html", {
        "comparison": catalog.get_comparison(session, "docker-vs-kubernetes", lang),
        "guide": catalog.get_concept(session, "when-to-use-kubernetes", lang),
        "concepts": catalog.list_concepts(session, lang),
        "comparisons": catalog.list_comparisons(session, lang),
        "source": catalog.source(session, lang),
        "json_url": f"/api/v1/comparisons/docker-vs-kubernetes?lang={lang}",
    })

