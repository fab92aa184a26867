"""The simulator's modules import one another without a cycle, even type-only imports, and nothing else of the app."""

import ast
from pathlib import Path

SIM = Path(__file__).resolve().parents[2] / "app" / "sim"


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name; a package is named by its __init__.py."""
    out = {}
    for path in sorted(SIM.rglob("*.py")):
        parts = path.relative_to(SIM.parent.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """What the module imports, wherever the import statement is (TYPE_CHECKING blocks and functions too).

    `from a import b` imports the module a.b when there is one, and a otherwise."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return found - {name}


def _graph() -> dict[str, set[str]]:
    """Module → the modules of the simulator it imports."""
    modules = _modules()
    return {name: _imports(name, path, modules) & modules.keys() for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of imports as a list of modules (the first repeated at the end), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        path.append(module)
        for target in sorted(graph[module]):
            if target in path:
                return path[path.index(target):] + [target]
            if target not in done and (found := visit(target)):
                return found
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done and (found := visit(module)):
            return found
    return None


def test_the_graph_sees_every_import():
    graph = _graph()
    assert {"app.sim.controllers", "app.sim.kubelet"} <= graph["app.sim.cluster"]
    assert {"app.sim.sources", "app.sim.scheduler"} <= graph["app.sim.controllers"]
    assert "app.sim" not in graph["app.sim.controllers"]  # `from app.sim import sources` is app.sim.sources
    assert {"app.sim.scenarios.autoscaling", "app.sim.sources"} <= graph["app.sim.scenarios"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_the_simulator_has_no_import_cycle():
    cycle = _cycle(_graph())
    assert cycle is None, " → ".join(cycle or [])


def test_the_simulator_imports_nothing_else_of_the_app():
    modules = _modules()
    outside = sorted(f"{name} imports {target}" for name, path in modules.items()
                     for target in _imports(name, path, modules)
                     if target.split(".")[0] == "app" and target != "app.sim" and not target.startswith("app.sim."))
    assert outside == []


def test_the_simulator_writes_the_languages_the_app_offers():
    from app.i18n.languages import LANGUAGES
    from app.sim.text import LANGS

    assert LANGS == LANGUAGES
