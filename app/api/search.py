"""Search as JSON: /api/v1/search?q=, hits across every kind of content in one language."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.api.paging import Limit, Offset
from app.content import search
from app.explorer.search import search_all
from app.http.caching import CONTENT_RESPONSES, json_response, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES
from app.schemas import HitKind, SearchResultsPublic

router = APIRouter(prefix="/api/v1", tags=["search"], dependencies=[Depends(read_request_headers)],
                   responses={**CONTENT_RESPONSES, 422: PROBLEM_RESPONSES[422]})
QUERY_DESCRIPTION = ("Words to find, in the response's language; an item must contain every word, anywhere "
                     "(also inside a longer word). Words of one or two characters are matched too.")


@router.get("/search", response_model=SearchResultsPublic)
def search_content(
    request: Request, session: SessionDep, lang: ApiLangDep,
    q: Annotated[str, Query(min_length=1, max_length=search.MAX_QUERY, description=QUERY_DESCRIPTION,
                            examples=["컨테이너", "orchestration"])],
    kind: Annotated[HitKind | None, Query(description="Only items of this kind")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    """Concepts, comparisons, stacks and scenarios that contain the words, best first, then the calculators that
    do, with highlighted snippets."""
    page = search_all(session, q, lang, kind, limit, offset, request.url.path, request.query_params)
    return json_response(request, page, lang)
