"""The controller calculators: their inputs, defaults and bounds, shared by the pages and the JSON API."""

from dataclasses import dataclass
from typing import Any

from app.sim import calculators as sim
from app.sim.errors import SimulationError


@dataclass(frozen=True)
class Field:
    """One input of a calculator, as a form field and a query parameter."""

    name: str
    kind: str  # "int", "number", "text" or "choice"
    default: Any
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Calculator:
    name: str
    fields: tuple[Field, ...]
    compute: Any

    def defaults(self) -> dict[str, str]:
        return {field.name: str(field.default) for field in self.fields}


CALCULATORS = {
    calc.name: calc
    for calc in (
        Calculator("hpa", (
            Field("current_replicas", "int", 4, 1, 1000),
            Field("current_metric", "number", 90, 0, 1_000_000),
            Field("target_metric", "number", 50, 0.001, 1_000_000),
            Field("min_replicas", "int", 1, 1, 1000),
            Field("max_replicas", "int", 10, 1, 1000),
            Field("behavior", "choice", "none", choices=("none", "default")),
        ), sim.hpa),
        Calculator("rolling-update", (
            Field("replicas", "int", 4, 1, 1000),
            Field("max_surge", "text", "25%"),
            Field("max_unavailable", "text", "25%"),
        ), sim.rolling_update),
        Calculator("backoff", (
            Field("runtime", "choice", "kubernetes", choices=("kubernetes", "docker")),
            Field("restarts", "int", 6, 1, 50),
        ), sim.backoff),
        Calculator("node-eviction", (
            Field("toleration_seconds", "int", 300, 0, 86_400),
        ), sim.node_eviction),
    )
}


@dataclass
class Outcome:
    """What a calculation gave: the inputs as the learner typed them, and a result or the errors per field."""

    calculator: Calculator
    values: dict[str, str]
    result: dict[str, Any] | None
    errors: dict[str, str]


def calculate(name: str, raw: dict[str, str | None], lang: str) -> Outcome:
    """Run a calculator on raw inputs (missing ones take their defaults); raise KeyError for an unknown name."""
    calculator = CALCULATORS[name]
    values = {f.name: raw.get(f.name) if raw.get(f.name) not in (None, "") else str(f.default)
              for f in calculator.fields}
    try:
        result = calculator.compute(**values, lang=lang)
    except SimulationError as error:
        return Outcome(calculator, values, None, error.by_param(lang))
    return Outcome(calculator, values, result, {})
