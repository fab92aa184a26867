"""Pages of API lists: limit and offset as bounded query parameters, slicing, and the links of a page."""

from typing import Annotated, TypeVar

from fastapi import Query
from starlette.requests import Request

from app.explorer.paging import MAX_LIMIT, MAX_OFFSET
from app.explorer.paging import page_links as links_for
from app.schemas import ListPublic, PageLinks

T = TypeVar("T", bound=ListPublic)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="The most items on one page", examples=[20])]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip", examples=[0])]


def page_links(request: Request, count: int, limit: int, offset: int) -> PageLinks:
    """Links to the first page, and to the previous and next pages where they exist."""
    return links_for(request.url.path, request.query_params, count, limit, offset)


def paged(request: Request, document: T, limit: int, offset: int, *, sliced: bool = False) -> T:
    """The document as one page: its data cut to the page (unless the query already did), with links."""
    data = document.data if sliced else document.data[offset:offset + limit]
    links = page_links(request, document.count, limit, offset)
    return document.model_copy(update={"data": data, "limit": limit, "offset": offset, "links": links})
