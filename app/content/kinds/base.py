"""What every content kind declares, and the helpers its readers and writers share."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from app.content.documents import LANGS, Document

PAIR = {lang: "" for lang in LANGS}  # a text in both languages, as a new form item holds it


def N_(message: str) -> str:
    """Mark an English UI string for the gettext catalogs (make messages finds it); it is translated where shown."""
    return message


class Links:
    """Row ids by slug, and slugs by row id, of the items documents name (tags, concepts): read when first asked."""

    def __init__(self, session: Session):
        self._session = session
        self._ids: dict[type, dict[str, int]] = {}
        self._keys: dict[type, dict[int, str]] = {}

    def ids(self, model: type) -> dict[str, int]:
        """The row id of every stored item of this table, by its slug."""
        if model not in self._ids:
            self._ids[model] = dict(self._session.exec(select(model.slug, model.id)).all())
        return self._ids[model]

    def keys(self, model: type) -> dict[int, str]:
        """The slug of every stored item of this table, by its row id."""
        if model not in self._keys:
            self._keys[model] = {id_: slug for slug, id_ in self.ids(model).items()}
        return self._keys[model]


@dataclass(frozen=True)
class Search:
    """How search reads a kind: its items as the catalog lists them (the order is each one's position),
    and one listed item's title and plain text."""

    listed: Callable[[Session, str], list]
    text: Callable[[Session, Any, str], tuple[str, str]]


@dataclass(frozen=True, eq=False)
class Form:
    """How the admin edits a kind. Paths are dotted form field names; "*" stands for any item of a group."""

    groups: Mapping[str, dict] = field(default_factory=dict)  # each repeated group and its new, empty item
    required: tuple[str, ...] = ()  # the groups a new item starts with one item of
    choices: tuple[str, ...] = ()  # fields of several checkboxes, read as lists
    optional: tuple[str, ...] = ()  # choices where picking nothing means none
    creatable: bool = True  # whether the admin may make new items (a stack's view is one of two)
    # Groups whose items are columns of another group: {"more": ("rows", "more")} keeps each row's `more` list in
    # step with the comparison's `more` sides when one is added, removed or moved.
    columns: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of content, declared once: the importer, the exporter, editing, the admin, search and the API
    read it from here."""

    name: str  # singular: revisions, search hits and the import summary say "concept:docker"
    plural: str  # the content tree's field, its folder or file in content/, the admin's URL
    model: type  # the table of its items
    key: str | None  # the field that names an item; None for a kind of exactly one item (the source credit)
    doc: type[Document]  # one shape for the files, the database and the admin's forms
    files: Any  # its layout in content/ (app.content.files.layouts): its file or folder, read and written
    dump: Callable[[Any, Links], Document]  # a stored row as its document
    write: Callable[[Session, Any, Document, Links], None]  # a document into its row and the row's children
    # Links between items of this kind, written once all of them are stored: a concept may name one that is
    # new in the same import.
    relink: Callable[[Session, Document, Links], None] | None = None
    # The reference rules: a document's problems (app.content.references), given the keys of every kind.
    references: Callable[[Document, Mapping], list] | None = None
    # For each kind its items name: the query of the keys of its items that name the one with this row id.
    refers: Mapping[str, Callable[[int], Any]] = field(default_factory=dict)
    search: Search | None = None  # None: not searched
    form: Form | None = None  # None: not edited in the admin
    page: str | None = None  # the public page of an item, "{}" standing for its key
    api: str | None = None  # the JSON twin of that page
    label: str = ""  # what the admin's menu and the search filters call its items, in English (a gettext msgid)

    @property
    def single(self) -> bool:
        """Whether the kind has exactly one item, stored in row 1."""
        return self.key is None

    @property
    def tree_field(self) -> str:
        """Its field in a ContentTree."""
        return self.name if self.single else self.plural


def by_lang(rows, *fields: str) -> dict:
    """Turn per-language rows into {field: {"ko": ..., "en": ...}} for the named fields."""
    return {name: {row.lang: getattr(row, name) for row in rows} for name in fields}


def clear(session: Session, row, *relations: str) -> None:
    """Delete the child rows of these relationships now, so that new ones with the same keys can follow."""
    for relation in relations:
        setattr(row, relation, [])
    session.flush()
