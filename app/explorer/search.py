"""Search results in their public shape, with links to each hit's page and JSON twin: the search page's and the API's."""

from collections.abc import Mapping

from app.content import search
from app.content.kinds import KINDS
from app.explorer.paging import page_links
from app.schemas import SearchHitPublic, SearchResultsPublic


def hit_public(hit: search.Hit, lang: str) -> SearchHitPublic:
    """A hit with the links to its page (in the same language) and its JSON twin."""
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
