"""Write a ContentTree as files, in the form the importer reads, so import → export gives the same tree."""

from pathlib import Path

from app.content.documents import ContentTree
from app.content.kinds import STORED


def write_tree(tree: ContentTree, root: Path) -> list[Path]:
    """Write every item of the tree under root, each kind in its layout; return the files written."""
    written: list[Path] = []
    for kind in STORED:
        for relative, text in kind.files.write(kind, getattr(tree, kind.tree_field)):
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
