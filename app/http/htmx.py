"""The htmx request headers, named once, as one object, and whether to answer with a fragment."""

from dataclasses import dataclass

from starlette.requests import Request

# https://htmx.org/reference/#request_headers
HX_REQUEST = "HX-Request"
HX_BOOSTED = "HX-Boosted"
HX_HISTORY_RESTORE = "HX-History-Restore-Request"
HX_TARGET = "HX-Target"
HX_CURRENT_URL = "HX-Current-URL"
# The headers that change what a route answers; HX-Current-URL only where a route reads it.
VARYING = (HX_REQUEST, HX_BOOSTED, HX_HISTORY_RESTORE, HX_TARGET)


@dataclass(frozen=True)
class HtmxDetails:
    """What htmx says about a request."""

    request: bool
    boosted: bool
    history_restore: bool
    target: str | None

    @classmethod
    def from_request(cls, request: Request) -> "HtmxDetails":
        headers = request.headers
        return cls(
            request=headers.get(HX_REQUEST) == "true",
            boosted=headers.get(HX_BOOSTED) == "true",
            history_restore=headers.get(HX_HISTORY_RESTORE) == "true",
            target=headers.get(HX_TARGET),
        )

    @property
    def wants_fragment(self) -> bool:
        """Only a plain htmx request gets a fragment; boosted and history-restore requests need the page."""
        return self.request and not self.boosted and not self.history_restore
