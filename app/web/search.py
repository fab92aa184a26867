"""The search page: a GET form whose URL holds the query; htmx swaps in the results as the learner types."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer.paging import MAX_LIMIT
from app.explorer.search import HIT_KINDS, search_all
from app.http.deps import PageLangDep, SessionDep
from app.schemas import HitKind
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/search")
def search_page(
    request: Request, session: SessionDep, lang: PageLangDep,
    q: Annotated[str, Query(max_length=200)] = "",
    kind: HitKind | None = None,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
):
    """Hits grouped by kind, best first within each, with the matches marked in titles and snippets."""
    q = q.strip()
    page = search_all(session, q, lang, kind, MAX_LIMIT, offset, request.url.path, request.query_params)
    groups = [(k, [hit for hit in page.data if hit.kind == k]) for k in HIT_KINDS]
    query = {"q": q, **({"kind": kind} if kind else {}), "lang": lang}
    return render(request, "search/index.html", {
        "q": q, "kind": kind, "results": page, "groups": [(k, hits) for k, hits in groups if hits],
        "kinds": HIT_KINDS, "source": catalog.source(session, lang),
        "json_url": f"/api/v1/search?{urlencode(query)}" if page.terms else None,
    }, fragment="search/_results.html")
