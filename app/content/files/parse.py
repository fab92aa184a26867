"""Read a content directory into one validated ContentTree, or every error found in it."""

from pathlib import Path

from app.content.documents import ContentTree
from app.content.errors import ContentError, InvalidContent
from app.content.files.reading import Reader
from app.content.kinds import ALL, STORED
from app.content.references import content_errors

# The one file at the top of the tree that no kind owns: it describes the format to people.
README = "README.md"


def read_tree(root: Path) -> ContentTree:
    """Read and validate the whole tree; raise InvalidContent listing every error."""
    reader = Reader(root)
    tree = _read(reader)
    if reader.errors:
        raise InvalidContent(reader.errors)
    return tree


def _read(reader: Reader) -> ContentTree | None:
    if not reader.root.is_dir():
        reader.errors.append(ContentError(str(reader.root), 1, "", "is not a directory"))
        return None
    _check_layout(reader)
    parts = {kind.tree_field: kind.files.read(reader, kind) for kind in STORED}
    if any(part is None for part in parts.values()):
        return None
    tree = ContentTree(**parts)
    reader.errors.extend(_reference_errors(tree, reader))
    return tree


def _check_layout(reader: Reader) -> None:
    """Every file and folder at the top of the tree belongs to a kind (or is the README)."""
    folders = {kind.files.entry(kind): kind.files.folder for kind in ALL} | {README: False}
    for entry in sorted(reader.root.iterdir()):
        if entry.name.startswith("."):
            continue
        if folders.get(entry.name) is not entry.is_dir():
            reader.fail(entry, "unexpected file or folder")


def _reference_errors(tree: ContentTree, reader: Reader) -> list[ContentError]:
    """Every item's reference rules, checked against the keys of every kind in the tree."""
    known = {kind.name: {getattr(doc, kind.key) for doc in getattr(tree, kind.tree_field)}
             for kind in ALL if not kind.single}
    return [error for kind in STORED if kind.references for doc in getattr(tree, kind.tree_field)
            for error in content_errors(kind.references(doc, known),
                                        reader.origins[(kind.name, getattr(doc, kind.key))])]
