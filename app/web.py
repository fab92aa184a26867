"""The HTML pages for learners: overview, concepts, comparisons."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from app import catalog
from app.deps import PageLangDep, SessionDep
from app.templating import render

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
    })


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
