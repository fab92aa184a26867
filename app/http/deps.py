"""Dependencies the routers share: the database session, the settings and the language."""

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from sqlalchemy import event
from sqlmodel import Session

from app import db_errors
from app.http.cookies import LANG_COOKIE
from app.i18n.languages import DEFAULT_LANGUAGE, LANGUAGES, from_accept_language, negotiate
from app.settings import Settings


class SnapshotSession(Session):
    """A session whose queries all read one snapshot of the database, for requests that only read."""


@event.listens_for(SnapshotSession, "after_begin")
def _one_snapshot(session, transaction, connection) -> None:
    # A page is built from several queries. PostgreSQL's READ COMMITTED, and SQLite's driver (which opens a
    # transaction only before a write), give each query its own snapshot, so a save committed between two of them
    # showed half of it: an old body with new notes, or notes whose texts were already gone (a 500).
    dialect = connection.dialect.name
    if dialect == "postgresql":
        connection.connection.driver_connection.rollback()  # the pool's pre-ping may have begun a transaction
        connection.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
    elif dialect == "sqlite":
        connection.exec_driver_sql("BEGIN")


def get_session(request: Request) -> Iterator[Session]:
    """One database session per request; a GET or HEAD (which only read) reads one snapshot throughout."""
    session_class = SnapshotSession if request.method in ("GET", "HEAD") else Session
    session = session_class(request.app.state.engine)
    try:
        yield session
    finally:
        db_errors.close(session)  # a database restarted meanwhile must not turn a sent answer into a 500


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


LangQuery = Annotated[
    Literal[LANGUAGES] | None,
    Query(description="Language of the response: ko or en (else Accept-Language, else ko)"),
]


def api_lang(request: Request, lang: LangQuery = None) -> str:
    """An API response's language: ?lang=, else Accept-Language, else Korean."""
    return lang or from_accept_language(request.headers.get("accept-language")) or DEFAULT_LANGUAGE


def path_language(path: str) -> str | None:
    """The language a page path starts with (/ko/…, /en/…), or None."""
    first = path[1:].partition("/")[0]
    return first if first in LANGUAGES else None


def preferred_language(request: Request) -> str:
    """The reader's language where the URL names none: the language switch's cookie, then Accept-Language, then
    Korean. Only redirects and the admin read it, never a public page."""
    return negotiate(None, request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))


def page_language(request: Request) -> str:
    """A page's language: the one its path starts with; elsewhere (the admin, an unknown path) a valid ?lang=,
    else the reader's."""
    code = request.path_params.get("lang") or path_language(request.url.path)
    if code is not None:
        return code
    query = request.query_params.get("lang")
    return query if query in LANGUAGES else preferred_language(request)


def page_lang(request: Request) -> str:
    """A page's language, from its path: /ko/… or /en/…."""
    return page_language(request)


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
ApiLangDep = Annotated[str, Depends(api_lang)]
PageLangDep = Annotated[str, Depends(page_lang)]
