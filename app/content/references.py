"""The reference rules' common ground: a problem found in a document, and how the importer and the admin say it."""

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from app.content.errors import ContentError
from app.content.files.yamlfile import Located

UNKNOWN, TWICE = "unknown", "twice"


@dataclass(frozen=True)
class Problem:
    """A broken rule: the field, the position in it when the field is a list of names, and the importer's message."""

    field: tuple[str | int, ...]
    index: int | None
    code: str  # UNKNOWN, TWICE, or another rule's own name: the admin shows the message for those
    name: str  # the name or key at fault
    message: str

    @property
    def location(self) -> tuple[str | int, ...]:
        """Where in the file: the field, and the name's position in it."""
        return self.field if self.index is None else (*self.field, self.index)


def unknown(field: tuple, names: Iterable[str], known: Collection[str], message: str) -> list[Problem]:
    """A problem for each name of a list field that is not known; message has {name}."""
    return [Problem(field, index, UNKNOWN, name, message.format(name=name))
            for index, name in enumerate(names) if name not in known]


def unknown_one(field: tuple, name: str | None, known: Collection[str], message: str) -> list[Problem]:
    """A problem when a field that may name one item names an unknown one; message has {name}."""
    return [] if name is None or name in known else [Problem(field, None, UNKNOWN, name, message.format(name=name))]


def twice(group: str, keys: Iterable[str], name: str) -> list[Problem]:
    """A problem for each item of a group whose key (its field `name`) an earlier item has."""
    seen: set[str] = set()
    problems = []
    for index, key in enumerate(keys):
        if key in seen:
            problems.append(used_twice((group, index, name), key))
        seen.add(key)
    return problems


def used_twice(field: tuple, key: str) -> Problem:
    """The problem of a key that an earlier item already has."""
    return Problem(field, None, TWICE, key, f"{field[-1]} {key!r} is used twice")


def content_errors(problems: Iterable[Problem], origin: Located) -> list[ContentError]:
    """The problems as the importer reports them: file, line, field and message."""
    return [origin.error(problem.location, problem.message) for problem in problems]


def form_errors(problems: Iterable[Problem]) -> dict[str, str]:
    """The problems as the admin's form shows them, one beside each field: the unknown names of a field together,
    else the first problem (the form turns UNKNOWN and TWICE into words; other messages are shown as they are)."""
    errors: dict[str, str] = {}
    for problem in problems:
        path = ".".join(str(part) for part in problem.field)
        if problem.code == UNKNOWN and errors.get(path, "").startswith(f"{UNKNOWN}:"):
            errors[path] += ", " + problem.name
        elif problem.code in (UNKNOWN, TWICE):
            errors.setdefault(path, f"{problem.code}:{problem.name}")
        else:
            errors.setdefault(path, f"invalid:{problem.message}")
    return errors
