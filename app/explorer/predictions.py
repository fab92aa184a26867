"""Predictions: questions asked before a step, whose choices, answer and working the trace itself computes."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app import sim
from app.content.prediction_specs import QUESTION_SELECTORS, parse
from app.explorer import prediction_types as types
from app.schemas import PredictionChoicePublic, PredictionPublic

GUESS = re.compile(r"^(?P<id>p[0-9]{1,2})-(?P<choice>[a-e]|skip)$")
Builder = Callable[[sim.Trace, int, dict, str], "types.Built | None"]
BUILDERS: dict[str, Builder] = {
    "hpa-replicas": types.hpa_replicas,
    "hpa-scale-down": types.hpa_scale_down,
    "rollout-peak": types.rollout_peak,
    "serving-pods": types.serving_pods,
    "eviction-time": types.eviction_time,
    "restart-delay": types.restart_delay,
    "replacement-node": types.replacement_node,
    "pods-per-node": types.pods_per_node,
    "all-ready-time": types.all_ready_time,
    "host-failure": types.host_failure,
}
assert set(BUILDERS) == set(QUESTION_SELECTORS), "every authored question type has a builder"


class BadGuess(ValueError):
    """A ?guess= that names no choice of this scenario's questions."""


def find(trace: sim.Trace, selector: str) -> tuple[int, dict] | None:
    """The step a selector names and the event or decision it matched there, or None when this run has none."""
    parsed = parse(selector)
    if parsed is None:
        return None
    (kind, name), nth = parsed[0].split(":", 1), parsed[1]
    matches = []
    for step in trace.steps:
        if kind == "event":
            items = [e for e in step.events if e.get("type") == name]
        else:
            controller, type_ = name.split("/")
            items = [d for d in step.decisions if d.get("controller") == controller and d.get("type") == type_]
        if items:
            matches.append((step.index, items[0]))
    if not matches:
        return None
    if nth == "last":
        return matches[-1]
    return matches[int(nth) - 1] if int(nth) <= len(matches) else None


def compute(trace: sim.Trace, specs: list[dict[str, str]], lang: str) -> list[PredictionPublic]:
    """The questions of a scenario for this run: one per step at most, never about the first step."""
    out: list[PredictionPublic] = []
    asked: set[int] = set()
    for number, spec in enumerate(specs, start=1):
        builder = BUILDERS.get(spec.get("question", ""))
        found = find(trace, spec.get("at", ""))
        if builder is None or found is None or found[0] == 0 or found[0] in asked:
            continue
        built = builder(trace, found[0], found[1], lang)
        if built is None:
            continue
        asked.add(found[0])
        out.append(_public(f"p{number}", spec["question"], found[0], built))
    return out


def _public(pid: str, type_: str, index: int, built: types.Built) -> PredictionPublic:
    """Number the options a, b, c… in the order of their values, the right one kept whatever its label."""
    options: dict[str, types.Option] = {}
    for option in sorted(built.options, key=lambda o: (not o.right)):
        options.setdefault(option.label, option)  # two wrong ideas that give the same number are one choice
    ordered = sorted(list(options.values())[:5], key=lambda o: o.order)  # the right one first in, so always kept
    choices = [PredictionChoicePublic(key=f"{pid}-{'abcde'[i]}", label=o.label, why=o.why) for i, o in enumerate(ordered)]
    answer = next(c.key for c, o in zip(choices, ordered, strict=True) if o.right)
    return PredictionPublic(id=pid, type=type_, step=index, question=built.question, choices=choices,
                            answer=answer, explanation=built.explanation, source=built.source)


def read_guess(predictions: list[PredictionPublic], guess: str | None) -> tuple[str, str] | None:
    """A ?guess= as (prediction id, choice key or "skip"); BadGuess if it names no choice of these questions."""
    if guess is None:
        return None
    match = GUESS.match(guess)
    if match is None:
        raise BadGuess(guess)
    known = {p.id: {c.key for c in p.choices} for p in predictions}
    if match["id"] not in known:
        # A question this run does not ask (a what-if removed its step): nothing to reveal, and nothing wrong.
        return None
    if match["choice"] != "skip" and guess not in known[match["id"]]:
        raise BadGuess(guess)
    return match["id"], guess


@dataclass
class Asked:
    """The question a page shows: open (the step before its step is shown) or revealed (with its step)."""

    prediction: PredictionPublic
    revealed: bool
    guess: str | None  # the choice key picked, or None when skipped or still open

    @property
    def right(self) -> bool:
        return self.guess == self.prediction.answer

    @property
    def picked(self) -> PredictionChoicePublic | None:
        return next((c for c in self.prediction.choices if c.key == self.guess), None)


def at_step(predictions: list[PredictionPublic], requested: int, guess: tuple[str, str] | None) -> Asked | None:
    """The question about the requested step, open unless the guess answers (or skips) it."""
    prediction = next((p for p in predictions if p.step == requested), None)
    if prediction is None:
        return None
    if guess is not None and guess[0] == prediction.id:
        picked = None if guess[1].endswith("-skip") else guess[1]
        return Asked(prediction, True, picked)
    return Asked(prediction, False, None)


__all__ = ["BUILDERS", "Asked", "BadGuess", "at_step", "compute", "find", "read_guess"]
