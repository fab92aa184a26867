"""Playing a scenario definition through the simulator: parameters from the URL, cached traces, what changed."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from app import sim
from app.explorer import kubectl
from app.explorer.per_trace import PerTrace
from app.schemas import ScenarioSummary, TracePublic
from app.sim.errors import SimulationError


@dataclass
class Play:
    """A scenario played with some parameters: the trace, or the errors of the parameters."""

    scenario: ScenarioSummary
    values: dict[str, str]
    trace: sim.Trace | None
    errors: dict[str, str]


@lru_cache(maxsize=64)
def fields(kind: str) -> dict[str, dict[str, Any]]:
    """The what-if form's fields for a kind: each parameter's kind, default and bounds (one dict per kind, kept:
    read it, never change it)."""
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


T = TypeVar("T")


# What was worked out from the traces shown last (their charts at a step, their questions), by what was asked: a
# step page after an edit finds its chart and questions here.
_derived: PerTrace[dict[tuple, Any]] = PerTrace(32, dict)
_MISSING = object()


def derived(trace: sim.Trace, key: tuple, make: Callable[[], T]) -> T:
    """make(), worked out once per trace and key (a key names everything else make() reads); read it, never change
    it."""
    values = _derived.get(trace)
    found = values.get(key, _MISSING)
    if found is not _MISSING:
        return found
    return values.setdefault(key, make())  # two requests at once may both make it: the first one made is kept


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


# What the what-if notice compares: a step's moment, its title and the counts a learner reads off the chart.
_COMPARED = ("desired", "ready", "total", "traffic_rps", "failed_rps", "docker_running", "kubernetes_ready",
             "from_ready", "to_ready")


def default_trace(scenario: ScenarioSummary, lang: str) -> sim.Trace | None:
    """The run with the scenario's own values, which a what-if run is compared with."""
    try:
        return _run(scenario.kind, _freeze(dict(scenario.params)), lang)
    except SimulationError:
        return None


def difference(trace: sim.Trace, default: sim.Trace | None) -> dict[str, Any] | None:
    """The first step where this run and the default run part, with what differs there; None if nothing to compare."""
    if default is None:
        return None
    for index, (now, was) in enumerate(zip(trace.steps, default.steps, strict=False)):
        changed = [{"name": name, "now": now.metrics.get(name), "was": was.metrics.get(name)} for name in _COMPARED
                   if now.metrics.get(name) != was.metrics.get(name)]
        if now.title != was.title or now.time_s != was.time_s or changed:
            return {"index": index, "title": now.title, "clock": now.clock, "was_title": was.title,
                    "was_clock": was.clock, "changed": changed}
    if len(trace.steps) != len(default.steps):
        index = min(len(trace.steps), len(default.steps))
        now = trace.steps[index] if index < len(trace.steps) else None
        was = default.steps[index] if index < len(default.steps) else None
        return {"index": min(index, len(trace.steps) - 1), "title": now.title if now else None,
                "clock": now.clock if now else None, "was_title": was.title if was else None,
                "was_clock": was.clock if was else None, "changed": []}
    return {"index": None}


def happenings(step: sim.Step) -> str:
    """The narration without the controllers' explanations, which the decision list beside it shows."""
    text = step.narration
    for decision in step.decisions:
        text = text.replace(decision["explanation"], " ")
    return " ".join(text.split())
