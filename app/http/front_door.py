"""Kept pages answered at the door: a request the render cache can answer skips the whole middleware stack.

A kept page is the same bytes for every reader of its URL until the content changes (app/http/render_cache.py),
and most requests to a public site are for one. Sent through the stack, such a request still passed a dozen
layers that each had nothing to do for it, and cost the worker as much as rendering a page with a minimal
FastAPI app. The front door does, for those requests only, exactly what those layers would have done for them:

- the Host check (AllowedHostsMiddleware): a host not allowed goes on to the stack, which refuses it;
- the kept answer (RenderCacheMiddleware): the same entry, 304 and gzip rules (send_entry);
- the security headers (SecurityHeadersMiddleware), then X-Request-ID and Server-Timing and the access line
  (RequestLogMiddleware), with the same functions those layers use.

Anything else goes on to the stack unchanged: a method other than GET or HEAD, a request with an Origin header
to a path open to other origins (CORS adds headers), the admin's session cookie, anything not kept yet.
tests/http/test_front_door.py checks that an answer from the door and one from the stack are the same.
"""

import time

from starlette.types import Scope, Send

from app.http.content_revision import ContentRevision
from app.http.cors import is_public
from app.http.render_cache import RenderCache, request_key, send_entry
from app.http.request_log import log_request, request_id_from, response_headers
from app.http.security import answers_for, security_header_pairs


class FrontDoor:
    """Answer the requests the render cache holds an entry for, as the middleware stack would have."""

    def __init__(self, cache: RenderCache, revision: ContentRevision, allowed_hosts: tuple[str, ...]):
        self.cache = cache
        self.revision = revision
        self.allowed_hosts = allowed_hosts

    def _passes(self, scope: Scope) -> bool:
        """Whether the layers outside the render cache would let the request through untouched."""
        path = scope["path"]
        public = is_public(path)
        host = ""
        for name, value in scope["headers"]:
            if name == b"origin":
                if public:
                    return False  # CORS answers it with headers of its own
            elif name == b"host" and not host:
                host = value.decode("latin-1")
        return answers_for(path, host, self.allowed_hosts)

    async def answer(self, scope: Scope, send: Send) -> bool:
        """Send the kept answer to this request and say True, or send nothing and say False."""
        started = time.perf_counter()
        key = request_key(scope)
        if key is None or not self._passes(scope):
            return False
        revision = self.revision.current()
        if revision is None:
            return False
        entry = self.cache.get(key, revision, count_miss=False)
        if entry is None:
            return False
        request_id = request_id_from(scope["headers"])
        status = 500

        async def send_with_headers(message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = message["headers"]
                headers += security_header_pairs(scope, entry.names)
                headers += response_headers(request_id, started)
            await send(message)

        try:
            await send_entry(entry, scope, send_with_headers)
        finally:
            log_request(scope, status, started, request_id)
        return True
