"""The reader's language, remembered: the cookie that sends addresses without a language to the reader's own."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import RedirectResponse

from app.http.cookies import LANG_COOKIE, PREFERENCE_MAX_AGE
from app.i18n.languages import LANGUAGES

router = APIRouter(include_in_schema=False)


def _local(path: str) -> str:
    """A path on this site, or the start page: never somewhere else (//host, /\\host, a scheme)."""
    if not path.startswith("/") or path.startswith(("//", "/\\")) or any(ord(c) < 32 for c in path):
        return "/"
    return path


@router.get("/language/{code}")
def remember_language(code: str, next: Annotated[str, Query(max_length=2000)] = "/"):
    """Keep the reader's language in a cookie and go back; the language switch leads here off the pages (the
    admin), and static/js/preferences.js writes the same cookie when a page's switch is used."""
    if code not in LANGUAGES:
        raise HTTPException(404, f"language {code!r}")
    response = RedirectResponse(_local(next), status_code=303, headers={"Cache-Control": "private, no-store"})
    # Not HttpOnly: the page's script writes the same cookie, and it holds nothing secret.
    response.set_cookie(LANG_COOKIE, code, max_age=PREFERENCE_MAX_AGE, samesite="lax")
    return response
