"""Where a kind of content lives in content/, and how its files are read and written: the layouts kinds choose."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from app.content.documents import Document
from app.content.errors import ContentError
from app.content.files import yamlfile
from app.content.files.reading import Reader

YAML_FILE = re.compile(r"^(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.yml$")


class Layout:
    """A kind's place in content/: its entry there, reading its items (validated, in order) and writing them."""

    folder = False  # whether the entry is a folder

    def entry(self, kind) -> str:
        """The name of its file or folder at the top of the tree."""
        raise NotImplementedError

    def read(self, reader: Reader, kind) -> Any:
        """The kind's part of the tree: its items in order (or its one item); errors go to the reader."""
        raise NotImplementedError

    def write(self, kind, part) -> Iterator[tuple[str, str]]:
        """Each file of the kind's part of a tree, as (path under the tree, text)."""
        raise NotImplementedError


def in_order(items: list, kind) -> tuple:
    """Items as the tree holds them: by their order, then by key."""
    return tuple(sorted(items, key=lambda item: (item.order, getattr(item, kind.key))))


@dataclass(frozen=True)
class OneFile(Layout):
    """The one item of a kind in a YAML file named after the kind (source.yml); the file must be there."""

    missing: str  # what the file holds, said when it is missing

    def entry(self, kind) -> str:
        return f"{kind.name}.yml"

    def read(self, reader: Reader, kind) -> Document | None:
        path = reader.root / self.entry(kind)
        if not path.is_file():
            reader.fail(path, f"is missing: {self.missing}")
            return None
        located = reader.mapping(path)
        return reader.validate(kind.doc, located.data, located) if located else None

    def write(self, kind, part: Document) -> Iterator[tuple[str, str]]:
        yield self.entry(kind), yamlfile.dump(part.model_dump())


class ListFile(Layout):
    """Every item of a kind in one YAML list named after the kind (tags.yml); without the file, there are none."""

    def entry(self, kind) -> str:
        return f"{kind.plural}.yml"

    def read(self, reader: Reader, kind) -> tuple:
        path = reader.root / self.entry(kind)
        if not path.is_file():
            return ()
        text = reader.text(path)
        located = reader.yaml(path, text) if text is not None else None
        if located is None:
            return ()
        if not isinstance(located.data, list):
            reader.errors.append(ContentError(located.path, 1, "", f"must be a list of {kind.plural}"))
            return ()
        items = []
        for index, data in enumerate(located.data):
            item = reader.validate(kind.doc, data, located, (index,))
            if item is None:
                continue
            key = getattr(item, kind.key)
            if (kind.name, key) in reader.origins:
                reader.errors.append(located.error((index, kind.key), f"{kind.name} {key!r} is listed twice"))
                continue
            reader.origins[(kind.name, key)] = located
            items.append(item)
        return in_order(items, kind)

    def write(self, kind, part: tuple) -> Iterator[tuple[str, str]]:
        yield self.entry(kind), yamlfile.dump([item.model_dump() for item in part])


class YamlFolder(Layout):
    """One YAML file per item, named by its key, in a folder named after the kind (stacks/vm.yml)."""

    folder = True

    def entry(self, kind) -> str:
        return kind.plural

    def read(self, reader: Reader, kind) -> tuple:
        items = []
        for path, match in reader.files(self.entry(kind), YAML_FILE):
            located = reader.mapping(path)
            if located is None:
                continue
            if kind.key in located.data:
                reader.errors.append(located.error((kind.key,), f"the {kind.key} comes from the file name"))
                continue
            item = reader.validate(kind.doc, {kind.key: match["slug"], **located.data}, located)
            if item is not None:
                reader.origins[(kind.name, match["slug"])] = located
                items.append(item)
        return in_order(items, kind)

    def write(self, kind, part: tuple) -> Iterator[tuple[str, str]]:
        for item in part:
            key = getattr(item, kind.key)
            yield f"{self.entry(kind)}/{key}.yml", yamlfile.dump(item.model_dump(mode="json", exclude={kind.key}))
