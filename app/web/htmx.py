"""The htmx request headers as one object, and whether to answer with a fragment."""

from dataclasses import dataclass

from starlette.requests import Request


@dataclass(frozen=True)
class HtmxDetails:
    """What htmx says about a request (https://htmx.org/reference/#request_headers)."""

    request: bool
    boosted: bool
    history_restore: bool
    target: str | None

    @classmethod
    def from_request(cls, request: Request) -> "HtmxDetails":
        headers = request.headers
        return cls(
            request=headers.get("HX-Request") == "true",
            boosted=headers.get("HX-Boosted") == "true",
            history_restore=headers.get("HX-History-Restore-Request") == "true",
            target=headers.get("HX-Target"),
        )

    @property
    def wants_fragment(self) -> bool:
        """Only a plain htmx request gets a fragment; boosted and history-restore requests need the page."""
        return self.request and not self.boosted and not self.history_restore
