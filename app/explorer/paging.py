"""Pages of lists: the bounds of limit and offset, and the links to the first, previous and next page."""

from collections.abc import Mapping
from urllib.parse import urlencode

from app.schemas import PageLinks

MAX_LIMIT = 100
# Bounded well below 2**31, so that no database sees an integer it cannot hold.
MAX_OFFSET = 10_000


def _url(path: str, query: Mapping[str, str], **changes: int) -> str:
    params = {**dict(query), **{key: str(value) for key, value in changes.items()}}
    return f"{path}?{urlencode(params)}"


def page_links(path: str, query: Mapping[str, str], count: int, limit: int, offset: int) -> PageLinks:
    """Links to the first page, and to the previous and next pages where they exist, keeping the other parameters."""
    prev = _url(path, query, limit=limit, offset=max(0, offset - limit)) if offset > 0 else None
    next_ = _url(path, query, limit=limit, offset=offset + limit) if offset + limit < count else None
    return PageLinks(first=_url(path, query, limit=limit, offset=0), prev=prev, next=next_)
