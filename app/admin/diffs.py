"""Readable differences between two versions of an item, field by field and line by line."""

import difflib
from dataclasses import dataclass

from app.content.editing import flatten


@dataclass(frozen=True)
class FieldDiff:
    """One changed field: its dotted path and its lines, each marked same, del or ins."""

    path: str
    lines: list[tuple[str, str]]


def diff(before: dict | None, after: dict | None) -> list[FieldDiff]:
    """The fields that differ between two document dumps, with a line diff of each."""
    old, new = flatten(before or {}), flatten(after or {})
    changes = []
    for path in dict.fromkeys([*old, *new]):
        if old.get(path) == new.get(path):
            continue
        lines = []
        for line in difflib.ndiff((old.get(path) or "").splitlines(), (new.get(path) or "").splitlines()):
            marker, text = line[:2], line[2:]
            if marker != "? ":
                lines.append(({"- ": "del", "+ ": "ins"}.get(marker, "same"), text))
        changes.append(FieldDiff(path, lines))
    return changes
