"""Every write of content by an admin: validation, version checks, revisions and the content revision."""

import contextlib
import hashlib
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text, update
from sqlmodel import Session, select

from app import db, db_errors
from app.content import markdown, references, search_index
from app.content.documents import Document, markdown_texts
from app.content.kinds import ALL, KINDS
from app.content.kinds.base import Kind, Links
from app.models import AdminUser, ContentState, Revision


class EditError(Exception):
    """A write that was refused; nothing was written."""


class NotFound(EditError):
    """The item does not exist (any more)."""


@dataclass
class Invalid(EditError):
    """The input breaks a rule; errors maps each field (dotted path) to what is wrong."""

    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class Conflict(EditError):
    """Someone saved the item after the editor loaded it: their document and its version."""

    current: Document | None
    version: str


@dataclass
class NotStored(EditError):
    """The database is busy, full or unreachable (db_errors.BUSY, FULL, UNAVAILABLE); nothing was written."""

    kind: str


def _undo(session: Session, exc: BaseException) -> NotStored | None:
    """Roll back a failed write; a database that is busy, full or unreachable becomes NotStored."""
    with contextlib.suppress(Exception):  # the connection may have gone with the database: nothing to undo
        session.rollback()
    kind = db_errors.classify(exc)
    return NotStored(kind) if kind else None


@dataclass
class InUse(EditError):
    """Other items still refer to this one, so deleting it would change them too."""

    users: list[str]


def find(session: Session, kind: Kind, key: str):
    """The stored row of this item, or None."""
    return session.exec(select(kind.model).where(getattr(kind.model, kind.key) == key)).first()


def document(session: Session, kind: Kind, row) -> Document:
    """The stored item as its document."""
    return kind.dump(row, Links(session))


def version_of(row, doc: Document) -> str:
    """The token a form carries to detect a newer save: the version column, or a hash for tags."""
    if hasattr(row, "version"):
        return str(row.version)
    return hashlib.sha256(doc.model_dump_json().encode()).hexdigest()[:16]


def load(session: Session, kind: Kind, key: str) -> tuple[Document, str] | None:
    """The item's document and version, or None."""
    row = find(session, kind, key)
    if row is None:
        return None
    doc = document(session, kind, row)
    return doc, version_of(row, doc)


def flatten(value: Any, prefix: str = "") -> dict[str, str]:
    """A document as {dotted path: text}, to tell which fields changed and to show a diff."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list | tuple) and any(isinstance(v, dict) for v in value):
        items = enumerate(value)
    else:
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        return {prefix: "" if value is None else str(value)}
    flat: dict[str, str] = {}
    for name, item in items:
        flat.update(flatten(item, f"{prefix}.{name}" if prefix else str(name)))
    return flat


def changed_fields(before: Document | None, after: Document | None) -> list[str]:
    """The dotted paths whose text differs between two versions of an item."""
    old = flatten(before.model_dump(mode="json")) if before else {}
    new = flatten(after.model_dump(mode="json")) if after else {}
    return [path for path in dict.fromkeys([*new, *old]) if old.get(path) != new.get(path)]


class _Stored(dict):
    """The stored keys of each kind, by its name, read when a reference rule first asks for them."""

    def __init__(self, session: Session):
        super().__init__()
        self._session = session

    def __missing__(self, name: str) -> set[str]:
        kind = KINDS[name]
        self[name] = keys = set(self._session.exec(select(getattr(kind.model, kind.key))))
        return keys


def check_references(session: Session, kind: Kind, doc: Document) -> dict[str, str]:
    """The reference rules the importer applies, against the stored items: each broken one beside its field."""
    return references.form_errors(kind.references(doc, _Stored(session))) if kind.references else {}


def referenced_by(session: Session, kind: Kind, row) -> list[str]:
    """The other items that name this one, as kind:key."""
    return [f"{other.name}:{key}" for other in ALL if kind.name in other.refers
            for key in session.exec(other.refers[kind.name](row.id))]


# How long a save waits for another writer on PostgreSQL, like SQLite's busy timeout (app/db.py); then it is
# refused as busy (db_errors) with the form kept, instead of hanging until the client gives up.
PG_LOCK_TIMEOUT = "5s"


def _take_write_lock(session: Session) -> None:
    """Bump the content revision first: on SQLite this takes the write lock before anything is read,
    so a concurrent save waits (busy timeout) instead of failing, and the bump is in the same transaction."""
    db.check_same_file(session.get_bind())  # a save into a deleted file would be acknowledged, then lost
    if session.get_bind().dialect.name == "postgresql":
        session.exec(text(f"SET LOCAL lock_timeout = '{PG_LOCK_TIMEOUT}'"))
    result = session.exec(update(ContentState).where(ContentState.id == 1)
                          .values(revision=ContentState.revision + 1))
    if result.rowcount == 0:
        session.add(ContentState(id=1, revision=1))
        session.flush()


def _write(session: Session, kind: Kind, row, doc: Document) -> None:
    kind.write(session, row, doc, Links(session))
    if kind.relink is not None:
        session.flush()
        kind.relink(session, doc, Links(session))


def _record(session: Session, kind: Kind, key: str, action: str, user: AdminUser, version: int,
            changed: list[str], snapshot: Document) -> Revision:
    revision = Revision(kind=kind.name, key=key, action=action, version=version, user_id=user.id,
                        username=user.username, changed=changed, snapshot=snapshot.model_dump(mode="json"))
    session.add(revision)
    return revision


def save(session: Session, kind: Kind, key: str | None, doc: Document, base: str | None, user: AdminUser,
         action: str | None = None) -> Revision | None:
    """Create (key None) or update an item from a valid document, in one transaction with its revision.

    Refuses with Conflict when the stored version is not `base`; returns None when nothing changed. The
    document's Markdown is rendered first, before the write lock, so that a slow text delays only its own save;
    one that takes longer than markdown.RENDER_SECONDS is refused beside its field."""
    try:
        done = markdown.render_ahead(markdown_texts(doc))
    except markdown.TooSlow as exc:
        raise Invalid({exc.path: f"render_too_slow:{exc.seconds:g}"}) from None
    try:
        with markdown.rendered(done):
            return _save(session, kind, key, doc, base, user, action)
    except BaseException as exc:
        unstored = _undo(session, exc)
        if unstored is None:
            raise
        raise unstored from exc


def _save(session: Session, kind: Kind, key: str | None, doc: Document, base: str | None, user: AdminUser,
          action: str | None) -> Revision | None:
    _take_write_lock(session)
    row = find(session, kind, key if key is not None else getattr(doc, kind.key))
    before = document(session, kind, row) if row is not None else None
    if key is not None and row is None:
        raise NotFound(key)
    if key is None and row is not None:
        raise Invalid({kind.key: "exists"})
    if row is not None and base != version_of(row, before):
        raise Conflict(before, version_of(row, before))
    errors = check_references(session, kind, doc)
    if errors:
        raise Invalid(errors)
    if before == doc:
        session.rollback()
        return None
    if row is None:
        row = kind.model(**{kind.key: getattr(doc, kind.key)})
        session.add(row)
    elif hasattr(row, "version"):
        row.version += 1
    # A new row is complete only once written: a query made while writing must not flush it half-filled
    # (a new scenario has no kind until its writer sets one).
    with session.no_autoflush:
        _write(session, kind, row, doc)
    session.flush()
    revision = _record(session, kind, getattr(doc, kind.key), action or ("update" if before else "create"),
                       user, getattr(row, "version", 0), changed_fields(before, doc), doc)
    search_index.reindex_item(session, kind, getattr(doc, kind.key))
    session.commit()
    return revision


def delete(session: Session, kind: Kind, key: str, base: str | None, user: AdminUser) -> Revision:
    """Delete an item no other item refers to, keeping it in a revision so it can be restored."""
    try:
        _take_write_lock(session)
        row = find(session, kind, key)
        if row is None:
            raise NotFound(key)
        before = document(session, kind, row)
        if base != version_of(row, before):
            raise Conflict(before, version_of(row, before))
        users = referenced_by(session, kind, row)
        if users:
            raise InUse(users)
        session.delete(row)
        revision = _record(session, kind, key, "delete", user, getattr(row, "version", 0),
                           changed_fields(before, None), before)
        search_index.reindex_item(session, kind, key)
        session.commit()
        return revision
    except BaseException as exc:
        unstored = _undo(session, exc)
        if unstored is None:
            raise
        raise unstored from exc


def restore(session: Session, revision_id: int, user: AdminUser) -> Revision | None:
    """Make an item as it was in a revision again; this is itself a new revision."""
    revision = session.get(Revision, revision_id)
    if revision is None or revision.kind not in KINDS:
        raise NotFound(str(revision_id))
    kind = KINDS[revision.kind]
    doc = kind.doc.model_validate(revision.snapshot)
    current = load(session, kind, revision.key)
    session.rollback()
    key, base = (revision.key, current[1]) if current else (None, None)
    return save(session, kind, key, doc, base, user, action="restore")


def history(session: Session, kind: Kind, key: str) -> list[Revision]:
    """The item's revisions, newest first."""
    return list(session.exec(select(Revision).where(Revision.kind == kind.name, Revision.key == key)
                             .order_by(Revision.id.desc())))


def recent(session: Session, limit: int = 20) -> list[Revision]:
    """The latest revisions of any item, newest first."""
    return list(session.exec(select(Revision).order_by(Revision.id.desc()).limit(limit)))
