"""Errors found in the content tree, each naming its file, line and field."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError:
    """One problem in one file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InvalidContent(Exception):
    """The content tree has errors; nothing was written."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors, key=lambda e: (e.path, e.line, e.field))
        super().__init__("\n".join(str(error) for error in self.errors))
