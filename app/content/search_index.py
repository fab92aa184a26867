"""The search index's upkeep: every item as plain text in each language, rebuilt whole or one item at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, insert, select, text, update
from sqlmodel import Session

from app.content.search import LANGS, dialect, doc, search_document
from app.models import ContentState, SourceCredit

if TYPE_CHECKING:
    from app.content.kinds.base import Kind


@dataclass(frozen=True)
class Document:
    """One item in one language, as the index holds it: plain text, no markup."""

    kind: str
    key: str
    lang: str
    position: int
    title: str
    body: str


def _listed(session: Session, kind: Kind, lang: str) -> list[tuple[str, object]]:
    """The items of one kind in one language, in list order, each with its key."""
    return [(getattr(item, kind.key), item) for item in kind.search.listed(session, lang)]


def _document(session: Session, kind: Kind, key: str, item, lang: str, position: int) -> Document:
    """A listed item as the index holds it."""
    title, body = kind.search.text(session, item, lang)
    return Document(kind.name, key, lang, position, title, body)


def documents(session: Session, lang: str) -> list[Document]:
    """Every searchable item in one language, read through the same catalog as the pages."""
    # The kinds are loaded here, when the index is built: a worker that finds it built (ensure_index) needs none.
    from app.content.kinds import SEARCHED

    return [_document(session, kind, key, item, lang, position)
            for kind in SEARCHED for position, (key, item) in enumerate(_listed(session, kind, lang))]


def reindex(session: Session) -> int:
    """Rebuild the index from the stored content, inside the caller's transaction (the caller commits)."""
    session.flush()
    session.expire_all()
    rows = [doc.__dict__ for lang in LANGS for doc in documents(session, lang)]
    session.execute(delete(search_document))
    if rows:
        session.execute(insert(search_document), rows)
    if dialect(session) == "sqlite":
        # An external-content FTS5 table is rebuilt from its content table in one statement.
        session.execute(text("INSERT INTO searchindex(searchindex) VALUES ('rebuild')"))
    return len(rows)


def reindex_item(session: Session, kind: Kind, key: str) -> int:
    """Bring the index up to date after one item was saved or deleted, inside the caller's transaction.

    Only that item's documents are rebuilt (a full rebuild reads every item: hundreds of queries per save);
    the positions of the other items of its kind follow, since a new item or a new position moves them.
    Kinds that are not searched (tags) change nothing."""
    if kind.search is None:
        return 0
    session.flush()
    session.expire_all()
    sqlite = dialect(session) == "sqlite"
    old = session.execute(select(doc.id, doc.title, doc.body).where(doc.kind == kind.name, doc.key == key)).all()
    if sqlite:
        # An external-content FTS5 table forgets a row only when told its old values.
        # https://sqlite.org/fts5.html#external_content_tables
        for row in old:
            session.execute(text("INSERT INTO searchindex(searchindex, rowid, title, body) "
                                 "VALUES ('delete', :id, :title, :body)"),
                            {"id": row.id, "title": row.title, "body": row.body})
    session.execute(delete(search_document).where(doc.kind == kind.name, doc.key == key))
    written = 0
    for lang in LANGS:
        listed = _listed(session, kind, lang)
        positions = {item_key: position for position, (item_key, _) in enumerate(listed)}
        if key in positions:
            item = listed[positions[key]][1]
            document = _document(session, kind, key, item, lang, positions[key])
            row_id = session.execute(insert(search_document).values(**document.__dict__)
                                     .returning(doc.id)).scalar_one()
            if sqlite:
                session.execute(text("INSERT INTO searchindex(rowid, title, body) VALUES (:id, :title, :body)"),
                                {"id": row_id, "title": document.title, "body": document.body})
            written += 1
        stored = session.execute(select(doc.id, doc.key, doc.position)
                                 .where(doc.kind == kind.name, doc.lang == lang)).all()
        for row in stored:
            if row.key in positions and positions[row.key] != row.position:
                session.execute(update(search_document).where(doc.id == row.id)
                                .values(position=positions[row.key]))
    return written


def ensure_index(session: Session) -> bool:
    """Build the index if content exists but the index is empty (a database that predates search); commit."""
    if session.get(SourceCredit, 1) is None:
        return False
    # Take the content lock first, so that replicas starting together build the index once.
    session.execute(update(ContentState).where(ContentState.id == 1).values(revision=ContentState.revision))
    if session.execute(select(func.count()).select_from(search_document)).scalar_one():
        session.rollback()
        return False
    reindex(session)
    session.commit()
    return True
