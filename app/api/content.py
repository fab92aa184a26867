"""The JSON API, /api/v1: the same catalog functions as the pages, as JSON."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from app.api.paging import Limit, Offset, paged
from app.api.params import Slug
from app.content import catalog
from app.content.documents import SLUG_PATTERN
from app.http.caching import CONTENT_RESPONSES, json_response, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES
from app.schemas import (
    ComparisonPublic,
    ComparisonsPublic,
    ConceptPublic,
    ConceptsPublic,
    GlossaryPublic,
    QuestionPublic,
    QuestionsPublic,
    ScenariosPublic,
    StackPublic,
    StacksPublic,
    TagsPublic,
)

router = APIRouter(prefix="/api/v1", tags=["content"], dependencies=[Depends(read_request_headers)],
                   responses={**CONTENT_RESPONSES, 422: PROBLEM_RESPONSES[422]})
NOT_FOUND = {404: PROBLEM_RESPONSES[404]}


@router.get("/concepts", response_model=ConceptsPublic, responses=NOT_FOUND)
def list_concepts(
    request: Request, session: SessionDep, lang: ApiLangDep,
    tag: Annotated[str | None, Query(max_length=60, pattern=SLUG_PATTERN, description="Only concepts with this tag",
                                     examples=["kubernetes"])] = None,
    q: Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]*$",
                                   description="Text the concept contains (see /api/v1/search for ranked hits)",
                                   examples=["kernel"])] = None,
    limit: Limit = 100,
    offset: Offset = 0,
):
    """Concepts in reading order: filter by tag or words, page with limit and offset."""
    if tag is not None and not catalog.has_tag(session, tag):
        raise HTTPException(404, f"no tag {tag!r}")
    concepts = catalog.list_concepts(session, lang, tag, q, limit, offset)
    return json_response(request, paged(request, concepts, limit, offset, sliced=True), lang)


@router.get("/concepts/{slug}", response_model=ConceptPublic, responses=NOT_FOUND)
def read_concept(request: Request, slug: Slug, session: SessionDep, lang: ApiLangDep):
    """One concept: its text, "more precisely" notes, tags, related concepts and the credited source."""
    concept = catalog.get_concept(session, slug, lang)
    if concept is None:
        raise HTTPException(404, f"no concept {slug!r}")
    return json_response(request, concept, lang)


@router.get("/tags", response_model=TagsPublic)
def list_tags(request: Request, session: SessionDep, lang: ApiLangDep, limit: Limit = 100, offset: Offset = 0):
    """Every tag with its label in the requested language."""
    return json_response(request, paged(request, catalog.list_tags(session, lang), limit, offset), lang)


@router.get("/glossary", response_model=GlossaryPublic)
def list_terms(request: Request, session: SessionDep, lang: ApiLangDep, limit: Limit = 100, offset: Offset = 0):
    """The glossary: each term the pages use, in one line, with the concept page that explains it."""
    return json_response(request, paged(request, catalog.list_terms(session, lang), limit, offset), lang)


@router.get("/comparisons", response_model=ComparisonsPublic)
def list_comparisons(request: Request, session: SessionDep, lang: ApiLangDep, limit: Limit = 100, offset: Offset = 0):
    """Every side-by-side comparison."""
    return json_response(request, paged(request, catalog.list_comparisons(session, lang), limit, offset), lang)


@router.get("/comparisons/{slug}", response_model=ComparisonPublic, responses=NOT_FOUND)
def read_comparison(request: Request, slug: Slug, session: SessionDep, lang: ApiLangDep):
    """One comparison: its two subjects and its rows of aspect / left / right, in order."""
    comparison = catalog.get_comparison(session, slug, lang)
    if comparison is None:
        raise HTTPException(404, f"no comparison {slug!r}")
    return json_response(request, comparison, lang)


@router.get("/stacks", response_model=StacksPublic)
def list_stacks(request: Request, session: SessionDep, lang: ApiLangDep, limit: Limit = 100, offset: Offset = 0):
    """Both stacks, the VM one and the container one."""
    return json_response(request, paged(request, catalog.list_stacks(session, lang), limit, offset), lang)


@router.get("/stacks/{view}", response_model=StackPublic, responses=NOT_FOUND)
def read_stack(request: Request, view: Annotated[Literal["vm", "container"], Path(description="Which stack")],
               session: SessionDep, lang: ApiLangDep):
    """One stack: layers from the hardware up, and the pros and cons with the layers that cause them."""
    stack = catalog.get_stack(session, view, lang)
    if stack is None:
        raise HTTPException(404, f"no stack {view!r}")
    return json_response(request, stack, lang)


@router.get("/scenarios", response_model=ScenariosPublic)
def list_scenarios(request: Request, session: SessionDep, lang: ApiLangDep, limit: Limit = 100, offset: Offset = 0):
    """Every scenario definition with its default parameters."""
    return json_response(request, paged(request, catalog.list_scenarios(session, lang), limit, offset), lang)


@router.get("/questions", response_model=QuestionsPublic, responses=NOT_FOUND)
def list_questions(
    request: Request, session: SessionDep, lang: ApiLangDep,
    concept: Annotated[str | None, Query(max_length=80, pattern=SLUG_PATTERN,
                                         description="Only questions about this concept", examples=["docker"])] = None,
    limit: Limit = 100,
    offset: Offset = 0,
):
    """Authored questions in their order, each with its choices, the right one, the explanation and its source."""
    if concept is not None and not catalog.has_concept(session, concept):
        raise HTTPException(404, f"no concept {concept!r}")
    questions = catalog.list_questions(session, lang, concept, limit, offset)
    return json_response(request, paged(request, questions, limit, offset, sliced=True), lang)


@router.get("/questions/{slug}", response_model=QuestionPublic, responses=NOT_FOUND)
def read_question(request: Request, slug: Slug, session: SessionDep, lang: ApiLangDep):
    """One question: its prompt, choices (each saying why it is right or wrong), explanation and source."""
    question = catalog.get_question(session, slug, lang)
    if question is None:
        raise HTTPException(404, f"no question {slug!r}")
    return json_response(request, question, lang)
