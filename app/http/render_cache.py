"""A cache of rendered pages, fragments and JSON documents, keyed by the request and the content revision.

A public page is the same bytes for every reader until someone edits the content. Every import and every admin
save bumps `ContentState.revision` in the same transaction as the change, so a response rendered at revision R
stays right exactly as long as the database still says R. Each request reads that one number with a tiny query
on a connection kept for the purpose (microseconds on SQLite, one round trip on PostgreSQL), which keeps every
worker process and every replica right: the first request after an edit, on any of them, renders afresh.

Only responses the routes already mark as public and conditional (an ETag and `PUBLIC_CACHE`) are kept, never
one that sets a cookie, never anything under /admin, and never for a request carrying the admin's session cookie.
A kept entry also holds its gzip encoding, compressed once, so a hit costs no rendering, encoding or compressing,
and a revalidation that still matches is a 304 without a body.
"""

import gzip
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import parse_qsl

from app.http.caching import PUBLIC_CACHE, matches
from app.http.compression import COMPRESSIBLE, GZIP_MINIMUM, accepts_gzip, compressed
from app.http.content_revision import ContentRevision
from app.http.cookies import SESSION_COOKIE
from app.http.htmx import HX_CURRENT_URL, VARYING
from app.http.query_names import all_known
from app.i18n.languages import LANGUAGES, from_accept_language

MAX_ENTRIES = 2048
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 1024 * 1024
# A query longer than any of the site's own links is answered but never kept (its key alone could be megabytes),
# and only short ones are memoized.
MAX_QUERY_BYTES = 2048
MEMO_QUERY_BYTES = 256
# Paths whose responses are never kept: the admin, files (StaticFiles has its own validators), probes, and the
# sitemap and robots.txt, which name the host they were asked on when no public address is configured.
UNCACHED_PREFIXES = ("/admin", "/static", "/healthz", "/readyz", "/docs", "/sitemap.xml", "/robots.txt")
API_PREFIX = "/api/"
# htmx request headers that change what a route answers; HX-Current-URL only where it is read.
HTMX_HEADERS = tuple(name.lower().encode() for name in VARYING)
CURRENT_URL = HX_CURRENT_URL.lower().encode()
READS_CURRENT_URL = tuple(f"/{code}/stacks" for code in LANGUAGES)  # app/web/stacks.py previous_view
NOT_MODIFIED_HEADERS = {b"etag", b"cache-control", b"vary", b"content-language", b"set-cookie", b"link"}


@dataclass(slots=True)
class Entry:
    revision: int
    etag: str
    headers: list[tuple[bytes, bytes]]  # without content-length
    body: bytes
    gzip_etag: str | None
    gzip_body: bytes | None
    not_modified: list[tuple[bytes, bytes]]
    gzip_not_modified: list[tuple[bytes, bytes]] | None
    names: frozenset[bytes] = frozenset()  # the header names it holds, lower-case
    debug: dict | None = None  # the template and context, kept only under the test client, which reads them


@lru_cache(maxsize=256)
def _accept_language(header: str) -> str | None:
    return from_accept_language(header)


def _params(query: bytes) -> tuple:
    """A query string as sorted (name, value) pairs; the same few short queries come again and again."""
    return _short_params(query) if len(query) <= MEMO_QUERY_BYTES else _parse(query)


def _parse(query: bytes) -> tuple:
    return tuple(sorted(parse_qsl(query.decode("latin-1"), keep_blank_values=True), key=lambda item: item[0]))


_short_params = lru_cache(maxsize=1024)(_parse)


def request_key(scope) -> tuple | None:
    """Everything a public response depends on besides the content; None when the request must not be cached.

    A page's language is in its path and it reads no cookie; only the API negotiates a language from
    Accept-Language, read as the API reads it (the first such header)."""
    path = scope["path"]
    if scope["method"] not in ("GET", "HEAD") or path.startswith(UNCACHED_PREFIXES):
        return None
    cookie = current_url = ""
    accept_language = None
    htmx = []
    for name, value in scope["headers"]:
        if name == b"cookie":
            cookie += value.decode("latin-1") + ";"
        elif name == b"accept-language":
            if accept_language is None:
                accept_language = value.decode("latin-1")
        elif name in HTMX_HEADERS:
            htmx.append((name, value))
        elif name == CURRENT_URL and path in READS_CURRENT_URL:
            current_url = value.decode("latin-1")
    if SESSION_COOKIE in cookie:
        return None
    query = scope.get("query_string", b"")
    if len(query) > MAX_QUERY_BYTES:
        return None
    params = _params(query) if query else ()
    language = _accept_language(accept_language) if accept_language and path.startswith(API_PREFIX) else None
    return path, params, language, tuple(sorted(htmx)), current_url


class RenderCache:
    """A bounded LRU of entries, each valid for the content revision it was rendered at."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES):
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, Entry] = OrderedDict()
        self._bytes = 0
        self.hits = self.misses = 0

    def get(self, key: tuple, revision: int, count_miss: bool = True) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None or entry.revision != revision:
            self.misses += count_miss
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry

    def put(self, key: tuple, entry: Entry) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= _size(old)
        self._entries[key] = entry
        self._bytes += _size(entry)
        while self._entries and (len(self._entries) > self.max_entries or self._bytes > self.max_bytes):
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= _size(dropped)

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._entries)


def _size(entry: Entry) -> int:
    return len(entry.body) + len(entry.gzip_body or b"")


def make_entry(revision: int, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> Entry | None:
    """An entry for a finished response, or None when it is not a public, conditional 200 without cookies."""
    if status != 200 or len(body) > MAX_ENTRY_BYTES:
        return None
    values = {}
    for name, value in headers:
        values[name.lower()] = value
    if (b"etag" not in values or values.get(b"cache-control") != PUBLIC_CACHE.encode() or b"set-cookie" in values
            or b"content-encoding" in values):
        return None
    kept = [(name.lower(), value) for name, value in headers if name.lower() != b"content-length"]
    etag = values[b"etag"].decode("latin-1")
    not_modified = [(name, value) for name, value in kept if name != b"content-type"]
    gzip_etag = gzip_body = gzip_not_modified = None
    if len(body) >= GZIP_MINIMUM and values.get(b"content-type", b"").startswith(COMPRESSIBLE):
        vary = values.get(b"vary", b"")
        vary = vary + b", Accept-Encoding" if vary else b"Accept-Encoding"
        kept = [(name, value) for name, value in kept if name != b"vary"] + [(b"vary", vary)]
        not_modified = [(name, value) for name, value in kept if name != b"content-type"]
        # Level 6, as for pages not kept: 9 took twice as long on a scenario step (1.1 ms against 0.6 ms, on the
        # render a what-if waits for) for 26 bytes less.
        gzip_body = gzip.compress(body, compresslevel=6, mtime=0)
        # The gzip bytes are another representation, so they get their own strong tag (RFC 9110 §8.8.3).
        gzip_etag = etag[:-1] + '-gzip"'
        gzip_headers = [(name, gzip_etag.encode() if name == b"etag" else value) for name, value in kept]
        gzip_not_modified = [(name, value) for name, value in gzip_headers if name != b"content-type"]
    return Entry(revision, etag, kept, body, gzip_etag, gzip_body, not_modified, gzip_not_modified,
                 frozenset(name for name, _ in kept))


async def send_entry(entry: Entry, scope, send) -> None:
    """Answer from an entry: 304 when If-None-Match holds the tag, else the (compressed) body."""
    if_none_match = accept_encoding = None
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            if_none_match = value.decode("latin-1")
        elif name == b"accept-encoding":
            accept_encoding = value
    if entry.debug is not None and "http.response.debug" in scope.get("extensions", {}):
        await send(entry.debug)
    compressed = entry.gzip_body is not None and accept_encoding is not None and accepts_gzip(accept_encoding)
    etag = entry.gzip_etag if compressed else entry.etag
    if if_none_match and matches(if_none_match, etag):
        headers = entry.gzip_not_modified if compressed else entry.not_modified
        await send({"type": "http.response.start", "status": 304, "headers": list(headers)})
        await send({"type": "http.response.body", "body": b""})
        return
    head = scope["method"] == "HEAD"
    if compressed:
        body = entry.gzip_body
        headers = [(name, etag.encode() if name == b"etag" else value) for name, value in entry.headers]
        headers += [(b"content-encoding", b"gzip"), (b"content-length", str(len(body)).encode())]
    else:
        body = entry.body
        headers = entry.headers + [(b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})


def _fields(entry: Entry) -> dict:
    return {name: getattr(entry, name) for name in Entry.__slots__}


class RenderCacheMiddleware:
    """Serve kept responses while the content revision is unchanged; keep new ones as they are rendered."""

    def __init__(self, app, revision: ContentRevision, cache: RenderCache | None = None):
        self.app = app
        self.revision = revision
        self.cache = cache if cache is not None else RenderCache()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        key = request_key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        revision = self.revision.current()
        if revision is None:
            await self.app(scope, receive, send)
            return
        entry = self.cache.get(key, revision)
        if entry is not None:
            await send_entry(entry, scope, send)
            return
        if scope["method"] == "HEAD":
            await self.app(scope, receive, send)  # the layers below drop the body: nothing to keep
            return
        # Render the whole identity body, without the client's validator, so a 304 to one client still fills
        # the cache for all; the entry then answers this request like any later one.
        inner = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                      if k not in (b"if-none-match", b"accept-encoding")]}
        start: dict | None = None
        chunks: list[bytes] = []
        passed = False
        debug = None

        async def capture(message) -> None:
            nonlocal start, passed, debug
            if message["type"] == "http.response.debug":
                debug = message
                await send(message)
            elif passed:
                await send(message)
            elif message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    return
                # A streamed response: give up keeping it and pass it on as it comes.
                passed = True
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(chunks), "more_body": True})
            else:
                await send(message)

        await self.app(inner, receive, capture)
        if passed or start is None:
            return
        body = b"".join(chunks)
        # A parameter the route neither declares nor reads changes nothing but the key: not kept, or a flood of
        # unique ones (?u=1, ?u=2, …) would each make an entry.
        known = all_known(inner, (name for name, _ in key[1]))
        entry = make_entry(revision, start["status"], start.get("headers", []), body) if known else None
        if entry is None:
            # Not kept (it sets a cookie, say): answer a matching conditional request as the route would have.
            headers = start.get("headers", [])
            etag = next((v for k, v in headers if k.lower() == b"etag"), None)
            if_none_match = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
            if start["status"] == 200 and etag and if_none_match and matches(if_none_match.decode("latin-1"),
                                                                              etag.decode("latin-1")):
                kept = [(k, v) for k, v in headers if k.lower() in NOT_MODIFIED_HEADERS]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
            start, body = compressed(scope, start, body)
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        self.cache.put(key, entry)
        if debug is not None:
            entry.debug = debug
            await send_entry(Entry(**{**_fields(entry), "debug": None}), scope, send)
            return
        await send_entry(entry, scope, send)
