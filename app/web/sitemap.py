"""/sitemap.xml, every page in both languages with its alternates, and /robots.txt that points to it."""

from html import escape

from fastapi import APIRouter, Request

from app.content import catalog
from app.explorer.calculators import CALCULATORS
from app.explorer.stacks import DEFAULT_VIEW, VIEWS
from app.http.caching import conditional
from app.http.deps import SessionDep
from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES
from app.web.problem_docs import DOCS

router = APIRouter(include_in_schema=False)


def page_paths(session) -> list[str]:
    """Every page, without its language: the sections, and each item the database holds."""
    lang = DEFAULT_LANGUAGE  # the items are the same in both languages
    paths = ["/", "/concepts", "/compare", "/stacks", "/scenarios", "/calculators", "/glossary", "/path", "/map", "/search",
             "/problems"]
    paths += [f"/concepts/{item.slug}" for item in catalog.list_concepts(session, lang).data]
    paths += [f"/compare/{item.slug}" for item in catalog.list_comparisons(session, lang).data]
    paths += [f"/stacks?view={view}" for view in VIEWS if view != DEFAULT_VIEW]  # /stacks shows the default
    paths += [f"/scenarios/{item.slug}" for item in catalog.list_scenarios(session, lang).data]
    paths += [f"/questions/{item.slug}" for item in catalog.list_questions(session, lang, limit=None).data]
    paths += [f"/calculators/{name}" for name in CALCULATORS]
    paths += [f"/problems/{name}" for name in DOCS]
    return paths


def _base(request: Request) -> str:
    """The site's public address: configured, else the address this request came to (a sitemap must name it)."""
    return request.app.state.settings.public_url or str(request.base_url).rstrip("/")


def _entry(base: str, path: str) -> str:
    alternates = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(base + "/" + code + path)}"/>'
        for code in LANGUAGES)
    default = f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(base + path)}"/>'
    return "".join(f"<url><loc>{escape(base + '/' + code + path)}</loc>{alternates}{default}</url>\n"
                   for code in LANGUAGES)


@router.get("/sitemap.xml")
def show_sitemap(request: Request, session: SessionDep):
    """Every page in each language, each listing its alternates (sitemaps.org, with xhtml:link hreflang)."""
    base = _base(request)
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "".join(_entry(base, path) for path in page_paths(session)) + "</urlset>\n")
    return conditional(request, body.encode(), "application/xml", {})


@router.get("/robots.txt")
def show_robots(request: Request):
    """Any crawler may read the pages and the API; the admin is not for them."""
    body = f"User-agent: *\nDisallow: /admin\nSitemap: {_base(request)}/sitemap.xml\n"
    return conditional(request, body.encode(), "text/plain; charset=utf-8", {})
