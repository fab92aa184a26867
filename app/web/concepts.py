"""The concept pages: the index (filtered by tag) and one concept with its notes and related concepts."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer.try_it import try_it
from app.http.deps import PageLangDep, SessionDep
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


@router.get("/concepts")
def list_concepts(
    request: Request, session: SessionDep, lang: PageLangDep,
    tag: Annotated[str | None, Query(max_length=60)] = None,
):
    """Every concept, or those with one tag; htmx swaps only the list."""
    tag = tag or None
    if tag is not None and not catalog.has_tag(session, tag):
        raise HTTPException(404, f"tag {tag!r}")
    query = f"?tag={tag}&lang={lang}" if tag else f"?lang={lang}"
    return render(request, "concepts/index.html", {
        "concepts": catalog.list_concepts(session, lang, tag=tag),
        "tags": catalog.list_tags(session, lang),
        "tag": tag,
        "source": catalog.source(session, lang),
        "json_url": f"/api/v1/concepts{query}",
    }, fragment="concepts/_list.html")


@router.get("/concepts/{slug}")
def read_concept(request: Request, slug: str, session: SessionDep, lang: PageLangDep):
    """One concept: its text, the "more precisely" notes with sources, and related concepts."""
    concept = catalog.get_concept(session, slug, lang)
    if concept is None:
        raise HTTPException(404, f"concept {slug!r}")
    return render(request, "concepts/detail.html", {
        "concept": concept, "source": concept.source, "json_url": f"/api/v1/concepts/{slug}?lang={lang}",
        "try_it": try_it(session, slug, lang),
    })

