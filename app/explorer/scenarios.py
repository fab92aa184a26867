"""Playing a scenario definition through the simulator: parameters from the URL, cached traces, chart lines."""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app import sim
from app.explorer import kubectl
from app.schemas import ScenarioSummary, TracePublic
from app.sim.errors import SimulationError

# The numbers the chart draws, first match wins for each line; each line also has its own dash pattern.
CHART_SERIES = (
    ("desired", "desired"), ("total", "total"), ("ready", "ready"), ("available", "available"),
    ("docker_running", "docker_running"), ("kubernetes_ready", "kubernetes_ready"),
    ("from_ready", "from_ready"), ("to_ready", "to_ready"),
)


@dataclass
class Play:
    """A scenario played with some parameters: the trace, or the errors of the parameters."""

    scenario: ScenarioSummary
    values: dict[str, str]
    trace: sim.Trace | None
    errors: dict[str, str]


def fields(kind: str) -> dict[str, dict[str, Any]]:
    """The what-if form's fields for a kind: each parameter's kind, default and bounds."""
    return sim.param_bounds(kind)


def play(scenario: ScenarioSummary, overrides: dict[str, str], lang: str) -> Play:
    """Run the scenario with its stored defaults, changed by the overrides; never raises on bad input."""
    known = fields(scenario.kind)
    values = {name: str(scenario.params.get(name, spec["default"])) for name, spec in known.items()}
    values.update({name: value for name, value in overrides.items() if name in known})
    params = {**scenario.params, **{name: overrides[name] for name in overrides if name in known}}
    try:
        trace = _run(scenario.kind, _freeze(params), lang)
    except SimulationError as error:
        return Play(scenario, values, None, error.by_param(lang))
    return Play(scenario, values, trace, {})


def _freeze(params: dict[str, Any]) -> tuple:
    return tuple(sorted((key, str(value) if isinstance(value, list | dict) else value) for key, value in params.items()))


@lru_cache(maxsize=256)
def _run(kind: str, frozen: tuple, lang: str) -> sim.Trace:
    # The simulator is deterministic: the same kind, parameters and language always give the same trace.
    return sim.run(kind, dict(frozen), lang=lang)


def chart(trace: sim.Trace, current: int, width: int = 640, height: int = 180) -> dict[str, Any]:
    """Polylines of the pod counts over time, scaled into an SVG box, with the current step's x."""
    steps = trace.steps
    names = [name for name, key in CHART_SERIES if any(key in step.metrics for step in steps)][:4]
    end = max(step.time_s for step in steps) or 1
    top = max([1] + [step.metrics.get(name) or 0 for step in steps for name in names])
    pad = 30

    def x(t: float) -> float:
        return round(pad + (width - 2 * pad) * t / end, 1)

    def y(v: float) -> float:
        return round(height - pad - (height - 2 * pad) * v / top, 1)

    lines = []
    for index, name in enumerate(names):
        points = []
        for step in steps:
            value = step.metrics.get(name)
            if isinstance(value, int | float):
                points.append(f"{x(step.time_s)},{y(value)}")
        lines.append({"name": name, "points": " ".join(points), "dash": ("", "6 4", "2 3", "10 3 2 3")[index]})
    return {"width": width, "height": height, "lines": lines, "top": top, "end": end,
            "current_x": x(steps[current].time_s), "pad": pad, "base_y": y(0), "top_y": y(top)}


def changes(trace: sim.Trace, index: int) -> dict[str, str]:
    """What changed for each pod since the previous step: "new", "changed", or nothing."""
    if index == 0:
        return {}
    before = _pods(trace.steps[index - 1])
    marks = {}
    for name, now in _pods(trace.steps[index]).items():
        if name not in before:
            marks[name] = "new"
        elif before[name] != now:
            marks[name] = "changed"
    return marks


def _pods(step: sim.Step) -> dict[str, tuple]:
    """Each pod's name → what a learner sees of it: its node, status, readiness and restarts."""
    return {pod["name"]: (node["name"], pod["status"], pod["ready"], pod["restarts"])
            for node in _nodes(step) for pod in node["pods"]}


def removed(trace: sim.Trace, index: int) -> list[str]:
    """The pods that were there one step before and are gone now."""
    if index == 0:
        return []
    now = _pods(trace.steps[index])
    return [name for name in _pods(trace.steps[index - 1]) if name not in now]


def _nodes(step: sim.Step) -> list[dict]:
    if step.columns:
        return [node for column in step.columns for node in column["nodes"]]
    return step.nodes


def trace_public(trace: sim.Trace, lang: str) -> TracePublic:
    """A trace as JSON; each step says its language too, so that a step read alone reads the same."""
    document = trace.to_dict()
    shell = kubectl.commands(trace)
    return TracePublic(**{**document, "steps": [{**step, "lang": lang, "kubectl": shell[i]}
                                                for i, step in enumerate(document["steps"])]})
