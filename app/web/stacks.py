"""The stack explorer page: one URL per state; htmx swaps only the explorer when the learner toggles."""

from typing import Annotated
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.content import catalog
from app.explorer.stacks import (
    DEFAULT_VIEW,
    STACK_VIEWS,
    UnknownSelection,
    choices,
    explore,
    parse_workloads,
)
from app.http.deps import PageLangDep, SessionDep
from app.http.htmx import HX_CURRENT_URL
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)


def previous_view(request: Request) -> str | None:
    """The view the learner comes from when htmx swaps the explorer in place, so layers can animate in."""
    current = urlsplit(request.headers.get(HX_CURRENT_URL, ""))
    if current.path != request.url.path:
        return None
    return (parse_qs(current.query).get("view") or [DEFAULT_VIEW])[0] or DEFAULT_VIEW


Param = Annotated[str | None, Query(max_length=60)]


@router.get("/stacks")
def show_stacks(request: Request, session: SessionDep, lang: PageLangDep, view: Param = None,
                layer: Param = None, point: Param = None, n: Annotated[str | None, Query(max_length=20)] = None):
    """The VM stack, the container stack or both side by side; htmx swaps only the explorer."""
    stacks = {stack.view: stack for stack in catalog.list_stacks(session, lang).data}
    view = view or DEFAULT_VIEW
    try:
        context = explore(stacks, view, layer or None, point or None, parse_workloads(n), request.url.path)
    except UnknownSelection as error:
        source = next(iter(stacks.values())).source if stacks else None
        return render(request, "stacks/missing.html", {"error": error, "source": source, **choices(stacks, error, request.url.path)},
                      status_code=404)
    twin = f"/stacks/{view}" if view in STACK_VIEWS else "/stacks"
    previous = previous_view(request)
    context.update(json_url=f"/api/v1{twin}?lang={lang}", source=stacks["vm"].source,
                   view_changed=previous is not None and previous != view)
    return render(request, "stacks/index.html", context, fragment="stacks/_explorer.html")
