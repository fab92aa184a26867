"""The stack explorer's logic: the VM and the container stack, alone or side by side, with layers, pros, cons and a count."""

from dataclasses import dataclass
from urllib.parse import urlencode

from app.schemas import StackLayerPublic, StackPointPublic, StackPublic

STACK_VIEWS = ("vm", "container")
VIEWS = (*STACK_VIEWS, "both")
DEFAULT_VIEW = "vm"
DEFAULT_WORKLOADS = 3
MAX_WORKLOADS = 50
# The layers that are operating systems: the post counts them (one host OS, plus a guest OS per VM).
OS_LAYERS = frozenset({"host-os", "guest-os"})


@dataclass(frozen=True)
class Workloads:
    """How many VMs or containers to draw, and the text the learner typed for it."""

    count: int
    text: str
    error: bool = False

    @property
    def query(self) -> int | None:
        """The value to carry in links: none when it is the default or the input was not valid."""
        return None if self.error or self.count == DEFAULT_WORKLOADS else self.count


def parse_workloads(text: str | None) -> Workloads:
    """Read ?n=: a whole number from 1 to MAX_WORKLOADS; otherwise the default, flagged as an error."""
    text = (text or "").strip()
    if not text:
        return Workloads(DEFAULT_WORKLOADS, str(DEFAULT_WORKLOADS))
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_WORKLOADS:
        return Workloads(int(text), str(int(text)))
    return Workloads(DEFAULT_WORKLOADS, text, error=True)


def aligned_keys(left: list[StackLayerPublic], right: list[StackLayerPublic]) -> list[str]:
    """Layer keys of two stacks bottom to top: a key both have is one row; of two one-sided layers the lower goes first."""
    a, b = [layer.key for layer in left], [layer.key for layer in right]
    low_a, low_b = {layer.key: layer.position for layer in left}, {layer.key: layer.position for layer in right}
    keys, i, j = [], 0, 0
    while i < len(a) or j < len(b):
        if i < len(a) and a[i] in keys:  # two stacks in crossing orders: a key gets one row, the first
            i += 1
            continue
        if j < len(b) and b[j] in keys:
            j += 1
            continue
        if i < len(a) and j < len(b) and a[i] == b[j]:
            keys.append(a[i])
            i, j = i + 1, j + 1
            continue
        if j == len(b):
            take_left = True
        elif i == len(a):
            take_left = False
        elif (a[i] in b[j:]) != (b[j] in a[i:]):
            take_left = b[j] in a[i:]  # the one-sided layer goes first; the other waits for its match
        else:
            take_left = low_a[a[i]] <= low_b[b[j]]
        if take_left:
            keys.append(a[i])
            i += 1
        else:
            keys.append(b[j])
            j += 1
    return keys


@dataclass(frozen=True)
class OsCount:
    """Operating systems running in one stack for some number of workloads."""

    shared: int
    per_workload: int

    @property
    def total(self) -> int:
        return self.shared + self.per_workload


def os_count(stack: StackPublic, workloads: int) -> OsCount:
    """Count the operating systems a stack runs: its shared OS layers once, the others once per workload."""
    layers = [layer for layer in stack.layers if layer.key in OS_LAYERS]
    return OsCount(shared=sum(1 for layer in layers if not layer.per_workload),
                   per_workload=workloads * sum(1 for layer in layers if layer.per_workload))


@dataclass(frozen=True)
class Cell:
    """One row of a drawn stack: its layer, or the other stack's layer when this one has none."""

    key: str
    layer: StackLayerPublic | None
    other: StackLayerPublic | None
    distinct: bool  # only one of the two stacks has it: it appears or disappears when switching
    selected: bool = False
    cause: bool = False


@dataclass(frozen=True)
class PointItem:
    """A pro or a con, the names of the layers that cause it, and how it is highlighted."""

    point: StackPointPublic
    layer_names: list[str]
    selected: bool
    linked: bool


@dataclass(frozen=True)
class Column:
    """One stack as drawn: its cells bottom to top and its pros and cons."""

    stack: StackPublic
    cells: list[Cell]
    pros: list[PointItem]
    cons: list[PointItem]

    @property
    def selected_layer(self) -> StackLayerPublic | None:
        return next((cell.layer for cell in self.cells if cell.selected), None)


def _points(stack: StackPublic, points: list[StackPointPublic], point: str | None,
            layer: str | None) -> list[PointItem]:
    names = {item.key: item.name for item in stack.layers}
    return [PointItem(point=p, layer_names=[names[key] for key in p.layers if key in names],
                      selected=p.key == point, linked=layer in p.layers) for p in points]


def _column(stack: StackPublic, other: StackPublic, keys: list[str], layer: str | None, point: str | None) -> Column:
    own = {item.key: item for item in stack.layers}
    theirs = {item.key: item for item in other.layers}
    chosen = next((p for p in (*stack.pros, *stack.cons) if p.key == point), None)
    causes = set(chosen.layers) if chosen else set()
    cells = [Cell(key=key, layer=own.get(key), other=theirs.get(key), distinct=key not in theirs or key not in own,
                  selected=key == layer and key in own, cause=key in causes and key in own) for key in keys]
    return Column(stack=stack, cells=cells, pros=_points(stack, stack.pros, point, layer),
                  cons=_points(stack, stack.cons, point, layer))


def stack_url(base: str, view: str, layer: str | None = None, point: str | None = None, n: int | None = None) -> str:
    """The shareable address of one state of the explorer, at base (the page's own path, in its language)."""
    params = [(key, value) for key, value in (("view", view), ("layer", layer), ("point", point), ("n", n))
              if value is not None]
    return base + "?" + urlencode(params)


class UnknownSelection(LookupError):
    """The address asks for a view, or a layer or a pro or con of a view, that the stacks do not have."""

    def __init__(self, kind: str, value: str, view: str | None = None):
        super().__init__(f"there is no {kind} {value!r}" + (f" in the {view} view" if view else ""))
        self.kind, self.value, self.view = kind, value, view


def choices(stacks: dict[str, StackPublic], error: UnknownSelection, base: str) -> dict:
    """What the learner can pick instead: every view, and the layers and pros and cons of the view asked for."""
    if not all(name in stacks for name in STACK_VIEWS):
        return {"views": [], "layers": [], "points": []}
    shown = _shown(stacks, error.view) if error.view else []
    layers = {item.key: item.name for stack in shown for item in stack.layers}
    points = {p.key: p.text for stack in shown for p in (*stack.pros, *stack.cons)}
    return {
        "views": [(name, stack_url(base, name)) for name in VIEWS],
        "layers": [(name, stack_url(base, error.view, layer=key)) for key, name in layers.items()],
        "points": [(text, stack_url(base, error.view, point=key)) for key, text in points.items()],
    }


def _shown(stacks: dict[str, StackPublic], view: str) -> list[StackPublic]:
    return [stacks[name] for name in (STACK_VIEWS if view == "both" else (view,))]


def _has_layer(stacks: list[StackPublic], key: str) -> bool:
    return any(key == item.key for stack in stacks for item in stack.layers)


def _has_point(stacks: list[StackPublic], key: str) -> bool:
    return any(key == p.key for stack in stacks for p in (*stack.pros, *stack.cons))


def _tabs(stacks: dict[str, StackPublic], view: str, layer: str | None, point: str | None,
          workloads: Workloads, base: str) -> list[dict]:
    """One tab per view; a tab keeps the selected layer or point where that view has it too."""
    tabs = []
    for name in VIEWS:
        shown = _shown(stacks, name)
        keep_layer = layer if layer and _has_layer(shown, layer) else None
        keep_point = point if point and _has_point(shown, point) else None
        tabs.append({"view": name, "selected": name == view,
                     "url": stack_url(base, name, keep_layer, keep_point, workloads.query)})
    return tabs


def explore(stacks: dict[str, StackPublic], view: str, layer: str | None, point: str | None,
            workloads: Workloads, base: str) -> dict:
    """Everything the explorer draws for one state; UnknownSelection names an unknown view, layer or point."""
    if view not in VIEWS or not all(name in stacks for name in STACK_VIEWS):
        raise UnknownSelection("view", view)
    shown = _shown(stacks, view)
    if layer is not None and not _has_layer(shown, layer):
        raise UnknownSelection("layer", layer, view)
    if point is not None and not _has_point(shown, point):
        raise UnknownSelection("point", point, view)
    vm, container = stacks["vm"], stacks["container"]
    if view == "both":
        keys = aligned_keys(vm.layers, container.layers)
        columns = [_column(vm, container, keys, layer, point), _column(container, vm, keys, layer, point)]
    else:
        own, other = (vm, container) if view == "vm" else (container, vm)
        columns = [_column(own, other, [item.key for item in own.layers], layer, point)]
    return {
        "view": view, "columns": columns, "tabs": _tabs(stacks, view, layer, point, workloads, base),
        "layer": layer, "point": point, "workloads": workloads, "max_workloads": MAX_WORKLOADS,
        "counts": {name: os_count(stacks[name], workloads.count) for name in STACK_VIEWS},
        "url": lambda layer=None, point=None: stack_url(base, view, layer, point, workloads.query),
    }
