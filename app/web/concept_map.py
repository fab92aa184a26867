"""The concept map page: every concept and its relations, drawn in SVG on the server, and the same as a list."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from app.explorer.concept_map import concept_map
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/map")
def read_map(request: Request, session: SessionDep, lang: PageLangDep):
    """The map: each concept a link to its page, in reading order, with its related concepts listed below."""
    drawing = concept_map(session, lang)
    return render(request, "map/index.html", {"drawing": drawing, "source": drawing.public.source,
                                              "json_url": f"/api/v1/map?lang={lang}"})
