"""YAML read with the line of every key, so errors can point at the line to fix."""

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from app.content.errors import ContentError
from app.i18n.languages import LANGUAGES

if TYPE_CHECKING:
    import yaml

Path = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed YAML data, with the line where each key and list item starts."""

    data: Any
    path: str
    lines: dict[Path, int] = field(default_factory=dict)
    offset: int = 0

    def line_of(self, location: Path) -> int:
        """The line of the deepest part of this location that the file has."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location] + self.offset
            location = location[:-1]
        return 1 + self.offset

    def error(self, location: Path, message: str) -> ContentError:
        """An error at this location, with its file, line and dotted field name."""
        name = ".".join(str(part) for part in location)
        return ContentError(self.path, self.line_of(location), name, message)


def load(text: str, path: str, offset: int = 0) -> tuple[Located | None, list[ContentError]]:
    """Parse YAML text; on a syntax error or a duplicated key, return the errors instead."""
    # Imported on first use: YAML is read and written when content is imported or exported, never to serve a
    # page, and PyYAML is a large part of a served worker's start-up otherwise.
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        return None, [ContentError(path, line, "", f"not valid YAML: {exc.problem or exc}")]
    located = Located(data, path, offset=offset)
    errors: list[ContentError] = []
    if node is not None:
        _walk(node, (), located, errors)
    return located, errors


def _walk(node: "yaml.Node", location: Path, located: Located, errors: list[ContentError]) -> None:
    import yaml  # loaded by load() already

    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            here = (*location, key)
            if key in seen:
                line = key_node.start_mark.line + 1 + located.offset
                name = ".".join(str(part) for part in here)
                errors.append(ContentError(located.path, line, name, "this key appears twice"))
                continue
            seen.add(key)
            located.lines[here] = key_node.start_mark.line + 1
            _walk(value_node, here, located, errors)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = (*location, index)
            located.lines[here] = item.start_mark.line + 1
            _walk(item, here, located, errors)


FLOW_MAX = 100  # a ko/en pair shorter than this fits on one line as {ko: …, en: …}


def dump(data: Any) -> str:
    """Write data as readable YAML: keys in order, Unicode as it is, short ko/en pairs on one line,
    multi-line texts as literal blocks, long lines never folded (so diffs stay line by line)."""
    import yaml  # on first use, as in load()

    return yaml.dump(_mark_pairs(data), Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100_000)


class _Pair(dict):
    """A short {ko, en} mapping, written in flow style."""


def _mark_pairs(data: Any) -> Any:
    if isinstance(data, dict):
        short = all(isinstance(v, str) and "\n" not in v for v in data.values())
        if tuple(data) == LANGUAGES and short and sum(len(v) for v in data.values()) < FLOW_MAX:
            return _Pair(data)
        return {key: _mark_pairs(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_mark_pairs(item) for item in data]
    return data


@cache
def _dumper() -> type:
    """The dumper dump() uses, made on first use (it subclasses PyYAML's, which load() and dump() import late)."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False):
            # Indent list items under their key, as people write YAML by hand.
            return super().increase_indent(flow, False)

    def represent_pair(dumper: yaml.SafeDumper, value: _Pair) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(_Pair, represent_pair)
    Dumper.add_representer(str, represent_str)
    return Dumper
