"""The one Jinja2 environment, and rendering a page or its fragment in the request's language."""

import os
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache
from urllib.parse import urlencode

from jinja2 import FileSystemBytecodeCache
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from app.content.post import SECTIONS as POST_SECTIONS
from app.http.caching import conditional_page
from app.http.cookies import ADMIN_PATH, LANG_COOKIE, PREFERENCE_MAX_AGE
from app.http.deps import page_language
from app.http.htmx import HX_REQUEST, HtmxDetails
from app.http.static_assets import STATIC_ROOT, static_url
from app.i18n.languages import LANGUAGE_NAMES, LANGUAGES
from app.settings import PROJECT_ROOT
from app.web.gettext import TEMPLATE_GETTEXT
from app.web.languages import alternates, switch_url

templates = Jinja2Templates(directory=PROJECT_ROOT / "templates")


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept on disk between starts and shared by the workers: a start then loads them instead
    of compiling them again (~0.3 s for the public pages, paid by the first requests of each worker). Jinja keeps
    them in a folder of this user's own under the temporary directory, keyed by each template's source."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no writable temporary directory: compile as before
        return None


templates.env.bytecode_cache = _bytecode_cache()
# Jinja's i18n extension gives templates `_()` and {% trans %}; `_` calls whatever `gettext` the render context holds.
# The environment is shared by requests in different languages rendering at the same time, so gettext, ngettext
# and pgettext are never installed on it: each render's context brings its own language's (gettext_context).
templates.env.add_extension("jinja2.ext.i18n")
templates.env.newstyle_gettext = True  # {% trans %} passes its values to gettext, which formats and escapes them
# The colour theme: "auto" follows the system (prefers-color-scheme).
THEMES = ("auto", "light", "dark")


def page_theme(request: Request) -> str:
    """A page's colour theme as its URL asks (?theme=, the switch's form without JavaScript), else "auto"; the
    choice kept in the theme cookie is applied in the browser (static/js/preferences.js), never by the server, so
    the page stays the same for every reader of its URL."""
    value = request.query_params.get("theme")
    return value if value in THEMES else "auto"


def url_with(request: Request, **changes) -> str:
    """This page's relative URL with some query parameters changed (None removes one); ?theme= is never kept, nor
    ?guess= (an answer to a prediction belongs to the one step it reveals)."""
    query_string, changed = request.scope.get("query_string", b""), tuple(changes.items())
    try:
        query = _query_with(query_string, changed)
    except TypeError:  # a value that cannot be a key: worked out afresh
        query = _query_with.__wrapped__(query_string, changed)
    return request.url.path + (f"?{query}" if query else "")


@lru_cache(maxsize=1024)
def _query_with(query_string: bytes, changes: tuple) -> str:
    # A player page links every step of its run: the same query with another step, worked out once each. The query
    # is read as the request reads it (QueryParams of the same bytes).
    params = dict(QueryParams(query_string))
    params.pop("theme", None)
    params.pop("guess", None)
    for key, value in changes:
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)


# The URL of each static file a template names, with the size and modification time it was worked out for: a page
# names about ten, and working a name out afresh (resolving its path, as static_url must for names from a URL)
# cost more than the rest of a concept page's template. A changed file (a new size or time) is worked out again.
_static_urls: dict[str, tuple[tuple[int, int], str]] = {}
_STATIC_DIR = str(STATIC_ROOT)


def template_static_url(name: str) -> str:
    """static_url() for the names templates write (never a name from a request)."""
    try:
        stat = os.stat(os.path.join(_STATIC_DIR, name))
    except (OSError, ValueError):
        return static_url(name)
    known = _static_urls.get(name)
    if known is not None and known[0] == (stat.st_mtime_ns, stat.st_size):
        return known[1]
    url = static_url(name)
    _static_urls[name] = ((stat.st_mtime_ns, stat.st_size), url)
    return url


def format_date(value, lang: str) -> str:
    """A date as people write it in this language."""
    if lang == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일"
    return f"{value:%B} {value.day}, {value.year}"


def gettext_context(lang: str) -> dict:
    """What a template needs to render in this language: `lang` and the gettext callables."""
    return {"lang": lang, **TEMPLATE_GETTEXT[lang]}


class KindsFor(Mapping):
    """The content kinds by name (or by another field, as by plural), for templates that label an item with its
    kind's name: the admin, search results, the learning path. The registry (app.content.kinds, with the kinds'
    documents, files and forms) is loaded when a template first reads it, not with the pages that never do."""

    def __init__(self, field: str = "name"):
        self.field = field

    @cached_property
    def _kinds(self) -> dict:
        from app.content.kinds import ALL

        return {getattr(kind, self.field): kind for kind in ALL}

    def __getitem__(self, key: str):
        return self._kinds[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)


templates.env.globals.update(languages=LANGUAGES, language_names=LANGUAGE_NAMES, url_with=url_with, static_url=template_static_url,
                             themes=THEMES, page_theme=page_theme, switch_url=switch_url, alternates=alternates,
                             content_kinds=KindsFor(), kinds_by_plural=KindsFor("plural"))
# The source post's sections, as a form offers them: (anchor, heading).
templates.env.globals["post_sections"] = [(anchor, titles["ko"]) for anchor, titles in POST_SECTIONS.items()]
templates.env.filters["date"] = format_date


def render(request: Request, page: str, context: dict, *, fragment: str | None = None,
           status_code: int = 200) -> HTMLResponse:
    """Render the page, or only its fragment for an htmx request; it sets no cookie, so shared caches may keep it."""
    lang = page_language(request)
    htmx = HtmxDetails.from_request(request)
    as_fragment = bool(fragment) and htmx.wants_fragment
    context = {**gettext_context(lang), "htmx": htmx, **context}
    response = templates.TemplateResponse(request, fragment if as_fragment else page, context, status_code=status_code)
    if as_fragment:
        # The page's own links outside the fragment (language switch, JSON twin) follow it, out of band.
        links = templates.get_template("_page_links_oob.html").render({**context, "request": request})
        response.body += links.encode()
        response.headers["content-length"] = str(len(response.body))
    response.headers["Content-Language"] = lang
    # The language is in the path and the theme cookie is read in the browser: only htmx changes the answer.
    response.headers["Vary"] = HX_REQUEST
    if request.url.path.startswith(ADMIN_PATH) and request.query_params.get("lang") in LANGUAGES:
        # The admin's pages are private and have no language in their path: ?lang= is remembered for them.
        response.set_cookie(LANG_COOKIE, lang, max_age=PREFERENCE_MAX_AGE, samesite="lax")
    if request.method == "GET" and status_code == 200 and not request.url.path.startswith(ADMIN_PATH):
        return conditional_page(request, response)
    return response
