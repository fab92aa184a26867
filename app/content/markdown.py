"""Markdown to safe HTML: markdown-it-py (js-default, raw HTML off) then nh3 with a strict allowlist."""

import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from html import unescape
from importlib import metadata

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

# The HTML of every text is stored beside its Markdown, so a change to how it is made leaves stored rows stale
# until they are rendered again. Raise this with any change here that changes the HTML and that fingerprint()
# cannot see (a new step after nh3, say); options, rules, plugins, the allowlist and library versions it sees.
RENDERER_VERSION = 1


@cache
def _markdown():
    # Imported on first use: Markdown is rendered when content is imported or saved, never to serve a page, and
    # markdown-it with its hundreds of patterns is a large part of a served worker's start-up otherwise.
    from markdown_it import MarkdownIt

    return MarkdownIt("js-default")


# Texts rendered ahead of a save, by (inline, text): the writers below the write lock find them here.
_AHEAD: ContextVar[dict[tuple[bool, str], str] | None] = ContextVar("markdown_ahead", default=None)


def render(text: str) -> str:
    """Render Markdown to HTML that is safe to put into a page as it is."""
    ahead = _AHEAD.get()
    if ahead is not None and (False, text) in ahead:
        return ahead[False, text]
    return _clean(_markdown().render(text))


def render_inline(text: str) -> str:
    """Render one line of Markdown (emphasis, code, links) without a paragraph around it, safely."""
    ahead = _AHEAD.get()
    if ahead is not None and (True, text) in ahead:
        return ahead[True, text]
    return _clean(_markdown().renderInline(text))


# The longest a save's texts may take to render, together. The documents' bounds (MAX_TEXT, MAX_BRACKETS) keep
# every text we know of well under it (~0.3 s at worst); this catches a slow pattern nobody has found yet, with a
# message beside its field instead of a worker busy for seconds.
RENDER_SECONDS = 2.0
# Two threads at most render against the clock. Python cannot stop a thread: a render past its time goes on
# to its end (bounded by the documents' caps), but no save waits for it and no more than two run so at once.
@cache
def _renderers():
    from concurrent.futures import ThreadPoolExecutor  # made on the first save: a worker serving pages needs none

    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="markdown")


@dataclass
class TooSlow(Exception):
    """A text took longer than RENDER_SECONDS to render; path names its field."""

    path: str
    seconds: float


def render_ahead(texts: Iterable[tuple[str, str, bool]], seconds: float | None = None) -> dict:
    """Render (path, text, inline) texts within `seconds` (RENDER_SECONDS), for rendered(); raise TooSlow naming
    the first text that was not done in time."""
    limit = RENDER_SECONDS if seconds is None else seconds
    deadline = time.monotonic() + limit
    done: dict[tuple[bool, str], str] = {}
    for path, text, inline in texts:
        if (inline, text) in done:
            continue
        future = _renderers().submit(render_inline if inline else render, text)
        try:
            done[inline, text] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except TimeoutError:  # concurrent.futures.TimeoutError is this one since Python 3.11
            future.cancel()  # when it has not started; a started render runs on, unused
            raise TooSlow(path, limit) from None
    return done


@contextmanager
def rendered(done: dict) -> Iterator[None]:
    """Within this block, render() and render_inline() answer the texts rendered ahead at once."""
    token = _AHEAD.set(done)
    try:
        yield
    finally:
        _AHEAD.reset(token)


def _cleaning() -> dict:
    return {"tags": ALLOWED_TAGS, "attributes": ALLOWED_ATTRIBUTES, "url_schemes": ALLOWED_URL_SCHEMES,
            "link_rel": "noopener noreferrer", "strip_comments": True}


def _clean(html: str) -> str:
    import nh3  # pages show the HTML stored at save time: a worker serving them starts without the sanitizer

    return nh3.clean(html, **_cleaning())


def fingerprint() -> str:
    """What the stored HTML was made with: RENDERER_VERSION and a hash of the parser's options and active rules
    (a plugin adds rules), the HTML allowlist and the versions of markdown-it-py and nh3."""
    parser = _markdown()

    def plain_value(value):
        if isinstance(value, set | frozenset):
            return sorted(value)
        return getattr(value, "__qualname__", None) or repr(value)  # a highlight function, by its name

    described = {
        "options": dict(parser.options), "rules": parser.get_active_rules(), "cleaning": _cleaning(),
        "libraries": {name: metadata.version(name) for name in ("markdown-it-py", "nh3")},
    }
    digest = hashlib.sha256(json.dumps(described, sort_keys=True, default=plain_value).encode()).hexdigest()
    return f"{RENDERER_VERSION}-{digest[:16]}"


# A root-relative link in a text (/concepts/hypervisor) names a page without its language; the text is in one
# language, so it leads to the page in that language. The API, the admin, static files and links that already
# name a language are left as they are.
_UNLOCALIZED = re.compile(r'href="/(?!(?:api|admin|static|docs|' + "|".join(LANGUAGES) + r')(?:[/?#"]))')


def localize_links(html: str, lang: str) -> str:
    """Point the text's links to this site's pages at the pages in the text's language."""
    return _UNLOCALIZED.sub(f'href="/{lang}/', html) if 'href="/' in html else html


def plain(markup: str) -> str:
    """The text of a piece of HTML, without tags and entities, on one line."""
    import nh3

    return " ".join(unescape(nh3.clean(markup, tags=set())).split())
