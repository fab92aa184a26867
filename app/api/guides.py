"""The learning path and the concept map as JSON: the same reads as their pages."""

from fastapi import APIRouter, Depends, HTTPException, Request

from app.content import paths
from app.explorer.concept_map import concept_map
from app.http.caching import CONTENT_RESPONSES, json_response, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES
from app.schemas import ConceptMapPublic, PathPublic

router = APIRouter(prefix="/api/v1", tags=["content"], dependencies=[Depends(read_request_headers)],
                   responses={**CONTENT_RESPONSES, 422: PROBLEM_RESPONSES[422]})


@router.get("/path", response_model=PathPublic, responses={404: PROBLEM_RESPONSES[404]})
def read_path(request: Request, session: SessionDep, lang: ApiLangDep):
    """The learning path: its stops in order, each with why it comes now and its page and JSON URLs."""
    path = paths.get_path(session, lang)
    if path is None:
        raise HTTPException(404, "no learning path")
    return json_response(request, path, lang)


@router.get("/map", response_model=ConceptMapPublic)
def read_map(request: Request, session: SessionDep, lang: ApiLangDep):
    """The concept map: every concept with its place in the drawing, and every relation between concepts."""
    return json_response(request, concept_map(session, lang).public, lang)
