"""The learning path page: the post's story as ordered stops, with progress kept in the reader's browser only."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.content import paths
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/path")
def read_path(request: Request, session: SessionDep, lang: PageLangDep):
    """The stops in order, each a link with why it comes now; without JavaScript an ordered list of links."""
    path = paths.get_path(session, lang)
    if path is None:
        raise HTTPException(404, "no learning path")
    return render(request, "path/index.html", {"path": path, "source": path.source,
                                               "json_url": f"/api/v1/path?lang={lang}"})
