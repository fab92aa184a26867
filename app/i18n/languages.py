"""Languages: the ones the explorer speaks, and which one a request wants."""

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


class UnknownLanguage(ValueError):
    """A language was asked for by name that the explorer does not have."""

    def __init__(self, value: str):
        super().__init__(f"language {value!r} is not available; use one of: {', '.join(LANGUAGES)}")
        self.value = value


def check_language(value: str) -> str:
    """Return the language if it is one we have, else raise UnknownLanguage."""
    if value not in LANGUAGES:
        raise UnknownLanguage(value)
    return value


def from_accept_language(header: str | None) -> str | None:
    """Pick the best of our languages from an Accept-Language header (RFC 9110 §12.5.4), or None."""
    if not header:
        return None
    candidates = []
    for position, part in enumerate(header.split(",")[:32]):
        tag, *params = (piece.strip() for piece in part.split(";"))
        primary = tag.lower().split("-")[0]
        lang = DEFAULT_LANGUAGE if primary == "*" else primary
        if lang not in LANGUAGES:
            continue
        q = _quality(params)
        if q > 0:
            # Higher quality first; among equals, the one listed first.
            candidates.append((q, -position, lang))
    return max(candidates)[2] if candidates else None


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                q = float(value)
            except ValueError:
                return 0.0
            return q if 0.0 <= q <= 1.0 else 0.0
    return 1.0


def negotiate(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The request's language: ?lang= (checked), then the cookie, then Accept-Language, then Korean."""
    if query is not None:
        return check_language(query)
    if cookie in LANGUAGES:
        return cookie
    return from_accept_language(accept_language) or DEFAULT_LANGUAGE

