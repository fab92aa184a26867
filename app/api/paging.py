"""Pages of API lists: bounded limit and offset, slicing, and links to the first, previous and next page."""

from typing import Annotated, TypeVar
from urllib.parse import urlencode

from fastapi import Query
from starlette.requests import Request

from app.schemas import ListPublic, PageLinks

T = TypeVar("T", bound=ListPublic)
MAX_LIMIT = 100
# Bounded well below 2**31, so that no database sees an integer it cannot hold.
MAX_OFFSET = 10_000

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="The most items on one page", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip", examples=[0])]


def _url(request: Request, **changes: int) -> str:
    params = {**dict(request.query_params), **{key: str(value) for key, value in changes.items()}}
    return f"{request.url.path}?{urlencode(params)}"


def page_links(request: Request, count: int, limit: int, offset: int) -> PageLinks:
    """Links to the first page, and to the previous and next pages where they exist."""
    prev = _url(request, limit=limit, offset=max(0, offset - limit)) if offset > 0 else None
    next_ = _url(request, limit=limit, offset=offset + limit) if offset + limit < count else None
    return PageLinks(first=_url(request, limit=limit, offset=0), prev=prev, next=next_)


def paged(request: Request, document: T, limit: int, offset: int, *, sliced: bool = False) -> T:
    """The document as one page: its data cut to the page (unless the query already did), with links."""
    data = document.data if sliced else document.data[offset:offset + limit]
    links = page_links(request, document.count, limit, offset)
    return document.model_copy(update={"data": data, "limit": limit, "offset": offset, "links": links})
