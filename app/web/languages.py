"""Every page lives under its language, /ko/… and /en/…: the path convertor that matches only those, and the
addresses of one page in each language."""

from urllib.parse import urlencode

from starlette.convertors import Convertor, register_url_convertor
from starlette.requests import Request

from app.http.deps import path_language
from app.i18n.languages import LANGUAGES


class LanguageConvertor(Convertor):
    """{lang:lang} in a path matches a language the explorer has, and nothing else, so /admin/… or /api/… never
    reach a page route as if "admin" were a language."""

    regex = "|".join(LANGUAGES)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("lang", LanguageConvertor())
PREFIX = "/{lang:lang}"


def in_language(request: Request, code: str, *, keep_query: bool = True) -> str:
    """This page's address in another language (relative), with its query but never ?theme=."""
    rest = request.url.path.split("/", 2)[2] if request.url.path.count("/") >= 2 else ""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "theme"]) if keep_query else ""
    return f"/{code}/{rest}" + (f"?{query}" if query else "")


def switch_url(request: Request, code: str) -> str:
    """Where the language switch leads: this page in that language; off the pages (the admin, an unknown address),
    the address that remembers the choice and comes back here."""
    if path_language(request.url.path) is None:
        return f"/language/{code}?" + urlencode({"next": request.url.path})
    return in_language(request, code)


def alternates(request: Request) -> dict | None:
    """The page's canonical address and its address in each language (hreflang), absolute when the public
    address is configured; None off the pages."""
    code = path_language(request.url.path)
    if code is None:
        return None
    base = request.app.state.settings.public_url or ""
    here = in_language(request, code)
    return {
        "canonical": base + here,
        "languages": [(other, base + in_language(request, other)) for other in LANGUAGES],
        # x-default: the address without a language, which sends each reader to theirs.
        "default": base + here[len(code) + 1:],
    }
