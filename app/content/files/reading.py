"""Reading the files of one content tree: their text and YAML, validated, with every error kept for the report."""

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from app.content.documents import LANGS
from app.content.errors import ContentError
from app.content.files import yamlfile
from app.content.files.yamlfile import Located

# The largest file of ours has 7 KiB; a text may hold at most 12,000 characters (documents.MAX_TEXT).
MAX_FILE_BYTES = 256 * 1024


class Reader:
    """Reads the files under root, collecting every error and the file each item came from (its origin)."""

    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []
        self.origins: dict[tuple[str, str], Located] = {}

    def rel(self, path: Path) -> str:
        """The path as errors name it: from the folder that holds the tree."""
        return str(path.relative_to(self.root.parent)) if path.is_relative_to(self.root.parent) else str(path)

    def fail(self, path: Path, message: str) -> None:
        """An error about a whole file."""
        self.errors.append(ContentError(self.rel(path), 1, "", message))

    def text(self, path: Path) -> str | None:
        """The file's text, or None when it is a link, too large, not UTF-8 or holds a NUL."""
        # A link could bring in any file the importing user may read (and export would write through it).
        if path.is_symlink() or not path.resolve().is_relative_to(self.root.resolve()):
            self.fail(path, "is a symbolic link or lies outside the content tree")
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            self.fail(path, f"is larger than {MAX_FILE_BYTES // 1024} KiB")
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.fail(path, f"is not UTF-8 text ({exc.reason})")
            return None
        if "\x00" in text:
            self.fail(path, "contains a NUL character")
            return None
        return text

    def yaml(self, path: Path, text: str, offset: int = 0) -> Located | None:
        """Text of this file (from line offset + 1) as YAML, or None when it is not valid YAML."""
        located, errors = yamlfile.load(text, self.rel(path), offset)
        self.errors.extend(errors)
        return None if errors else located

    def validate(self, model: type[BaseModel], data: Any, located: Located, base: tuple = ()):
        """The data as this model, or None; each error names the line of its field (under base)."""
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                location = (*base, *error["loc"])
                self.errors.append(located.error(location, _message(error)))
            return None

    def mapping(self, path: Path) -> Located | None:
        """A YAML file that must hold a mapping of keys to values, or None."""
        text = self.text(path)
        located = self.yaml(path, text) if text is not None else None
        if located is not None and not isinstance(located.data, dict):
            self.errors.append(ContentError(located.path, 1, "", "must be a mapping of keys to values"))
            return None
        return located

    def files(self, folder: str, pattern: re.Pattern) -> list[tuple[Path, re.Match]]:
        """The files of a folder whose names match the pattern; any other name is an error."""
        directory = self.root / folder
        if not directory.is_dir():
            return []
        found = []
        for path in sorted(directory.iterdir()):
            match = pattern.match(path.name)
            if match and path.is_file():
                found.append((path, match))
            elif not path.name.startswith("."):
                self.fail(path, f"unexpected name in {folder}/")
        return found


def _message(error: dict) -> str:
    location = error["loc"]
    if error["type"] == "missing" and location and location[-1] in LANGS:
        return f"missing translation ({location[-1]})"
    if error["type"] == "missing":
        return "is required"
    if error["type"] == "extra_forbidden":
        return "unknown field"
    return error["msg"]
