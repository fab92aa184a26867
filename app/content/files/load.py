"""Write a validated ContentTree into the database in one transaction, changing only what differs."""

from dataclasses import dataclass, field

from sqlalchemy import update
from sqlmodel import Session, select

from app.content import search_index
from app.content.documents import ContentTree, Document
from app.content.kinds import STORED
from app.content.kinds.base import Kind, Links
from app.models import ContentState


@dataclass
class ImportSummary:
    """What an import changed: item keys per kind."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # Items only the database holds (an admin's new concept, say), left as they are without prune.
    kept: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def load_tree(session: Session, tree: ContentTree, prune: bool = False) -> ImportSummary:
    """Make the stored content hold the tree (and, with prune, nothing else); commit once, or not at all on error."""
    summary = ImportSummary()
    try:
        for kind in STORED:
            if kind.single:
                _sync_one(session, summary, kind, getattr(tree, kind.tree_field))
            else:
                _sync(session, summary, kind, getattr(tree, kind.tree_field), prune)
        if summary.changed:
            session.exec(update(ContentState).where(ContentState.id == 1).values(revision=ContentState.revision + 1))
            search_index.reindex(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return summary


def _sync_one(session: Session, summary: ImportSummary, kind: Kind, doc: Document) -> None:
    """Create or update the one item of a kind such as the source credit (row 1)."""
    links = Links(session)
    row = session.get(kind.model, 1)
    if row is not None and kind.dump(row, links) == doc:
        return
    if row is None:
        row = kind.model(id=1)
        session.add(row)
        summary.created.append(kind.name)
    else:
        summary.updated.append(kind.name)
    with session.no_autoflush:
        kind.write(session, row, doc, links)


def _sync(session: Session, summary: ImportSummary, kind: Kind, docs: tuple[Document, ...], prune: bool) -> None:
    """Create or update rows of one kind so that they match the documents; with prune, delete the others."""
    links = Links(session)
    key = kind.key
    existing = {getattr(row, key): row for row in session.exec(select(kind.model))}
    wanted = {getattr(doc, key) for doc in docs}
    for name, row in existing.items():
        if name not in wanted and not prune:
            summary.kept.append(f"{kind.name}:{name}")
        elif name not in wanted:
            session.delete(row)
            summary.deleted.append(f"{kind.name}:{name}")
    session.flush()
    # Deleting can cascade in the database to rows other objects hold in memory: read them afresh.
    session.expire_all()
    for doc in docs:
        name = getattr(doc, key)
        row = existing.get(name)
        if row is None:
            row = kind.model(**{key: name})
            session.add(row)
            summary.created.append(f"{kind.name}:{name}")
        elif kind.dump(row, links) == doc:
            continue
        else:
            summary.updated.append(f"{kind.name}:{name}")
            if hasattr(row, "version"):
                row.version += 1
        # A new row is complete only once written: a query made while writing must not flush it half-filled.
        with session.no_autoflush:
            kind.write(session, row, doc, links)
        session.flush()
    if kind.relink is not None:
        links = Links(session)
        for doc in docs:
            kind.relink(session, doc, links)
