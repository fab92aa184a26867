"""The rules between two parameters that the API states in words, since a schema cannot compare two values.

The schema says everything else, so a request it admits is accepted unless it breaks one of these; the fuzz tests
leave out exactly the requests that break one (each operation's description names its rules). Written here
independently of the app: a new rule between parameters must be added here, and to its operation's description.
"""

from collections.abc import Callable
from typing import Any

from app import sim

Values = dict[str, Any]


def _number(value: Any) -> float:
    """A query value as schemathesis sends it (a number, or its text), or an intstr's amount ("25%" → 25)."""
    return float(str(value).strip().rstrip("%"))


def _hpa(query: Values) -> bool:
    return _number(query.get("max_replicas", 10)) >= _number(query.get("min_replicas", 1))


def _rolling_update(values: Values) -> bool:
    # The API server refuses maxSurge and maxUnavailable both zero: the rollout could never take a step.
    return _number(values.get("max_surge", "25%")) > 0 or _number(values.get("max_unavailable", "25%")) > 0


# For each scenario kind: its rules over the parameters with their defaults filled in.
SIMULATION_RULES: dict[str, Callable[[Values], bool]] = {
    "docker-alone": lambda p: p["crash_at_s"] < p["host_failure_at_s"] < p["duration_s"],
    "autoscaling": lambda p: p["min_replicas"] <= p["max_replicas"]
    and p["peak_at_s"] < p["peak_until_s"] <= p["duration_s"]
    and p["pod_capacity_rps"] >= p["rps_per_pod_at_100pct"],
    "rolling-update": lambda p: _rolling_update(p) and p["from_version"] != p["to_version"]
    and p["broken_version"] not in (p["from_version"], p["to_version"]),
    "vendor-portability": lambda p: p["from_provider"] != p["to_provider"],
    "docker-vs-kubernetes": lambda p: p["crash_at_s"] < p["node_failure_at_s"],
}


def _simulation(body: Any) -> bool:
    if not isinstance(body, dict) or body.get("kind") not in sim.KINDS or not isinstance(body.get("params", {}), dict):
        return True  # not a well-formed request: the schema's own business
    rule = SIMULATION_RULES.get(body["kind"])
    return rule is None or rule({**sim.default_params(body["kind"]), **body.get("params", {})})


def keeps_the_rules(label: str, query: Values | None, body: Any) -> bool:
    """Whether a request to this operation ("GET /api/v1/calculators/hpa") keeps the rules between its parameters."""
    try:
        if label == "GET /api/v1/calculators/hpa":
            return _hpa(query or {})
        if label == "GET /api/v1/calculators/rolling-update":
            return _rolling_update(query or {})
        if label == "POST /api/v1/simulations":
            return _simulation(body)
    except (ValueError, TypeError, KeyError):
        return True  # a value of the wrong shape: the schema decides, not these rules
    return True
