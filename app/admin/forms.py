"""Admin forms: field names are dotted document paths, so input, documents and errors line up."""

import copy
import json
import re

from pydantic import ValidationError
from starlette.datastructures import FormData

from app.content.documents import LANGS, Document
from app.content.kinds.base import Kind

CONTROL_FIELDS = {"csrf_token", "version", "action", "relogin_token", "relogin_username", "relogin_password"}
NAME = re.compile(r"^[a-z_]+(\.([a-z_]+|[0-9]{1,3}))*$")
MAX_ITEMS = 200


def blank(kind: Kind) -> dict:
    """The data of a new item's form: empty, with one item in each group that needs one."""
    return {group: [copy.deepcopy(kind.form.groups[group])] for group in kind.form.required}


def from_document(doc: Document) -> dict:
    """A stored document as form data (parameters as JSON text)."""
    data = doc.model_dump(mode="json")
    if "params" in data:
        data["params"] = json.dumps(data["params"], ensure_ascii=False, indent=2)
    return data


def _matches(parts: list[str], path: str) -> bool:
    """Whether a field name's parts are this form path ("*" standing for any one part)."""
    pattern = path.split(".")
    return len(parts) == len(pattern) and all(want in ("*", part) for want, part in zip(pattern, parts, strict=True))


def _multi_valued(kind: Kind, parts: list[str]) -> bool:
    return any(_matches(parts, path) for path in kind.form.choices)


def _put(data: dict, parts: list[str], value) -> None:
    for part in parts[:-1]:
        data = data.setdefault(part, {})
        if not isinstance(data, dict):
            return
    data[parts[-1]] = value


def _listify(value):
    """Turn dicts keyed 0, 1, 2… into lists, in index order."""
    if not isinstance(value, dict):
        return value
    items = {key: _listify(item) for key, item in value.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)][:MAX_ITEMS]
    return items


def read_form(kind: Kind, form: FormData) -> dict:
    """The posted fields of an item's form as nested data."""
    data: dict = {}
    for name in dict.fromkeys(form.keys()):
        if name in CONTROL_FIELDS or not NAME.match(name):
            continue
        values = [value for value in form.getlist(name) if isinstance(value, str)]
        parts = name.split(".")
        if parts[-1] == "per_workload":
            _put(data, parts, True)
        elif _multi_valued(kind, parts):
            _put(data, parts, [value for value in values if value])
        elif values:
            _put(data, parts, values[-1])
    return _listify(data)


def _drop_unpicked(data, parts: list[str]) -> None:
    """Remove the choice at this path ("*": in every item of a group) where nothing was picked."""
    head, rest = parts[0], parts[1:]
    if head == "*":
        items = data if isinstance(data, list) else []
    elif not isinstance(data, dict):
        return
    elif not rest:
        if not data.get(head):
            data.pop(head, None)
        return
    else:
        items = [data.get(head)]
    for item in items:
        _drop_unpicked(item, rest)


def to_document_input(kind: Kind, data: dict) -> tuple[dict, dict[str, str]]:
    """Form data as a document's input: optional choices left empty dropped, parameters parsed from JSON."""
    data = copy.deepcopy(data)
    errors: dict[str, str] = {}
    for path in kind.form.optional:
        _drop_unpicked(data, path.split("."))
    if data.get("order") == "":
        data.pop("order")
    if isinstance(data.get("params"), str):
        try:
            data["params"] = json.loads(data["params"] or "{}")
        except json.JSONDecodeError as exc:
            errors["params"] = f"json:{exc.msg} (line {exc.lineno})"
        else:
            if not isinstance(data["params"], dict):
                errors["params"] = "json:an object { … } is needed"
    return data, errors


def validate(kind: Kind, data: dict) -> tuple[Document | None, dict[str, str]]:
    """The document the form describes, or the errors by field."""
    payload, errors = to_document_input(kind, data)
    if errors:
        return None, errors
    try:
        return kind.doc.model_validate(payload), {}
    except ValidationError as exc:
        for error in exc.errors():
            path = ".".join(str(part) for part in error["loc"])
            if error["type"].startswith("prediction_"):  # predictions.0 → predictions.0.at: beside its field
                path += "." + error["type"].removeprefix("prediction_")
            parts = path.split(".")
            if len(parts) > 1 and parts[-1].isdigit() and _multi_valued(kind, parts[:-1]):
                path = ".".join(parts[:-1])  # tags.3 → tags: the error is shown beside the one field there is
            errors.setdefault(path, _code(error))
        return None, errors


def _code(error: dict) -> str:
    kind = error["type"]
    limit = (error.get("ctx") or {}).get("max_length")
    if kind in ("missing", "string_too_short"):
        return "required"
    if kind == "string_too_long":
        return f"too_long:{limit}"
    if kind == "string_pattern_mismatch":
        return "pattern"
    if kind == "too_short":
        return "at_least_one"
    if kind == "reserved_slug":
        return "reserved"
    if kind == "too_many_brackets":
        return f"too_many_brackets:{error['ctx']['limit']}"
    if kind.startswith("prediction_"):  # an unknown question type or selector, and what is known
        return f"{kind}:{(error.get('ctx') or {}).get('message', '')}"
    if kind == "int_parsing":
        return "integer"
    if kind == "value_error":  # our own validators' message, without pydantic's "Value error, " before it
        return "invalid:" + str((error.get("ctx") or {}).get("error") or error["msg"])
    return "invalid:" + error["msg"]


def apply_action(kind: Kind, data: dict, action: str) -> dict:
    """Add, remove or move an item of a group, keeping everything typed so far."""
    verb, _, rest = action.partition(":")
    group, _, index = rest.partition(":")
    if group not in kind.form.groups:
        return data
    i = int(index) if index.isdigit() else -1
    count = len(data.get(group) or [])
    data = {**data, group: _changed(list(data.get(group) or []), verb, i, kind.form.groups[group])}
    if group in kind.form.columns:  # the same change to the matching column of every item of the other group
        other, name = kind.form.columns[group]
        blank_cell = {lang: "" for lang in LANGS}
        items = []
        for item in data.get(other) or []:
            cells = list(item.get(name) or []) if isinstance(item, dict) else []
            cells += [copy.deepcopy(blank_cell) for _ in range(count - len(cells))]
            items.append({**item, name: _changed(cells, verb, i, blank_cell)} if isinstance(item, dict) else item)
        data[other] = items
    return data


def _changed(items: list, verb: str, i: int, new) -> list:
    """The list after one add, remove, up or down."""
    if verb == "add" and len(items) < MAX_ITEMS:
        items.append(copy.deepcopy(new))
    elif verb == "remove" and 0 <= i < len(items):
        items.pop(i)
    elif verb == "up" and 0 < i < len(items):
        items[i - 1], items[i] = items[i], items[i - 1]
    elif verb == "down" and 0 <= i < len(items) - 1:
        items[i], items[i + 1] = items[i + 1], items[i]
    return items


def pick(data, path: str, default=""):
    """The value at a dotted path of form data, or the default."""
    for part in path.split("."):
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return default
    return default if data is None else data
