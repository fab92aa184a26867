"""Markdown to safe HTML: markdown-it-py (js-default, raw HTML off) then nh3 with a strict allowlist."""

import re
from functools import cache
from html import unescape

import nh3

from app.i18n.languages import LANGUAGES

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}
# Only these attributes survive: no style, no event handlers, no hx-* or data-* attributes.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# Links may only be http, https, mailto or relative; nh3 keeps relative URLs and drops other schemes.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

@cache
def _markdown():
    # Imported on first use: Markdown is rendered when content is imported or saved, never to serve a page, and
    # markdown-it with its hundreds of patterns is a large part of a served worker's start-up otherwise.
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")


def render(text: str) -> str:
    """Render Markdown to HTML that is safe to put into a page as it is."""
    return _clean(_markdown().render(text))


def render_inline(text: str) -> str:
    """Render one line of Markdown (emphasis, code, links) without a paragraph around it, safely."""
    return _clean(_markdown().renderInline(text))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A root-relative link in a text (/concepts/hypervisor) names a page without its language; the text is in one
# language, so it leads to the page in that language. The API, the admin, static files and links that already
# name a language are left as they are.
_UNLOCALIZED = re.compile(r'href="/(?!(?:api|admin|static|docs|' + "|".join(LANGUAGES) + r')(?:[/?#"]))')


def localize_links(html: str, lang: str) -> str:
    """Point the text's links to this site's pages at the pages in the text's language."""
    return _UNLOCALIZED.sub(f'href="/{lang}/', html) if 'href="/' in html else html


def plain(markup: str) -> str:
    """The text of a piece of HTML, without tags and entities, on one line."""
    return " ".join(unescape(nh3.clean(markup, tags=set())).split())
