"""Search results in their public shape, with links to each hit's page and JSON twin: the search page's and the API's."""

from collections.abc import Mapping

from sqlmodel import Session

from app.content import search
from app.explorer.calculator_search import KIND as CALCULATOR
from app.explorer.calculator_search import find_calculators
from app.explorer.paging import page_links
from app.schemas import SearchHitPublic, SearchResultsPublic

# The kinds of hits in the order the search page groups them: the content kinds, then the calculators.
HIT_KINDS = (*search.KINDS, CALCULATOR)


def hit_public(hit: search.Hit, lang: str) -> SearchHitPublic:
    """A hit with the links to its page (in the same language) and its JSON twin."""
    from app.content.kinds import KINDS  # loaded with the first search

    kind = KINDS[hit.kind]
    return SearchHitPublic(kind=hit.kind, key=hit.key, title=hit.title, title_html=hit.title_html,
                           snippet=hit.snippet, snippet_html=hit.snippet_html, url=f"/{lang}" + kind.page.format(hit.key),
                           api_url=kind.api.format(hit.key) + f"?lang={lang}")


def results_public(results: search.Results, lang: str, kind: str | None, limit: int, offset: int,
                   path: str, query: Mapping[str, str]) -> SearchResultsPublic:
    """One page of search results in their public shape, with links to the other pages of this path and query."""
    return SearchResultsPublic(
        data=[hit_public(hit, lang) for hit in results.hits], count=results.count, limit=limit, offset=offset,
        lang=lang, links=page_links(path, query, results.count, limit, offset), q=results.query, terms=results.terms,
        kind=kind, counts=results.counts)


def search_all(session: Session, q: str, lang: str, kind: str | None, limit: int, offset: int,
               path: str, query: Mapping[str, str]) -> SearchResultsPublic:
    """One page of hits over the content and the calculators; the calculators come after the content's hits."""
    results = search.search(session, q, lang, None if kind == CALCULATOR else kind, limit, offset)
    found = find_calculators(session, results.terms, lang)
    calculators = found if kind in (None, CALCULATOR) else []
    content = [] if kind == CALCULATOR else [hit_public(hit, lang) for hit in results.hits]
    content_count = 0 if kind == CALCULATOR else results.count
    start = max(0, offset - content_count)
    room = limit - len(content)
    data = content + (calculators[start:start + room] if room > 0 else [])
    count = content_count + len(calculators)
    counts = dict(results.counts) | ({CALCULATOR: len(found)} if found else {})
    return SearchResultsPublic(
        data=data, count=count, limit=limit, offset=offset, lang=lang,
        links=page_links(path, query, count, limit, offset), q=results.query, terms=results.terms, kind=kind,
        counts=counts)
