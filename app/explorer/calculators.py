"""The controller calculators: their inputs, defaults and bounds, shared by the pages and the JSON API."""

import re
from dataclasses import dataclass
from typing import Any

from app.i18n.catalogs import translations
from app.sim.errors import SimulationError
from app.sim.intstr import PERCENT_UP_TO_100


@dataclass(frozen=True)
class Field:
    """One input of a calculator, as a form field and a query parameter."""

    name: str
    kind: str  # "int", "number", "text" or "choice"
    default: Any
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    percent_max: int | None = None  # for an intstr ("text"): the largest percentage, if any


@dataclass(frozen=True)
class Calculator:
    name: str
    fields: tuple[Field, ...]
    rule: str  # the function of app.sim.calculators that computes it

    def compute(self, **values: Any) -> dict[str, Any]:
        from app.sim import calculators  # the simulator's rules, loaded with the first calculation

        return getattr(calculators, self.rule)(**values)

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
        ), "hpa"),
        Calculator("rolling-update", (
            Field("replicas", "int", 4, 1, 1000),
            Field("max_surge", "text", "25%"),
            Field("max_unavailable", "text", "25%", percent_max=100),
        ), "rolling_update"),
        Calculator("backoff", (
            Field("runtime", "choice", "kubernetes", choices=("kubernetes", "docker")),
            Field("restarts", "int", 6, 1, 50),
        ), "backoff"),
        Calculator("node-eviction", (
            Field("toleration_seconds", "int", 300, 0, 86_400),
        ), "node_eviction"),
    )
}


def N_(message: str) -> str:
    """Mark a message for the catalogs; it is translated where it is shown."""
    return message


# Each calculator's title and introduction: the page shows them (templates/calculators/_names.html) and search
# finds the calculators by them, with the same messages in the catalogs.
TEXTS = {
    "hpa": (N_("HPA calculator"), N_(
        "How many pods the HorizontalPodAutoscaler asks for from one metric: ceil(current replicas × current metric "
        "/ target), a 0.1 tolerance, and the min/max clamp; and how far the next sync may go with or without "
        "spec.behavior.")),
    "rolling-update": (N_("Rolling update calculator"), N_(
        "Resolve a Deployment's maxSurge and maxUnavailable to pod counts and watch the rollout change by change.")),
    "backoff": (N_("Restart back-off calculator"), N_(
        "How long the kubelet (CrashLoopBackOff) and the Docker daemon wait before restarting a container that "
        "keeps crashing.")),
    "node-eviction": (N_("Node failure and eviction calculator"), N_(
        "When a silent node turns NotReady and when its pods are evicted, counted from its last heartbeat.")),
}


# The glossary terms each calculator's page uses (content/terms.yml), in the order the page meets them.
GLOSSARY = {
    "hpa": ("hpa", "pod", "deployment", "hpa-tolerance", "stabilization-window"),
    "rolling-update": ("deployment", "rolling-update", "replicaset", "pod", "max-surge", "max-unavailable", "ready"),
    "backoff": ("restart-policy", "crashloopbackoff", "kubelet", "pod"),
    "node-eviction": ("node", "kubelet", "notready", "taint", "toleration", "toleration-seconds", "eviction",
                      "replicaset", "pod"),
}


@dataclass
class Outcome:
    """What a calculation gave: the inputs as the learner typed them, and a result or the errors per field."""

    calculator: Calculator
    values: dict[str, str]
    result: dict[str, Any] | None
    errors: dict[str, str]


def calculate(name: str, raw: dict[str, str | None], lang: str) -> Outcome:
    """Run a calculator on raw inputs (missing ones take their defaults); raise KeyError for an unknown name.

    Every field is checked on its own first, so that each bad one gets its error at once; rules across fields
    (max ≥ min, not both 0) are checked when every field is readable."""
    calculator = CALCULATORS[name]
    values = {f.name: raw.get(f.name) if raw.get(f.name) not in (None, "") else str(f.default)
              for f in calculator.fields}
    errors = {f.name: message for f in calculator.fields if (message := field_error(f, values[f.name], lang))}
    if errors:
        return Outcome(calculator, values, None, errors)
    try:
        result = calculator.compute(**values, lang=lang)
    except SimulationError as error:
        return Outcome(calculator, values, None, _rule_errors(name, error, values, lang))
    return Outcome(calculator, values, result, {})


def number(value: float) -> str:
    """A bound as a reader writes it: 1,000,000 rather than 1e+06, 0.001 as it is."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")


_INTSTR = re.compile(r"\s*[0-9]{1,4}%?\s*")


def field_error(field: Field, raw: str, lang: str) -> str | None:
    """What is wrong with one field's text, in the page's language and without parameter names; None if nothing."""
    _ = translations(lang).gettext
    if field.kind == "choice":
        return None if raw in field.choices else _("Choose one of the listed options.")
    if field.kind == "text":
        # The forms the API's schema admits (app/api/calculators.py): up to four digits, or for maxUnavailable a
        # percentage up to 100 (leading zeros allowed, as Kubernetes reads them).
        text = raw.strip()
        capped = field.percent_max is not None
        if not (re.fullmatch(rf"[0-9]{{1,4}}|{PERCENT_UP_TO_100}", text) if capped else _INTSTR.fullmatch(raw)):
            if field.percent_max is not None:
                return _("Enter a number of pods such as %(count)s, or a percentage up to %(limit)s such as "
                         "%(example)s.") % {"count": "1", "limit": f"{field.percent_max}%", "example": "25%"}
            return _("Enter a number of pods such as %(count)s, or a percentage such as %(example)s.") % {
                "count": "1", "example": "25%"}
        return None
    bounds = {"lo": number(field.min), "hi": number(field.max)}
    try:
        value = float(raw) if field.kind == "number" else int(raw.strip()) if re.fullmatch(r"\s*-?\d+\s*", raw) else None
    except ValueError:
        value = None
    if value is None or value != value or not field.min <= value <= field.max:
        if field.kind == "int":
            return _("Enter a whole number from %(lo)s to %(hi)s.") % bounds
        return _("Enter a number from %(lo)s to %(hi)s.") % bounds
    return None


def _rule_errors(name: str, error: SimulationError, values: dict[str, str], lang: str) -> dict[str, str]:
    """A rule across fields, beside each field it concerns, in the page's language."""
    _ = translations(lang).gettext
    if name == "hpa" and error.param == "max_replicas":
        return {"max_replicas": _("Must not be less than the minimum replicas (%(n)s).") % {"n": values["min_replicas"].strip()},
                "min_replicas": _("Must not be more than the maximum replicas (%(n)s).") % {"n": values["max_replicas"].strip()}}
    if name == "rolling-update" and error.param == "max_unavailable":
        both = _("maxSurge and maxUnavailable cannot both be 0: the rollout could never take a step.")
        return {"max_unavailable": both, "max_surge": both}
    return dict.fromkeys(error.by_param(lang), _("This value is not accepted: %(reason)s") % {"reason": error.text(lang)})
