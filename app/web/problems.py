"""The pages at the problem type URIs of the API (/problems/...): what each error means and what to do."""

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from app.content import catalog
from app.http.deps import PageLangDep, SessionDep
from app.web.problem_docs import DOCS, PAGE
from app.web.templating import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
CODE_SPAN = re.compile(r"`([^`]+)`")


def with_code(text: str) -> Markup:
    """The text escaped, with `names` (headers, fields, paths) shown as code."""
    return Markup(CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


@router.get("/problems")
def list_problems(request: Request, session: SessionDep, lang: PageLangDep):
    """Every problem type, with its status."""
    return render(request, "problems/index.html", {
        "problems": [(name, docs[lang]) for name, docs in DOCS.items()], "words": PAGE[lang],
        "intro": with_code(PAGE[lang]["intro"]),
        "source": catalog.source(session, lang),
    })


@router.get("/problems/{name}")
def show_problem(request: Request, name: str, session: SessionDep, lang: PageLangDep):
    """One problem type: the address a problem document's `type` names resolves to this page (RFC 9457 §3.1.1)."""
    if name not in DOCS:
        raise HTTPException(404, f"problem type {name!r}")
    return render(request, "problems/detail.html", {
        "name": name, "problem": DOCS[name][lang], "meaning": with_code(DOCS[name][lang].meaning),
        "remedy": with_code(DOCS[name][lang].remedy), "words": PAGE[lang], "source": catalog.source(session, lang),
    })
