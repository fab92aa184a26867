"""Read the content stored in the database back into documents (for export and change detection)."""

from sqlmodel import Session, select

from app.content.documents import ContentTree
from app.content.kinds import STORED
from app.content.kinds.base import Links


def dump_tree(session: Session) -> ContentTree | None:
    """The whole stored content as a ContentTree, or None when nothing has been imported."""
    links = Links(session)
    parts = {}
    for kind in STORED:
        if kind.single:
            row = session.get(kind.model, 1)
            if row is None:
                return None
            parts[kind.tree_field] = kind.dump(row, links)
        else:
            rows = session.exec(select(kind.model).order_by(kind.model.position, getattr(kind.model, kind.key)))
            parts[kind.tree_field] = tuple(kind.dump(row, links) for row in rows.all())
    return ContentTree(**parts)
