"""A scenario's text names its parameters as {{name}}; each is filled with the value the run uses."""

import re
from html import escape
from typing import Any

from app import sim
from app.sim.errors import SimulationError
from app.sim.intstr import parse
from app.sim.rollout import max_unavailable, resolve_fenceposts

_PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")


def values_for(kind: str, stored: dict[str, Any], overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The values a scenario runs with: the kind's defaults, the scenario's own, then those in force."""
    try:
        defaults = sim.default_params(kind)
    except SimulationError:
        defaults = {}
    values = {**defaults, **stored, **(overrides or {})}
    return {**values, **_derived(kind, values)}


def _derived(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Figures a text may quote that the parameters decide: a rolling update's pod counts from maxSurge and
    maxUnavailable, rounded as the Deployment controller rounds them (surge up, unavailable down)."""
    if kind != "rolling-update":
        return {}
    try:
        replicas = int(values["replicas"])
        surge_value, unavailable_value = parse(values["max_surge"], "max_surge"), parse(
            values["max_unavailable"], "max_unavailable")
        surge, _ = resolve_fenceposts(surge_value, unavailable_value, replicas)
        unavailable = max_unavailable(surge_value, unavailable_value, replicas)
    except (KeyError, TypeError, ValueError, SimulationError):
        return {}
    return {"surge_pods": surge, "unavailable_pods": unavailable, "most_pods": replicas + surge,
            "least_available": replicas - unavailable}


def fill(text: str, values: dict[str, Any], html: bool = False) -> str:
    """Put each known parameter's value in place of {{name}}; unknown names stay as written."""
    if "{{" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            return match.group(0)
        shown = _shown(values[name])
        return escape(shown) if html else shown

    return _PLACEHOLDER.sub(value, text)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
