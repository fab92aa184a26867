"""Dependencies the routers share: the database session, the settings and the language."""

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from sqlmodel import Session

from app.i18n import DEFAULT_LANGUAGE, from_accept_language
from app.settings import Settings
from app.templating import page_language


def get_session(request: Request) -> Iterator[Session]:
    """One database session per request."""
    with Session(request.app.state.engine) as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


LangQuery = Annotated[
    Literal["ko", "en"] | None,
    Query(description="Language of the response: ko or en (else Accept-Language, else ko)"),
]


def api_lang(request: Request, lang: LangQuery = None) -> str:
    """An API response's language: ?lang=, else Accept-Language, else Korean."""
    return lang or from_accept_language(request.headers.get("accept-language")) or DEFAULT_LANGUAGE


def page_lang(request: Request, lang: LangQuery = None) -> str:
    """A page's language: ?lang= (checked), else the cookie, else Accept-Language, else Korean."""
    return page_language(request)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ApiLangDep = Annotated[str, Depends(api_lang)]
PageLangDep = Annotated[str, Depends(page_lang)]
