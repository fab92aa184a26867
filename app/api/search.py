"""Search as JSON: /api/v1/search?q=, hits across every kind of content in one language."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from app.api.paging import Limit, Offset, page_links
from app.content import search
from app.content.kinds import KINDS, SearchKind
from app.http.caching import CONTENT_RESPONSES, json_response, read_request_headers
from app.http.deps import ApiLangDep, SessionDep
from app.http.problems import PROBLEM_RESPONSES
from app.schemas import SearchHitPublic, SearchResultsPublic

router = APIRouter(prefix="/api/v1", tags=["search"], dependencies=[Depends(read_request_headers)],
                   responses={**CONTENT_RESPONSES, 422: PROBLEM_RESPONSES[422]})
QUERY_DESCRIPTION = ("Words to find, in the response's language; an item must contain every word, anywhere "
                     "(also inside a longer word). Words of one or two characters are matched too.")


def hit_public(hit: search.Hit, lang: str) -> SearchHitPublic:
    """A hit with the links to its page and its JSON twin."""
    kind = KINDS[hit.kind]
    return SearchHitPublic(kind=hit.kind, key=hit.key, title=hit.title, title_html=hit.title_html,
                           snippet=hit.snippet, snippet_html=hit.snippet_html, url=kind.page.format(hit.key),
                           api_url=kind.api.format(hit.key) + f"?lang={lang}")


def results_public(request: Request, results: search.Results, lang: str, kind: str | None,
                   limit: int, offset: int) -> SearchResultsPublic:
    """One page of search results in their public shape, with links to the other pages."""
    return SearchResultsPublic(
        data=[hit_public(hit, lang) for hit in results.hits], count=results.count, limit=limit, offset=offset,
        lang=lang, links=page_links(request, results.count, limit, offset), q=results.query, terms=results.terms,
        kind=kind, counts=results.counts)


@router.get("/search", response_model=SearchResultsPublic)
def search_content(
    request: Request, session: SessionDep, lang: ApiLangDep,
    q: Annotated[str, Query(min_length=1, max_length=search.MAX_QUERY, description=QUERY_DESCRIPTION,
                            examples=["컨테이너", "orchestration"])],
    kind: Annotated[SearchKind | None, Query(description="Only items of this kind")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
):
    """Concepts, comparisons, stacks and scenarios that contain the words, best first, with highlighted snippets."""
    results = search.search(session, q, lang, kind, limit, offset)
    return json_response(request, results_public(request, results, lang, kind, limit, offset), lang)
